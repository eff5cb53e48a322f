import { beforeEach, describe, expect, it } from "vitest";
import {
  addresses,
  createCommerceStore,
  dataOf,
  type CommerceStore,
  type GraphqlBody,
} from "./commerce-harness";

const ORDER_FIELDS = `
  id
  name
  email
  tags
  test
  sourceName
  sourceIdentifier
  displayFinancialStatus
  displayFulfillmentStatus
  paymentGatewayNames
  closed
  cancelledAt
  cancelReason
  subtotalPriceSet { shopMoney { amount } }
  totalShippingPriceSet { shopMoney { amount } }
  totalTaxSet { shopMoney { amount } }
  totalPriceSet { shopMoney { amount } }
  currentTotalPriceSet { shopMoney { amount } }
  totalRefundedSet { shopMoney { amount } }
  taxLines { title rate priceSet { shopMoney { amount } } }
  transactions {
    id
    kind
    status
    gateway
    authorizationCode
    amountSet { shopMoney { amount } }
  }
  lineItems(first: 10) {
    nodes {
      id
      quantity
      currentQuantity
      refundableQuantity
      unfulfilledQuantity
      variant { id }
      taxLines { title priceSet { shopMoney { amount } } }
    }
  }
  fulfillmentOrders(first: 5) {
    nodes { id status lineItems(first: 10) { nodes { id remainingQuantity } } }
  }
  refunds { id totalRefundedSet { shopMoney { amount } } }
  fulfillments { name trackingInfo { company number url } }
`;

const CREATE = `#graphql
  mutation Create(
    $order: OrderCreateOrderInput!
    $options: OrderCreateOptionsInput
  ) {
    orderCreate(order: $order, options: $options) {
      order { ${ORDER_FIELDS} }
      userErrors { field message code }
    }
  }
`;

interface Money {
  shopMoney: { amount: string };
}

interface Order {
  id: string;
  name: string;
  tags: string[];
  sourceIdentifier: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  paymentGatewayNames: string[];
  closed: boolean;
  cancelledAt: string | null;
  cancelReason: string | null;
  subtotalPriceSet: Money;
  totalShippingPriceSet: Money;
  totalTaxSet: Money;
  totalPriceSet: Money;
  currentTotalPriceSet: Money;
  totalRefundedSet: Money;
  taxLines: { title: string; rate: number; priceSet: Money }[];
  transactions: {
    id: string;
    kind: string;
    status: string;
    gateway: string;
    authorizationCode: string | null;
    amountSet: Money;
  }[];
  lineItems: {
    nodes: {
      id: string;
      quantity: number;
      currentQuantity: number;
      refundableQuantity: number;
      unfulfilledQuantity: number;
      taxLines: { title: string; priceSet: Money }[];
    }[];
  };
  fulfillmentOrders: {
    nodes: {
      id: string;
      status: string;
      lineItems: { nodes: { id: string; remainingQuantity: number }[] };
    }[];
  };
  refunds: { id: string; totalRefundedSet: Money }[];
  fulfillments: { name: string; trackingInfo: unknown[] }[];
}

interface UserError {
  field: string[] | null;
  message: string;
  code?: string;
}

interface CreatePayload {
  orderCreate: { order: Order | null; userErrors: UserError[] };
}

let store: CommerceStore;

beforeEach(() => {
  store = createCommerceStore();
});

const usd = (amount: string) => ({
  shopMoney: { amount, currencyCode: "USD" },
});

