/**
 * orderCancel and fulfillmentCreate. Since 2026-07 fulfilment goes through
 * fulfilment orders: the caller names fulfilment order line items and
 * quantities, and the order's fulfilment status follows from them.
 */
import { legacyId, nextGid, type ShopState } from "../store";
import type {
  FulfillmentLineItemRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  OrderRecord,
  RefundRecord,
} from "../store-orders";
import type { Result } from "./draft-orders";
import type { FulfillmentInput } from "./inputs";
import { uncommitStock } from "./inventory";
import { bagCents, moneyBag, sumCents } from "./money";
import { addTransaction } from "./order-records";
import {
  currentQuantity,
  currentTotals,
  fulfilledQuantity,
  unfulfilledQuantity,
} from "./order-status";
import { taxCents } from "./tax";

export interface CancelRequest {
  orderId: string;
  reason: string;
  restock: boolean;
  refund: boolean;
  staffNote: string | null;
}

export interface CancelOutcome {
  order: OrderRecord;
  refund: RefundRecord | null;
}

function cancelError(message: string, code: string): Result<never> {
  return {
    ok: false,
    userErrors: [{ field: ["orderId"], message, code }],
  };
}

export function cancelOrder(
  shop: ShopState,
  request: CancelRequest,
  now: Date,
): Result<CancelOutcome> {
  const order = shop.orders.get(request.orderId);
  if (!order) {
    return cancelError("Order does not exist", "NOT_FOUND");
  }
  if (order.cancelledAt) {
    return cancelError("Order has already been cancelled", "INVALID");
  }
  const shipped = order.lineItems.some(
    (l) => fulfilledQuantity(order, l.id) > 0,
  );
  if (shipped) {
    return cancelError("Cannot cancel an order with fulfillments", "INVALID");
  }

  releaseOrderStock(shop, order, request.restock);
  voidAuthorizations(shop, order, now);
  const refund = request.refund
    ? refundEverything(shop, order, request, now)
    : null;
  closeForCancel(order, request, now);

  return { ok: true, value: { order, refund } };
}

function releaseOrderStock(
  shop: ShopState,
  order: OrderRecord,
  restock: boolean,
): void {
  for (const line of order.lineItems) {
    const unshipped = unfulfilledQuantity(order, line.id);
    if (
      line.variantId &&
      unshipped > 0 &&
      order.inventoryBehaviour !== "BYPASS"
    ) {
      uncommitStock(shop, line.variantId, unshipped, restock);
    }
  }
}

/** Authorisations not yet captured are released on cancel. */
function voidAuthorizations(shop: ShopState, order: OrderRecord, now: Date) {
  const open = currentTotals(order).capturable;
  const authorization = order.transactions.find(
    (t) => t.kind === "AUTHORIZATION" && t.status === "SUCCESS",
  );
  if (open > 0 && authorization) {
    addTransaction(
      shop,
      order,
      {
        kind: "VOID",
        status: "SUCCESS",
        gateway: authorization.gateway,
        amountCents: open,
        parentTransactionId: authorization.id,
      },
      now,
    );
  }
}

/**
 * Refunds what was paid, to the original payment methods, and removes the
 * lines and shipping so the order's current total becomes zero.
 */
function refundEverything(
  shop: ShopState,
  order: OrderRecord,
  request: CancelRequest,
  now: Date,
): RefundRecord {
  const id = nextGid(shop, "Refund");
  const stamp = now.toISOString();
  const transactions = refundPayments(shop, order, now);
  const refund: RefundRecord = {
    id,
    legacyResourceId: legacyId(id),
    orderId: order.id,
    note: request.staffNote,
    createdAt: stamp,
    updatedAt: stamp,
    processedAt: stamp,
    refundLineItems: removeAllLines(shop, order, request.restock),
    refundShippingLines: removeShipping(shop, order),
    transactionIds: transactions,
    totalRefundedSet: moneyBag(
      sumCents(
        order.transactions
          .filter((t) => transactions.includes(t.id))
          .map((t) => bagCents(t.amountSet)),
      ),
      order.currencyCode,
    ),
    idempotencyKey: null,
    inputFingerprint: "",
  };
  order.refunds.push(refund);

  return refund;
}

