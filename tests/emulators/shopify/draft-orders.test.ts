import { beforeEach, describe, expect, it } from "vitest";
import {
  addresses,
  createCommerceStore,
  dataOf,
  type CommerceStore,
} from "./commerce-harness";

const DRAFT_FIELDS = `
  id
  name
  status
  email
  note2
  tags
  reserveInventoryUntil
  customAttributes { key value }
  totalPriceSet { shopMoney { amount } }
  totalTaxSet { shopMoney { amount } }
  shippingAddress { city provinceCode countryCodeV2 }
  lineItems(first: 10) { nodes { id quantity variant { id } } }
  metafield(namespace: "acp", key: "session") { value }
  order { id name }
`;

const CREATE = `#graphql
  mutation Create($input: DraftOrderInput!) {
    draftOrderCreate(input: $input) {
      draftOrder { ${DRAFT_FIELDS} }
      userErrors { field message }
    }
  }
`;

const UPDATE = `#graphql
  mutation Update($id: ID!, $input: DraftOrderInput!) {
    draftOrderUpdate(id: $id, input: $input) {
      draftOrder { ${DRAFT_FIELDS} }
      userErrors { field message }
    }
  }
`;

const DELETE = `#graphql
  mutation Delete($id: ID!) {
    draftOrderDelete(input: { id: $id }) {
      deletedId
      userErrors { field message }
    }
  }
`;

const COMPLETE = `#graphql
  mutation Complete($id: ID!, $pending: Boolean) {
    draftOrderComplete(id: $id, paymentPending: $pending) {
      draftOrder {
        status
        completedAt
        order {
          id
          name
          displayFinancialStatus
          paymentGatewayNames
          sourceName
          totalPriceSet { shopMoney { amount } }
          totalTaxSet { shopMoney { amount } }
          transactions {
            kind
            status
            gateway
            amountSet { shopMoney { amount } }
          }
        }
      }
      userErrors { field message }
    }
  }
`;

interface Draft {
  id: string;
  name: string;
  status: string;
  email: string | null;
  note2: string | null;
  tags: string[];
  reserveInventoryUntil: string | null;
  customAttributes: { key: string; value: string }[];
  totalPriceSet: { shopMoney: { amount: string } };
  totalTaxSet: { shopMoney: { amount: string } };
  shippingAddress: { city: string } | null;
  lineItems: {
    nodes: { id: string; quantity: number; variant: { id: string } }[];
  };
  metafield: { value: string } | null;
  order: { id: string; name: string } | null;
}

interface UserError {
  field: string[] | null;
  message: string;
}

let store: CommerceStore;

beforeEach(() => {
  store = createCommerceStore();
});

const inAnHour = () =>
  new Date(store.now().getTime() + 3_600_000).toISOString();

async function createDraft(input: Record<string, unknown>) {
  const body = await store.send(CREATE, { input });
  return dataOf<{
    draftOrderCreate: { draftOrder: Draft | null; userErrors: UserError[] };
  }>(body).draftOrderCreate;
}

async function requireDraft(input: Record<string, unknown>): Promise<Draft> {
  const { draftOrder, userErrors } = await createDraft(input);
  expect(userErrors).toEqual([]);
  if (!draftOrder) throw new Error("no draft");
  return draftOrder;
}

const twoMugs = () => ({
  lineItems: [{ variantId: store.catalog.mug, quantity: 2 }],
  shippingAddress: addresses.newYork,
});