/** The order the app creates after a Stripe payment for a NY quote. */
function stripeOrder(overrides: Record<string, unknown> = {}) {
  return {
    lineItems: [
      { variantId: store.catalog.shirt, quantity: 2, priceSet: usd("20.00") },
    ],
    taxLines: [
      { title: "NY State Tax", rate: "0.08875", priceSet: usd("3.55") },
    ],
    shippingLines: [
      {
        title: "Standard",
        code: "STANDARD",
        priceSet: usd("5.00"),
        taxLines: [
          { title: "NY State Tax", rate: "0.08875", priceSet: usd("0.44") },
        ],
      },
    ],
    shippingAddress: addresses.newYork,
    email: "ada@example.com",
    sourceName: "acp-bridge",
    sourceIdentifier: "ord_123",
    tags: ["acp"],
    transactions: [
      {
        kind: "SALE",
        status: "SUCCESS",
        gateway: "stripe",
        authorizationCode: "pi_123",
        amountSet: usd("48.99"),
      },
    ],
    ...overrides,
  };
}

async function createOrder(
  order: Record<string, unknown>,
  options?: Record<string, unknown>,
) {
  const body = await store.send(CREATE, { order, options });
  return dataOf<CreatePayload>(body).orderCreate;
}

async function requireOrder(
  order: Record<string, unknown>,
  options?: Record<string, unknown>,
): Promise<Order> {
  const { order: created, userErrors } = await createOrder(order, options);
  expect(userErrors).toEqual([]);
  if (!created) throw new Error("no order");
  return created;
}

