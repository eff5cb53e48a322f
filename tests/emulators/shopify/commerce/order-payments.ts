/**
 * Money after an order exists: orderMarkAsPaid and refundCreate. A refund
 * records what the caller refunded elsewhere (the transactions) and what
 * it refunds for (lines, shipping); stock follows each line's restock type.
 */
import { legacyId, nextGid, type ShopState } from "../store";
import type {
  OrderLineItemRecord,
  OrderRecord,
  RefundLineItemRecord,
  RefundRecord,
  RefundShippingLineRecord,
  RestockType,
} from "../store-orders";
import type { Result } from "./draft-orders";
import type { RefundInput, UserErrorRecord } from "./inputs";
import { returnStock, uncommitStock } from "./inventory";
import { bagCents, formatDecimal, moneyBag, sumCents, toCents } from "./money";
import { addTransaction } from "./order-records";
import {
  currentTotals,
  financialStatus,
  refundedQuantity,
  unfulfilledQuantity,
} from "./order-status";
import { taxCents } from "./tax";

function userError(field: string[] | null, message: string) {
  return { ok: false as const, userErrors: [{ field, message }] };
}

/** Records a manual payment for what is still owed. */
export function markOrderAsPaid(
  shop: ShopState,
  id: string,
  now: Date,
): Result<OrderRecord> {
  const order = shop.orders.get(id);
  if (!order) {
    return userError(["id"], "Order does not exist");
  }

  const status = financialStatus(order);
  const settled = ["PAID", "REFUNDED", "PARTIALLY_REFUNDED", "VOIDED"];
  const owed = currentTotals(order).outstanding;
  if (order.cancelledAt || (status && settled.includes(status)) || owed === 0) {
    return userError(["id"], "Order cannot be marked as paid.");
  }

  addTransaction(
    shop,
    order,
    { kind: "SALE", status: "SUCCESS", gateway: "manual", amountCents: owed },
    now,
  );
  order.financialStatusOverride = null;
  order.updatedAt = now.toISOString();

  return { ok: true, value: order };
}

export interface RefundOutcome {
  order: OrderRecord;
  refund: RefundRecord;
  /** True when an earlier refund was returned for the same key. */
  replayed: boolean;
}

const KEY_MISMATCH =
  "The same idempotency key cannot be used with different operation " +
  "parameters.";

export function createRefund(
  shop: ShopState,
  input: RefundInput,
  idempotencyKey: string | null,
  now: Date,
): Result<RefundOutcome> {
  const order = shop.orders.get(input.orderId);
  if (!order) {
    return userError(["orderId"], "Order does not exist");
  }

  const fingerprint = JSON.stringify(input);
  const earlier = idempotencyKey ? findKeyedRefund(shop, idempotencyKey) : null;
  if (earlier) {
    return earlier.refund.inputFingerprint === fingerprint
      ? { ok: true, value: { ...earlier, replayed: true } }
      : userError(null, KEY_MISMATCH);
  }

  const errors = refundErrors(order, input);
  if (errors.length > 0) {
    return { ok: false, userErrors: errors };
  }

  const refund = recordRefund(shop, order, input, now);
  refund.idempotencyKey = idempotencyKey;
  refund.inputFingerprint = fingerprint;

  return { ok: true, value: { order, refund, replayed: false } };
}

function findKeyedRefund(shop: ShopState, key: string) {
  for (const order of shop.orders.values()) {
    const refund = order.refunds.find((r) => r.idempotencyKey === key);
    if (refund) {
      return { order, refund };
    }
  }

  return null;
}

function refundErrors(
  order: OrderRecord,
  input: RefundInput,
): UserErrorRecord[] {
  return [
    ...refundLineErrors(order, input),
    ...refundTransactionErrors(order, input),
  ];
}

function refundLineErrors(
  order: OrderRecord,
  input: RefundInput,
): UserErrorRecord[] {
  return (input.refundLineItems ?? []).flatMap((item, i) => {
    const field = ["refundLineItems", String(i)];
    const line = order.lineItems.find((l) => l.id === item.lineItemId);
    if (!line) {
      return [
        {
          field: [...field, "lineItemId"],
          message: "Line item does not exist",
        },
      ];
    }
    const refundable = line.quantity - refundedQuantity(order, line.id);
    if (item.quantity < 1 || item.quantity > refundable) {
      return [
        {
          field: [...field, "quantity"],
          message: "Quantity cannot refund more items than were purchased",
        },
      ];
    }

    return [];
  });
}

function refundTransactionErrors(
  order: OrderRecord,
  input: RefundInput,
): UserErrorRecord[] {
  const transactions = input.transactions ?? [];
  const errors = transactions.flatMap((t, i) => {
    const parent = order.transactions.find((p) => p.id === t.parentId);
    const paid = parent && ["SALE", "CAPTURE"].includes(parent.kind);
    if (t.parentId && !paid) {
      const field = ["transactions", String(i), "parentId"];
      return [{ field, message: "Parent transaction does not exist" }];
    }

    return [];
  });
  const asked = sumCents(transactions.map((t) => toCents(t.amount)));
  const available = currentTotals(order).netPayment;
  if (asked > available && !input.allowOverRefunding) {
    errors.push({
      field: ["transactions"],
      message:
        `Refund amount ${formatDecimal(asked)} is greater than ` +
        `net payment received ${formatDecimal(available)}`,
    });
  }

  return errors;
}