describe("draftOrderCreate", () => {
  it("stores the draft with its details and totals", async () => {
    const draft = await requireDraft({
      ...twoMugs(),
      email: "ada@example.com",
      note: "Agentic order",
      tags: ["acp", "agentic"],
      customAttributes: [{ key: "checkout_session", value: "cs_1" }],
      metafields: [
        {
          namespace: "acp",
          key: "session",
          type: "single_line_text_field",
          value: "cs_1",
        },
      ],
    });

    expect(draft).toMatchObject({
      name: "#D1",
      status: "OPEN",
      email: "ada@example.com",
      note2: "Agentic order",
      tags: ["acp", "agentic"],
      customAttributes: [{ key: "checkout_session", value: "cs_1" }],
      totalTaxSet: { shopMoney: { amount: "2.22" } },
      totalPriceSet: { shopMoney: { amount: "27.22" } },
      shippingAddress: { city: "New York" },
      metafield: { value: "cs_1" },
      order: null,
    });
    expect(draft.lineItems.nodes[0]?.id).toMatch(
      /^gid:\/\/shopify\/DraftOrderLineItem\//,
    );
  });

  it("reserves stock until reserveInventoryUntil", async () => {
    await requireDraft({ ...twoMugs(), reserveInventoryUntil: inAnHour() });

    expect(store.stock(store.catalog.mug)).toEqual({
      available: 0,
      reserved: 2,
      committed: 0,
    });
  });

  it("holds no stock without reserveInventoryUntil", async () => {
    await requireDraft(twoMugs());

    expect(store.stock(store.catalog.mug).reserved).toBe(0);
  });

  it("refuses a reservation that ends in the past", async () => {
    const past = new Date(store.now().getTime() - 1000).toISOString();

    const { draftOrder, userErrors } = await createDraft({
      ...twoMugs(),
      reserveInventoryUntil: past,
    });

    expect(draftOrder).toBeNull();
    expect(userErrors).toEqual([
      {
        field: ["reserveInventoryUntil"],
        message: "Reserve until can't be in the past",
      },
    ]);
  });

  it("releases the reservation once it expires", async () => {
    await requireDraft({ ...twoMugs(), reserveInventoryUntil: inAnHour() });

    store.advance(3_600_001);
    await store.send(`{ draftOrders(first: 1) { nodes { id } } }`);

    expect(store.stock(store.catalog.mug)).toMatchObject({
      available: 2,
      reserved: 0,
    });
  });

  it("sends draft_orders/create", async () => {
    const draft = await requireDraft({ ...twoMugs(), tags: ["acp"] });

    expect(store.webhooks("draft_orders/create")).toEqual([
      expect.objectContaining({
        admin_graphql_api_id: draft.id,
        status: "open",
        tags: "acp",
        total_price: "27.22",
      }),
    ]);
  });
});

describe("draftOrderUpdate", () => {
  it("moves the reservation with the new quantity", async () => {
    const draft = await requireDraft({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 3 }],
      reserveInventoryUntil: inAnHour(),
    });

    const body = await store.send(UPDATE, {
      id: draft.id,
      input: { lineItems: [{ variantId: store.catalog.shirt, quantity: 1 }] },
    });
    const { draftOrderUpdate } = dataOf<{
      draftOrderUpdate: { draftOrder: Draft; userErrors: UserError[] };
    }>(body);

    expect(draftOrderUpdate.userErrors).toEqual([]);
    expect(draftOrderUpdate.draftOrder.lineItems.nodes[0]?.quantity).toBe(1);
    expect(store.stock(store.catalog.shirt)).toMatchObject({
      available: 9,
      reserved: 1,
    });
    expect(store.webhooks("draft_orders/update")).toHaveLength(1);
  });

  it("keeps fields the update does not name", async () => {
    const draft = await requireDraft({
      ...twoMugs(),
      email: "ada@example.com",
    });

    const body = await store.send(UPDATE, {
      id: draft.id,
      input: { tags: ["accepted"] },
    });
    const updated = dataOf<{ draftOrderUpdate: { draftOrder: Draft } }>(body)
      .draftOrderUpdate.draftOrder;

    expect(updated.email).toBe("ada@example.com");
    expect(updated.tags).toEqual(["accepted"]);
    expect(updated.lineItems.nodes[0]?.quantity).toBe(2);
  });
});

describe("draftOrderDelete", () => {
  it("releases the reserved stock and sends draft_orders/delete", async () => {
    const draft = await requireDraft({
      ...twoMugs(),
      reserveInventoryUntil: inAnHour(),
    });

    const body = await store.send(DELETE, { id: draft.id });

    expect(
      dataOf<{ draftOrderDelete: unknown }>(body).draftOrderDelete,
    ).toEqual({
      deletedId: draft.id,
      userErrors: [],
    });
    expect(store.stock(store.catalog.mug)).toMatchObject({
      available: 2,
      reserved: 0,
    });
    expect(store.webhooks("draft_orders/delete")).toEqual([
      { id: Number(draft.id.split("/").pop()) },
    ]);
  });

  it("answers an unknown draft with a user error", async () => {
    const body = await store.send(DELETE, {
      id: "gid://shopify/DraftOrder/424242",
    });

    expect(
      dataOf<{ draftOrderDelete: { userErrors: UserError[] } }>(body)
        .draftOrderDelete.userErrors,
    ).toHaveLength(1);
  });
});