describe("orderCreate", () => {
  it("creates a paid order that names Stripe as its gateway", async () => {
    const order = await requireOrder(stripeOrder());

    expect(order).toMatchObject({
      name: "#1001",
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: "UNFULFILLED",
      paymentGatewayNames: ["stripe"],
      sourceIdentifier: "ord_123",
      subtotalPriceSet: { shopMoney: { amount: "40.0" } },
      totalShippingPriceSet: { shopMoney: { amount: "5.0" } },
      totalTaxSet: { shopMoney: { amount: "3.99" } },
      totalPriceSet: { shopMoney: { amount: "48.99" } },
    });
    expect(order.transactions).toEqual([
      expect.objectContaining({
        kind: "SALE",
        status: "SUCCESS",
        gateway: "stripe",
        authorizationCode: "pi_123",
      }),
    ]);
  });

  it("splits order-level tax lines over the taxable lines", async () => {
    const order = await requireOrder(
      stripeOrder({
        lineItems: [
          {
            variantId: store.catalog.shirt,
            quantity: 1,
            priceSet: usd("20.00"),
          },
          { variantId: store.catalog.mug, quantity: 2, priceSet: usd("12.50") },
        ],
        taxLines: [
          { title: "NY State Tax", rate: "0.08875", priceSet: usd("4.00") },
        ],
      }),
    );

    const taxes = order.lineItems.nodes.map(
      (l) => l.taxLines[0]?.priceSet.shopMoney.amount,
    );
    expect(taxes).toEqual(["1.77", "2.23"]);
    expect(order.taxLines).toEqual([
      {
        title: "NY State Tax",
        rate: 0.08875,
        priceSet: { shopMoney: { amount: "4.44" } },
      },
    ]);
  });

  it("leaves the financial status empty without payments", async () => {
    const order = await requireOrder(
      stripeOrder({ transactions: [], shippingLines: [], taxLines: [] }),
    );

    expect(order.displayFinancialStatus).toBeNull();
    expect(order.paymentGatewayNames).toEqual([]);
  });

  it("records a manual payment for financialStatus PAID", async () => {
    const order = await requireOrder(
      stripeOrder({ transactions: [], financialStatus: "PAID" }),
    );

    expect(order.displayFinancialStatus).toBe("PAID");
    expect(order.paymentGatewayNames).toEqual(["manual"]);
  });

  it("is AUTHORIZED after an authorization", async () => {
    const order = await requireOrder(
      stripeOrder({
        transactions: [
          { kind: "AUTHORIZATION", gateway: "stripe", amountSet: usd("48.99") },
        ],
      }),
    );

    expect(order.displayFinancialStatus).toBe("AUTHORIZED");
  });

  it("bypasses inventory by default", async () => {
    await requireOrder(stripeOrder());

    expect(store.stock(store.catalog.shirt)).toMatchObject({
      available: 10,
      committed: 0,
    });
  });

  it("commits stock with DECREMENT_OBEYING_POLICY", async () => {
    await requireOrder(stripeOrder(), {
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
    });

    expect(store.stock(store.catalog.shirt)).toMatchObject({
      available: 8,
      committed: 2,
    });
  });

  it("fails with INVENTORY_CLAIM_FAILED when stock is short", async () => {
    const { order, userErrors } = await createOrder(
      stripeOrder({
        lineItems: [{ variantId: store.catalog.soldOut, quantity: 1 }],
      }),
      { inventoryBehaviour: "DECREMENT_OBEYING_POLICY" },
    );

    expect(order).toBeNull();
    expect(userErrors).toEqual([
      expect.objectContaining({
        code: "INVENTORY_CLAIM_FAILED",
        field: ["order", "lineItems", "0"],
      }),
    ]);
  });

  it("oversells with DECREMENT_IGNORING_POLICY", async () => {
    await requireOrder(
      stripeOrder({
        lineItems: [{ variantId: store.catalog.soldOut, quantity: 1 }],
      }),
      { inventoryBehaviour: "DECREMENT_IGNORING_POLICY" },
    );

    expect(store.stock(store.catalog.soldOut)).toMatchObject({
      available: -1,
      committed: 1,
    });
  });

  it("needs at least one line item", async () => {
    const { userErrors } = await createOrder(stripeOrder({ lineItems: [] }));

    expect(userErrors).toEqual([
      {
        field: ["order", "lineItems"],
        message: "Line items must have at least one line item",
        code: "INVALID",
      },
    ]);
  });

  it("is refused to an online (staff) token", async () => {
    store.shop.accessTokens.push({
      token: "online-token",
      scopes: ["write_orders"],
      online: true,
    });

    const body = await store.send<GraphqlBody>(
      CREATE,
      { order: stripeOrder() },
      { token: "online-token" },
    );

    expect(body.errors?.[0]?.extensions?.["code"]).toBe("ACCESS_DENIED");
    expect(store.shop.orders.size).toBe(0);
  });

  it("creates five orders a minute on a development store", async () => {
    store = createCommerceStore({ developmentStore: true });
    for (let i = 0; i < 5; i++) {
      await requireOrder(stripeOrder());
    }

    const sixth = await store.send<GraphqlBody>(CREATE, {
      order: stripeOrder(),
    });
    store.advance(60_000);
    const later = await createOrder(stripeOrder());

    expect(sixth.errors?.[0]?.message).toContain(
      "Exceeded order API rate limit",
    );
    expect(later.order?.name).toBe("#1006");
  });

  it("sends orders/create and orders/paid in REST shape", async () => {
    const order = await requireOrder(stripeOrder());

    const [created] = store.webhooks("orders/create");
    expect(created).toMatchObject({
      id: Number(order.id.split("/").pop()),
      admin_graphql_api_id: order.id,
      name: "#1001",
      email: "ada@example.com",
      financial_status: "paid",
      fulfillment_status: null,
      currency: "USD",
      total_price: "48.99",
      total_tax: "3.99",
      source_identifier: "ord_123",
      tags: "acp",
      payment_gateway_names: ["stripe"],
      cancelled_at: null,
    });
    expect(created?.["line_items"]).toEqual([
      expect.objectContaining({
        variant_id: Number(store.catalog.shirt.split("/").pop()),
        quantity: 2,
        price: "20.00",
      }),
    ]);
    expect(store.webhooks("orders/paid")).toHaveLength(1);
  });
});