function refundPayments(shop: ShopState, order: OrderRecord, now: Date) {
  const paid = order.transactions.filter(
    (t) => ["SALE", "CAPTURE"].includes(t.kind) && t.status === "SUCCESS",
  );

  return paid.flatMap((parent) => {
    const refundedAlready = sumCents(
      order.transactions
        .filter(
          (t) => t.kind === "REFUND" && t.parentTransactionId === parent.id,
        )
        .map((t) => bagCents(t.amountSet)),
    );
    const left = bagCents(parent.amountSet) - refundedAlready;
    if (left <= 0) {
      return [];
    }
    const refund = addTransaction(
      shop,
      order,
      {
        kind: "REFUND",
        status: "SUCCESS",
        gateway: parent.gateway,
        amountCents: left,
        parentTransactionId: parent.id,
      },
      now,
    );

    return [refund.id];
  });
}

function removeAllLines(shop: ShopState, order: OrderRecord, restock: boolean) {
  const currency = order.currencyCode;

  return order.lineItems.flatMap((line) => {
    const quantity = currentQuantity(order, line);
    if (quantity <= 0) {
      return [];
    }
    const share = (cents: number) =>
      Math.round((cents * quantity) / line.quantity);
    const discounted =
      bagCents(line.originalTotalSet) - bagCents(line.totalDiscountSet);

    return [
      {
        id: nextGid(shop, "RefundLineItem"),
        lineItemId: line.id,
        quantity,
        restockType: restock ? ("CANCEL" as const) : ("NO_RESTOCK" as const),
        restocked: restock,
        locationId: shop.locations[0]?.id ?? null,
        priceSet: line.discountedUnitPriceSet,
        subtotalSet: moneyBag(share(discounted), currency),
        totalTaxSet: moneyBag(share(taxCents(line.taxLines)), currency),
      },
    ];
  });
}

function removeShipping(shop: ShopState, order: OrderRecord) {
  const left = currentTotals(order).shipping;
  const line = order.shippingLines[0];
  if (!line || left <= 0) {
    return [];
  }

  return [
    {
      id: nextGid(shop, "RefundShippingLine"),
      shippingLineId: line.id ?? "",
      subtotalAmountSet: moneyBag(left, order.currencyCode),
      taxAmountSet: moneyBag(taxCents(line.taxLines), order.currencyCode),
    },
  ];
}

function closeForCancel(order: OrderRecord, request: CancelRequest, now: Date) {
  const stamp = now.toISOString();
  order.cancelledAt = stamp;
  order.cancelReason = request.reason;
  order.cancellation = { staffNote: request.staffNote };
  order.closedAt = stamp;
  order.updatedAt = stamp;
  order.financialStatusOverride = null;
  for (const fo of order.fulfillmentOrders) {
    fo.status = "CLOSED";
    fo.updatedAt = stamp;
  }
}

export interface FulfillmentOutcome {
  order: OrderRecord;
  fulfillment: FulfillmentRecord;
}

interface PlannedLine {
  fo: FulfillmentOrderRecord;
  foLineId: string;
  lineItemId: string;
  quantity: number;
}

function fulfillmentError(field: string[], message: string): Result<never> {
  return { ok: false, userErrors: [{ field, message }] };
}

export function createFulfillment(
  shop: ShopState,
  input: FulfillmentInput,
  now: Date,
): Result<FulfillmentOutcome> {
  const planned = planFulfillment(shop, input);
  if (!planned.ok) {
    return planned;
  }

  const { order, lines } = planned.value;
  if (lines.length === 0) {
    return fulfillmentError(["fulfillment"], "Line items can't be blank.");
  }

  const fulfillment = recordFulfillment(shop, order, input, lines, now);
  shipStock(shop, order, lines);

  return { ok: true, value: { order, fulfillment } };
}

function findFulfillmentOrder(shop: ShopState, id: string) {
  for (const order of shop.orders.values()) {
    const fo = order.fulfillmentOrders.find((f) => f.id === id);
    if (fo) {
      return { order, fo };
    }
  }

  return null;
}

function planFulfillment(
  shop: ShopState,
  input: FulfillmentInput,
): Result<{ order: OrderRecord; lines: PlannedLine[] }> {
  let order: OrderRecord | null = null;
  const lines: PlannedLine[] = [];
  for (const [i, group] of input.lineItemsByFulfillmentOrder.entries()) {
    const field = ["fulfillment", "lineItemsByFulfillmentOrder", String(i)];
    const found = findFulfillmentOrder(shop, group.fulfillmentOrderId);
    if (!found || (order && found.order !== order)) {
      return fulfillmentError(
        [...field, "fulfillmentOrderId"],
        "Fulfillment order does not exist.",
      );
    }
    order = found.order;
    const planned = planGroup(found.fo, group, field);
    if (!planned.ok) {
      return planned;
    }
    lines.push(...planned.value);
  }

  return order
    ? { ok: true, value: { order, lines } }
    : fulfillmentError(["fulfillment"], "Fulfillment order does not exist.");
}