interface Completed {
  draftOrderComplete: {
    draftOrder: {
      status: string;
      completedAt: string;
      order: {
        id: string;
        name: string;
        displayFinancialStatus: string;
        paymentGatewayNames: string[];
        sourceName: string;
        totalPriceSet: { shopMoney: { amount: string } };
        totalTaxSet: { shopMoney: { amount: string } };
        transactions: { kind: string; status: string; gateway: string }[];
      };
    } | null;
    userErrors: UserError[];
  };
}

describe("draftOrderComplete", () => {
  it("turns the draft into a paid order with a manual payment", async () => {
    const draft = await requireDraft(twoMugs());

    const body = await store.send(COMPLETE, { id: draft.id });
    const { draftOrder, userErrors } =
      dataOf<Completed>(body).draftOrderComplete;

    expect(userErrors).toEqual([]);
    expect(draftOrder?.status).toBe("COMPLETED");
    expect(draftOrder?.order).toMatchObject({
      name: "#1001",
      displayFinancialStatus: "PAID",
      paymentGatewayNames: ["manual"],
      sourceName: "shopify_draft_order",
      totalPriceSet: { shopMoney: { amount: "27.22" } },
      totalTaxSet: { shopMoney: { amount: "2.22" } },
      transactions: [{ kind: "SALE", status: "SUCCESS", gateway: "manual" }],
    });
  });

  it("records a pending payment when paymentPending is set", async () => {
    const draft = await requireDraft(twoMugs());

    const body = await store.send(COMPLETE, { id: draft.id, pending: true });
    const order = dataOf<Completed>(body).draftOrderComplete.draftOrder?.order;

    expect(order?.displayFinancialStatus).toBe("PENDING");
    expect(order?.transactions[0]?.status).toBe("PENDING");
  });

  it("commits the reserved stock to the order", async () => {
    const draft = await requireDraft({
      ...twoMugs(),
      reserveInventoryUntil: inAnHour(),
    });

    await store.send(COMPLETE, { id: draft.id });

    expect(store.stock(store.catalog.mug)).toEqual({
      available: 0,
      reserved: 0,
      committed: 2,
    });
  });

  it("refuses to complete a draft twice", async () => {
    const draft = await requireDraft(twoMugs());
    await store.send(COMPLETE, { id: draft.id });

    const body = await store.send(COMPLETE, { id: draft.id });

    expect(dataOf<Completed>(body).draftOrderComplete).toEqual({
      draftOrder: null,
      userErrors: [{ field: null, message: "This order has been paid" }],
    });
  });

  it("links the order from the draft and sends order webhooks", async () => {
    const draft = await requireDraft({ ...twoMugs(), tags: ["acp"] });
    await store.send(COMPLETE, { id: draft.id });

    const body = await store.send(
      `query($id: ID!) { draftOrder(id: $id) { status order { name tags } } }`,
      { id: draft.id },
    );

    expect(dataOf<{ draftOrder: unknown }>(body).draftOrder).toEqual({
      status: "COMPLETED",
      order: { name: "#1001", tags: ["acp"] },
    });
    expect(store.webhooks("orders/create")).toHaveLength(1);
    expect(store.webhooks("orders/paid")[0]).toMatchObject({
      name: "#1001",
      financial_status: "paid",
      payment_gateway_names: ["manual"],
    });
    expect(store.webhooks("draft_orders/update")[0]).toMatchObject({
      status: "completed",
    });
  });
});

describe("draftOrders(query:)", () => {
  it("filters by tag and status", async () => {
    await requireDraft({ ...twoMugs(), tags: ["acp"] });
    const other = await requireDraft({ ...twoMugs(), tags: ["phone"] });
    await store.send(COMPLETE, { id: other.id });

    const body = await store.send(`{
      acp: draftOrders(first: 10, query: "tag:acp") { nodes { name } }
      completed: draftOrders(first: 10, query: "status:completed") {
        nodes { name }
      }
    }`);

    expect(dataOf<Record<string, unknown>>(body)).toEqual({
      acp: { nodes: [{ name: "#D1" }] },
      completed: { nodes: [{ name: "#D2" }] },
    });
  });
});