describe("order(id:) and orders(query:)", () => {
  it("finds orders by source identifier and tag", async () => {
    await requireOrder(stripeOrder());
    await requireOrder(
      stripeOrder({ sourceIdentifier: "ord_456", tags: ["pos"] }),
    );

    const body = await store.send(`{
      bySource: orders(first: 5, query: "source_identifier:ord_456") {
        nodes { name }
      }
      byTag: orders(first: 5, query: "tag:acp") { nodes { name } }
    }`);

    expect(dataOf<Record<string, unknown>>(body)).toEqual({
      bySource: { nodes: [{ name: "#1002" }] },
      byTag: { nodes: [{ name: "#1001" }] },
    });
  });

  it("reads an order by id", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send(
      `query($id: ID!) { order(id: $id) { name sourceName } }`,
      { id: order.id },
    );

    expect(dataOf<{ order: unknown }>(body).order).toEqual({
      name: "#1001",
      sourceName: "acp-bridge",
    });
  });
});

const MARK_PAID = `#graphql
  mutation Paid($id: ID!) {
    orderMarkAsPaid(input: { id: $id }) {
      order { displayFinancialStatus paymentGatewayNames }
      userErrors { field message }
    }
  }
`;

describe("orderMarkAsPaid", () => {
  it("pays what is owed with a manual payment", async () => {
    const order = await requireOrder(stripeOrder({ transactions: [] }));

    const body = await store.send(MARK_PAID, { id: order.id });

    expect(dataOf<Record<string, unknown>>(body)["orderMarkAsPaid"]).toEqual({
      order: {
        displayFinancialStatus: "PAID",
        paymentGatewayNames: ["manual"],
      },
      userErrors: [],
    });
    expect(store.webhooks("orders/paid")).toHaveLength(1);
  });

  it("refuses an order that is already paid", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send(MARK_PAID, { id: order.id });
    const payload = dataOf<{
      orderMarkAsPaid: { userErrors: UserError[] };
    }>(body).orderMarkAsPaid;

    expect(payload.userErrors[0]?.field).toEqual(["id"]);
  });

  it("answers an unknown order", async () => {
    const body = await store.send(MARK_PAID, { id: "gid://shopify/Order/1" });

    expect(
      dataOf<{ orderMarkAsPaid: { userErrors: UserError[] } }>(body)
        .orderMarkAsPaid.userErrors,
    ).toEqual([{ field: ["id"], message: "Order does not exist" }]);
  });
});

async function readOrder(id: string): Promise<Order> {
  const body = await store.send(
    `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`,
    {
      id,
    },
  );
  const { order } = dataOf<{ order: Order | null }>(body);
  if (!order) throw new Error("no order");
  return order;
}

const CANCEL = `#graphql
  mutation Cancel($id: ID!, $restock: Boolean!, $refund: Boolean!) {
    orderCancel(
      orderId: $id
      reason: CUSTOMER
      restock: $restock
      refundMethod: { originalPaymentMethodsRefund: $refund }
    ) {
      job { id done }
      orderCancelUserErrors { field message code }
    }
  }
`;