function planGroup(
  fo: FulfillmentOrderRecord,
  group: FulfillmentInput["lineItemsByFulfillmentOrder"][number],
  field: string[],
): Result<PlannedLine[]> {
  if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS") {
    const status = fo.status.toLowerCase();
    const message =
      `Fulfillment order ${legacyId(fo.id)} has an unfulfillable ` +
      `status= ${status}.`;
    return fulfillmentError([...field, "fulfillmentOrderId"], message);
  }

  const wanted =
    group.fulfillmentOrderLineItems ??
    fo.lineItems.map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
  const lines: PlannedLine[] = [];
  for (const item of wanted) {
    const foLine = fo.lineItems.find((l) => l.id === item.id);
    if (
      !foLine ||
      item.quantity > foLine.remainingQuantity ||
      item.quantity < 0
    ) {
      return fulfillmentError(
        [...field, "fulfillmentOrderLineItems"],
        "Invalid fulfillment order line item quantity requested.",
      );
    }
    if (item.quantity > 0) {
      const { lineItemId } = foLine;
      lines.push({
        fo,
        foLineId: foLine.id,
        lineItemId,
        quantity: item.quantity,
      });
    }
  }

  return { ok: true, value: lines };
}

function recordFulfillment(
  shop: ShopState,
  order: OrderRecord,
  input: FulfillmentInput,
  lines: PlannedLine[],
  now: Date,
): FulfillmentRecord {
  const id = nextGid(shop, "Fulfillment");
  const stamp = now.toISOString();
  const lineItems: FulfillmentLineItemRecord[] = lines.map((line) => ({
    id: nextGid(shop, "FulfillmentLineItem"),
    lineItemId: line.lineItemId,
    fulfillmentOrderLineItemId: line.foLineId,
    quantity: line.quantity,
  }));
  const fulfillment: FulfillmentRecord = {
    id,
    legacyResourceId: legacyId(id),
    orderId: order.id,
    name: `${order.name}.${order.fulfillments.length + 1}`,
    status: "SUCCESS",
    createdAt: stamp,
    updatedAt: stamp,
    locationId: lines[0]?.fo.locationId ?? null,
    trackingInfo: trackingInfo(input),
    lineItems,
    fulfillmentOrderIds: [...new Set(lines.map((l) => l.fo.id))],
  };
  order.fulfillments.push(fulfillment);
  order.updatedAt = stamp;
  advanceFulfillmentOrders(lines, stamp);

  return fulfillment;
}

function advanceFulfillmentOrders(lines: PlannedLine[], stamp: string) {
  for (const line of lines) {
    const foLine = line.fo.lineItems.find((l) => l.id === line.foLineId);
    if (foLine) {
      foLine.remainingQuantity -= line.quantity;
    }
  }
  for (const fo of new Set(lines.map((l) => l.fo))) {
    const done = fo.lineItems.every((l) => l.remainingQuantity === 0);
    fo.status = done ? "CLOSED" : "IN_PROGRESS";
    fo.updatedAt = stamp;
  }
}

function trackingInfo(
  input: FulfillmentInput,
): FulfillmentRecord["trackingInfo"] {
  const info = input.trackingInfo;
  if (!info) {
    return [];
  }

  const company = info.company ?? null;
  const numbers = info.numbers ?? (info.number ? [info.number] : []);
  const urls = info.urls ?? (info.url ? [info.url] : []);
  if (numbers.length === 0) {
    return company || urls[0]
      ? [{ company, number: null, url: urls[0] ?? null }]
      : [];
  }

  return numbers.map((number, i) => ({
    company,
    number,
    url: urls[i] ?? null,
  }));
}

/** Shipped stock leaves `committed` (on hand goes down). */
function shipStock(shop: ShopState, order: OrderRecord, lines: PlannedLine[]) {
  if (order.inventoryBehaviour === "BYPASS") {
    return;
  }

  for (const planned of lines) {
    const line = order.lineItems.find((l) => l.id === planned.lineItemId);
    if (line?.variantId) {
      uncommitStock(shop, line.variantId, planned.quantity, false);
    }
  }
}