function recordRefund(
  shop: ShopState,
  order: OrderRecord,
  input: RefundInput,
  now: Date,
): RefundRecord {
  const id = nextGid(shop, "Refund");
  const stamp = now.toISOString();
  const refundLineItems = (input.refundLineItems ?? []).map((item) =>
    refundLine(shop, order, item, now),
  );
  const transactions = (input.transactions ?? []).map((t) =>
    addTransaction(
      shop,
      order,
      {
        kind: "REFUND",
        status: "SUCCESS",
        gateway: t.gateway,
        amountCents: toCents(t.amount),
        parentTransactionId: t.parentId ?? null,
      },
      now,
    ),
  );
  const refund: RefundRecord = {
    id,
    legacyResourceId: legacyId(id),
    orderId: order.id,
    note: input.note ?? null,
    createdAt: stamp,
    updatedAt: stamp,
    processedAt: stamp,
    refundLineItems,
    refundShippingLines: refundShipping(shop, order, input),
    transactionIds: transactions.map((t) => t.id),
    totalRefundedSet: moneyBag(
      sumCents(transactions.map((t) => bagCents(t.amountSet))),
      order.currencyCode,
    ),
    idempotencyKey: null,
    inputFingerprint: "",
  };
  order.refunds.push(refund);
  order.financialStatusOverride = null;
  order.updatedAt = stamp;

  return refund;
}

type RefundLineInput = NonNullable<RefundInput["refundLineItems"]>[number];

function refundLine(
  shop: ShopState,
  order: OrderRecord,
  item: RefundLineInput,
  now: Date,
): RefundLineItemRecord {
  const line = order.lineItems.find((l) => l.id === item.lineItemId);
  if (!line) {
    throw new Error(`Unvalidated line item ${item.lineItemId}`);
  }

  const restockType = (item.restockType ?? "NO_RESTOCK") as RestockType;
  const restocked = moveRefundedStock(
    shop,
    order,
    line,
    item.quantity,
    restockType,
  );
  takeFromFulfillmentOrders(order, line.id, item.quantity, now);
  const share = (cents: number) =>
    Math.round((cents * item.quantity) / line.quantity);
  const discounted =
    bagCents(line.originalTotalSet) - bagCents(line.totalDiscountSet);
  const currency = order.currencyCode;

  return {
    id: nextGid(shop, "RefundLineItem"),
    lineItemId: line.id,
    quantity: item.quantity,
    restockType,
    restocked,
    locationId: item.locationId ?? shop.locations[0]?.id ?? null,
    priceSet: line.discountedUnitPriceSet,
    subtotalSet: moneyBag(share(discounted), currency),
    totalTaxSet: moneyBag(share(taxCents(line.taxLines)), currency),
  };
}

/**
 * Unshipped units leave `committed` (back to available when restocked);
 * shipped units come back to available only when returned.
 */
function moveRefundedStock(
  shop: ShopState,
  order: OrderRecord,
  line: OrderLineItemRecord,
  quantity: number,
  restockType: RestockType,
): boolean {
  const unshipped = Math.min(quantity, unfulfilledQuantity(order, line.id));
  const restock = restockType !== "NO_RESTOCK";
  if (!line.variantId || order.inventoryBehaviour === "BYPASS") {
    return restock;
  }

  if (unshipped > 0) {
    uncommitStock(shop, line.variantId, unshipped, restock);
  }
  if (restock && quantity > unshipped) {
    returnStock(shop, line.variantId, quantity - unshipped);
  }

  return restock;
}

/** Refunded units that had not shipped will not ship any more. */
export function takeFromFulfillmentOrders(
  order: OrderRecord,
  lineId: string,
  quantity: number,
  now: Date,
): void {
  let remaining = quantity;
  for (const fo of order.fulfillmentOrders) {
    for (const item of fo.lineItems.filter((l) => l.lineItemId === lineId)) {
      const taken = Math.min(remaining, item.remainingQuantity);
      item.remainingQuantity -= taken;
      remaining -= taken;
    }
    closeIfDone(fo, now);
  }
}

function closeIfDone(
  fo: OrderRecord["fulfillmentOrders"][number],
  now: Date,
): void {
  const open = fo.status === "OPEN" || fo.status === "IN_PROGRESS";
  if (open && fo.lineItems.every((l) => l.remainingQuantity === 0)) {
    fo.status = "CLOSED";
    fo.updatedAt = now.toISOString();
  }
}

function refundShipping(
  shop: ShopState,
  order: OrderRecord,
  input: RefundInput,
): RefundShippingLineRecord[] {
  const shippingLine = order.shippingLines[0];
  const wanted = input.shipping;
  if (!shippingLine || !wanted) {
    return [];
  }

  const left = currentTotals(order).shipping;
  const amount = wanted.fullRefund
    ? left
    : Math.min(left, toCents(wanted.amount ?? 0));
  const price = bagCents(shippingLine.discountedPriceSet);
  const tax =
    price === 0
      ? 0
      : Math.round((taxCents(shippingLine.taxLines) * amount) / price);
  if (amount <= 0) {
    return [];
  }

  return [
    {
      id: nextGid(shop, "RefundShippingLine"),
      shippingLineId: shippingLine.id ?? "",
      subtotalAmountSet: moneyBag(amount, order.currencyCode),
      taxAmountSet: moneyBag(tax, order.currencyCode),
    },
  ];
}