describe("orderCancel", () => {
  it("cancels at once, refunds the payment and restocks", async () => {
    const order = await requireOrder(stripeOrder(), {
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
    });

    const body = await store.send(CANCEL, {
      id: order.id,
      restock: true,
      refund: true,
    });
    const payload = dataOf<{
      orderCancel: {
        job: { done: boolean } | null;
        orderCancelUserErrors: UserError[];
      };
    }>(body).orderCancel;
    const cancelled = await readOrder(order.id);

    expect(payload.orderCancelUserErrors).toEqual([]);
    expect(payload.job?.done).toBe(false);
    expect(cancelled).toMatchObject({
      cancelReason: "CUSTOMER",
      closed: true,
      displayFinancialStatus: "REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "48.99" } },
      currentTotalPriceSet: { shopMoney: { amount: "0.0" } },
    });
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(store.stock(store.catalog.shirt)).toMatchObject({
      available: 10,
      committed: 0,
    });
    expect(store.webhooks("orders/cancelled")[0]).toMatchObject({
      cancel_reason: "customer",
      financial_status: "refunded",
    });
    expect(store.webhooks("refunds/create")).toHaveLength(1);
  });

  it("keeps the payment and the stock out when told not to", async () => {
    const order = await requireOrder(stripeOrder(), {
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
    });

    await store.send(CANCEL, { id: order.id, restock: false, refund: false });
    const cancelled = await readOrder(order.id);

    expect(cancelled.displayFinancialStatus).toBe("PAID");
    expect(store.stock(store.catalog.shirt)).toMatchObject({
      available: 8,
      committed: 0,
    });
  });

  it("refuses to cancel twice", async () => {
    const order = await requireOrder(stripeOrder());
    await store.send(CANCEL, { id: order.id, restock: true, refund: false });

    const body = await store.send(CANCEL, {
      id: order.id,
      restock: true,
      refund: false,
    });

    expect(
      dataOf<{ orderCancel: { orderCancelUserErrors: UserError[] } }>(body)
        .orderCancel.orderCancelUserErrors[0]?.code,
    ).toBe("INVALID");
  });
});

const REFUND = `#graphql
  mutation Refund($input: RefundInput!) {
    refundCreate(input: $input) @idempotent(key: "refund-key-1") {
      refund { id totalRefundedSet { shopMoney { amount } } }
      order { displayFinancialStatus totalRefundedSet { shopMoney { amount } } }
      userErrors { field message }
    }
  }
`;

const REFUND_WITHOUT_KEY = REFUND.replace(
  ' @idempotent(key: "refund-key-1")',
  "",
);

interface RefundPayload {
  refundCreate: {
    refund: { id: string; totalRefundedSet: Money } | null;
    order: { displayFinancialStatus: string; totalRefundedSet: Money } | null;
    userErrors: UserError[];
  };
}

function refundInput(order: Order, amount: string, quantity = 1) {
  const sale = order.transactions[0];
  return {
    orderId: order.id,
    refundLineItems: [
      {
        lineItemId: order.lineItems.nodes[0]?.id,
        quantity,
        restockType: "RETURN",
      },
    ],
    transactions: [
      {
        orderId: order.id,
        parentId: sale?.id,
        kind: "REFUND",
        gateway: "stripe",
        amount,
      },
    ],
  };
}

describe("refundCreate", () => {
  it("records a partial refund against the Stripe sale", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send(REFUND, {
      input: refundInput(order, "21.78"),
    });
    const { refundCreate } = dataOf<RefundPayload>(body);
    const after = await readOrder(order.id);

    expect(refundCreate.userErrors).toEqual([]);
    expect(refundCreate.order).toEqual({
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      totalRefundedSet: { shopMoney: { amount: "21.78" } },
    });
    expect(after.lineItems.nodes[0]).toMatchObject({
      currentQuantity: 1,
      refundableQuantity: 1,
    });
    expect(store.webhooks("refunds/create")[0]).toMatchObject({
      order_id: Number(order.id.split("/").pop()),
      transactions: [
        expect.objectContaining({
          kind: "refund",
          gateway: "stripe",
          amount: "21.78",
        }),
      ],
    });
  });

  it("fails without @idempotent from 2026-04", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send<GraphqlBody>(REFUND_WITHOUT_KEY, {
      input: refundInput(order, "10.00"),
    });

    expect(body.errors?.[0]?.message).toContain("@idempotent");
    expect((await readOrder(order.id)).refunds).toEqual([]);
  });

  it("accepts a refund without a key on 2026-01", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send(
      REFUND_WITHOUT_KEY,
      { input: refundInput(order, "10.00") },
      { apiVersion: "2026-01" },
    );

    expect(dataOf<RefundPayload>(body).refundCreate.userErrors).toEqual([]);
  });

  it("replays the same refund for the same key", async () => {
    const order = await requireOrder(stripeOrder());
    const input = refundInput(order, "10.00");

    const first = dataOf<RefundPayload>(await store.send(REFUND, { input }));
    const again = dataOf<RefundPayload>(await store.send(REFUND, { input }));

    expect(again.refundCreate.refund?.id).toBe(first.refundCreate.refund?.id);
    expect((await readOrder(order.id)).refunds).toHaveLength(1);
    expect(store.webhooks("refunds/create")).toHaveLength(1);
  });

  it("refuses to refund more than was paid", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send(REFUND, {
      input: refundInput(order, "60.00"),
    });
    const { refundCreate } = dataOf<RefundPayload>(body);

    expect(refundCreate.refund).toBeNull();
    expect(refundCreate.userErrors[0]?.field).toEqual(["transactions"]);
  });

  it("refuses to refund more items than were bought", async () => {
    const order = await requireOrder(stripeOrder());

    const body = await store.send(REFUND, {
      input: refundInput(order, "1.00", 3),
    });

    expect(
      dataOf<RefundPayload>(body).refundCreate.userErrors[0]?.field,
    ).toEqual(["refundLineItems", "0", "quantity"]);
  });
});

