/**
 * What Shopify derives from an order's facts: payment sums, the display
 * financial and fulfilment statuses, current totals after refunds, and
 * per-line quantities. Pure functions of the OrderRecord, shared by the
 * GraphQL resolvers and the REST webhook payloads.
 */
import type {
  FinancialStatus,
  OrderLineItemRecord,
  OrderRecord,
  OrderTransactionRecord,
} from "../store-orders";
import { bagCents, sumCents } from "./money";

export interface PaymentSums {
  captured: number;
  /** Authorised and neither captured nor voided yet. */
  authorized: number;
  refunded: number;
  pending: number;
  voided: number;
}

function sumOf(
  transactions: OrderTransactionRecord[],
  kinds: string[],
  status = "SUCCESS",
): number {
  const matching = transactions.filter(
    (t) => kinds.includes(t.kind) && t.status === status,
  );

  return sumCents(matching.map((t) => bagCents(t.amountSet)));
}

export function paymentSums(order: OrderRecord): PaymentSums {
  const all = order.transactions;
  const authorizations = sumOf(all, ["AUTHORIZATION"]);
  const captures = sumOf(all, ["CAPTURE"]);
  const voided = sumOf(all, ["VOID"]);

  return {
    captured: sumOf(all, ["SALE", "CAPTURE"]),
    authorized: Math.max(0, authorizations - captures - voided),
    refunded: sumOf(all, ["REFUND"]),
    pending: sumOf(all, ["SALE", "AUTHORIZATION"], "PENDING"),
    voided,
  };
}

export function financialStatus(order: OrderRecord): FinancialStatus | null {
  if (order.financialStatusOverride) {
    return order.financialStatusOverride;
  }

  const sums = paymentSums(order);
  const total = bagCents(order.totalPriceSet);
  if (sums.refunded > 0) {
    return sums.refunded >= sums.captured ? "REFUNDED" : "PARTIALLY_REFUNDED";
  }
  if (sums.captured > 0 || (total === 0 && hasSuccessfulSale(order))) {
    return sums.captured >= total ? "PAID" : "PARTIALLY_PAID";
  }
  if (sums.authorized > 0) {
    return "AUTHORIZED";
  }
  if (sums.voided > 0) {
    return "VOIDED";
  }

  return sums.pending > 0 ? "PENDING" : null;
}

function hasSuccessfulSale(order: OrderRecord): boolean {
  return order.transactions.some(
    (t) => t.kind === "SALE" && t.status === "SUCCESS",
  );
}

/** Gateways that took or held money, in first-use order. */
export function paymentGatewayNames(order: OrderRecord): string[] {
  const paying = order.transactions.filter((t) =>
    ["SALE", "AUTHORIZATION", "CAPTURE"].includes(t.kind),
  );

  return [...new Set(paying.map((t) => t.gateway))];
}

export function refundedQuantity(order: OrderRecord, lineId: string): number {
  const lines = order.refunds.flatMap((r) => r.refundLineItems);

  return sumCents(
    lines.filter((l) => l.lineItemId === lineId).map((l) => l.quantity),
  );
}

export function fulfilledQuantity(order: OrderRecord, lineId: string): number {
  const shipped = order.fulfillments.filter((f) => f.status === "SUCCESS");
  const lines = shipped.flatMap((f) => f.lineItems);

  return sumCents(
    lines.filter((l) => l.lineItemId === lineId).map((l) => l.quantity),
  );
}

/** Still to ship: what the open fulfilment orders hold for the line. */
export function unfulfilledQuantity(
  order: OrderRecord,
  lineId: string,
): number {
  const open = order.fulfillmentOrders.filter(
    (fo) => fo.status !== "CANCELLED" && fo.status !== "CLOSED",
  );
  const lines = open.flatMap((fo) => fo.lineItems);

  return sumCents(
    lines
      .filter((l) => l.lineItemId === lineId)
      .map((l) => l.remainingQuantity),
  );
}

export function currentQuantity(
  order: OrderRecord,
  line: OrderLineItemRecord,
): number {
  return line.quantity - refundedQuantity(order, line.id);
}

export type FulfillmentStatus =
  "FULFILLED" | "PARTIALLY_FULFILLED" | "UNFULFILLED" | "RESTOCKED";

export function fulfillmentStatus(order: OrderRecord): FulfillmentStatus {
  const lines = order.lineItems;
  const fulfilled = sumCents(lines.map((l) => fulfilledQuantity(order, l.id)));
  const toShip = sumCents(lines.map((l) => currentQuantity(order, l)));
  if (fulfilled === 0) {
    return toShip === 0 ? "RESTOCKED" : "UNFULFILLED";
  }

  return fulfilled >= toShip ? "FULFILLED" : "PARTIALLY_FULFILLED";
}

export interface CurrentTotals {
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  refunded: number;
  refundedShipping: number;
  netPayment: number;
  received: number;
  outstanding: number;
  capturable: number;
}

/** Totals after refunds: what the order is worth now, and what is owed. */
export function currentTotals(order: OrderRecord): CurrentTotals {
  const refundLines = order.refunds.flatMap((r) => r.refundLineItems);
  const refundShipping = order.refunds.flatMap((r) => r.refundShippingLines);
  const lineSubtotal = sumCents(
    refundLines.map((l) => bagCents(l.subtotalSet)),
  );
  const lineTax = sumCents(refundLines.map((l) => bagCents(l.totalTaxSet)));
  const shipping = sumCents(
    refundShipping.map((s) => bagCents(s.subtotalAmountSet)),
  );
  const shippingTax = sumCents(
    refundShipping.map((s) => bagCents(s.taxAmountSet)),
  );
  const subtotal = bagCents(order.subtotalPriceSet) - lineSubtotal;
  const currentShipping = bagCents(order.totalShippingPriceSet) - shipping;
  const tax = bagCents(order.totalTaxSet) - lineTax - shippingTax;
  const total = subtotal + currentShipping + (order.taxesIncluded ? 0 : tax);
  const sums = paymentSums(order);
  const netPayment = sums.captured - sums.refunded;

  return {
    subtotal,
    shipping: currentShipping,
    tax,
    total,
    refunded: sums.refunded,
    refundedShipping: shipping,
    netPayment,
    received: sums.captured,
    outstanding: Math.max(0, total - netPayment),
    capturable: sums.authorized,
  };
}