const FULFILL = `#graphql
  mutation Ship($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        name
        status
        totalQuantity
        trackingInfo { company number url }
      }
      userErrors { field message }
    }
  }
`;

describe("fulfillmentCreate", () => {
  async function ship(order: Order, quantity?: number) {
    const fo = order.fulfillmentOrders.nodes[0];
    const foLine = fo?.lineItems.nodes[0];
    const body = await store.send(FULFILL, {
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: fo?.id,
            fulfillmentOrderLineItems:
              quantity === undefined
                ? undefined
                : [{ id: foLine?.id, quantity }],
          },
        ],
        trackingInfo: {
          company: "UPS",
          number: "1Z999",
          url: "https://ups.example/1Z999",
        },
      },
    });
    return dataOf<{
      fulfillmentCreate: {
        fulfillment: { name: string; totalQuantity: number } | null;
        userErrors: UserError[];
      };
    }>(body).fulfillmentCreate;
  }

  it("ships part of an order, then the rest", async () => {
    const order = await requireOrder(stripeOrder());

    const first = await ship(order, 1);
    const partial = await readOrder(order.id);
    await ship(partial);
    const shipped = await readOrder(order.id);

    expect(first.fulfillment).toMatchObject({
      name: "#1001.1",
      totalQuantity: 1,
    });
    expect(partial.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(partial.fulfillmentOrders.nodes[0]?.status).toBe("IN_PROGRESS");
    expect(shipped.displayFulfillmentStatus).toBe("FULFILLED");
    expect(shipped.fulfillmentOrders.nodes[0]?.status).toBe("CLOSED");
    expect(shipped.fulfillments[1]?.trackingInfo).toEqual([
      { company: "UPS", number: "1Z999", url: "https://ups.example/1Z999" },
    ]);
    expect(store.webhooks("orders/partially_fulfilled")).toHaveLength(1);
    expect(store.webhooks("orders/fulfilled")[0]).toMatchObject({
      fulfillment_status: "fulfilled",
    });
    expect(store.webhooks("fulfillments/create")[0]).toMatchObject({
      tracking_company: "UPS",
      tracking_number: "1Z999",
      status: "success",
    });
  });

  it("ships committed stock out of the warehouse", async () => {
    const order = await requireOrder(stripeOrder(), {
      inventoryBehaviour: "DECREMENT_OBEYING_POLICY",
    });

    await ship(order);

    expect(store.stock(store.catalog.shirt)).toMatchObject({
      available: 8,
      committed: 0,
    });
  });

  it("refuses more than remains to ship", async () => {
    const order = await requireOrder(stripeOrder());

    const result = await ship(order, 3);

    expect(result.fulfillment).toBeNull();
    expect(result.userErrors).toHaveLength(1);
  });
});
