/**
 * Assembling an OrderRecord, whichever way the order came to be
 * (orderCreate or draftOrderComplete): numbering, totals from its lines,
 * one fulfilment order for everything, and transaction records.
 */
import { legacyId, nextGid, type ShopState } from "../store";
import type {
  FinancialStatus,
  FulfillmentOrderRecord,
  InventoryBehaviour,
  MailingAddressRecord,
  OrderLineItemRecord,
  OrderRecord,
  OrderTransactionRecord,
  ShippingLineRecord,
  TransactionKind,
  TransactionStatus,
} from "../store-orders";
import { bagCents, moneyBag, sumCents } from "./money";
import { mergeTaxLines, taxCents } from "./tax";

/** Counters that are not gids: order numbers (#1001), draft names (#D1). */
export function nextNumber(shop: ShopState, key: string, first: number) {
  const number = (shop.ids.get(key) ?? first - 1) + 1;
  shop.ids.set(key, number);

  return number;
}

export interface OrderParts {
  name: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  tags: string[];
  customAttributes: { key: string; value: string | null }[];
  sourceName: string | null;
  sourceIdentifier: string | null;
  sourceUrl: string | null;
  test: boolean;
  currencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
  lineItems: OrderLineItemRecord[];
  shippingLines: ShippingLineRecord[];
  /** Shipping discounts (free-shipping codes), already off the lines. */
  shippingDiscountCents: number;
  discountCodes: string[];
  processedAt: string;
  financialStatusOverride: FinancialStatus | null;
  inventoryBehaviour: InventoryBehaviour;
  draftOrderId: string | null;
}

export function assembleOrder(
  shop: ShopState,
  parts: OrderParts,
  now: Date,
): OrderRecord {
  const id = nextGid(shop, "Order");
  const number = nextNumber(shop, "OrderNumber", 1001);
  const stamp = now.toISOString();
  // The shipping discount only feeds the totals; orders do not store it.
  const { shippingDiscountCents: _shippingDiscount, ...fields } = parts;

  return {
    ...fields,
    ...orderTotals(parts),
    id,
    legacyResourceId: legacyId(id),
    number,
    name: parts.name ?? `#${number}`,
    createdAt: stamp,
    updatedAt: stamp,
    closedAt: null,
    cancelledAt: null,
    cancelReason: null,
    cancellation: null,
    confirmed: true,
    presentmentCurrencyCode: parts.currencyCode,
    transactions: [],
    refunds: [],
    fulfillmentOrders: [fulfillmentOrderFor(shop, id, parts.lineItems, stamp)],
    fulfillments: [],
  };
}

function orderTotals(parts: OrderParts) {
  const currency = parts.currencyCode;
  const lines = parts.lineItems;
  const original = sumCents(lines.map((l) => bagCents(l.originalTotalSet)));
  const lineDiscounts = sumCents(
    lines.map((l) => bagCents(l.totalDiscountSet)),
  );
  const subtotal = original - lineDiscounts;
  const shipping = sumCents(
    parts.shippingLines.map((s) => bagCents(s.discountedPriceSet)),
  );
  const allTaxLines = [
    ...lines.flatMap((l) => l.taxLines),
    ...parts.shippingLines.flatMap((s) => s.taxLines),
  ];
  const tax = taxCents(allTaxLines);
  const total = subtotal + shipping + (parts.taxesIncluded ? 0 : tax);

  return {
    taxLines: mergeTaxLines(allTaxLines, currency),
    subtotalPriceSet: moneyBag(subtotal, currency),
    totalDiscountsSet: moneyBag(
      lineDiscounts + parts.shippingDiscountCents,
      currency,
    ),
    totalShippingPriceSet: moneyBag(shipping, currency),
    totalTaxSet: moneyBag(tax, currency),
    totalPriceSet: moneyBag(total, currency),
  };
}

function fulfillmentOrderFor(
  shop: ShopState,
  orderId: string,
  lines: OrderLineItemRecord[],
  stamp: string,
): FulfillmentOrderRecord {
  return {
    id: nextGid(shop, "FulfillmentOrder"),
    orderId,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    locationId: shop.locations[0]?.id ?? null,
    createdAt: stamp,
    updatedAt: stamp,
    lineItems: lines.map((line) => ({
      id: nextGid(shop, "FulfillmentOrderLineItem"),
      lineItemId: line.id,
      totalQuantity: line.quantity,
      remainingQuantity: line.quantity,
    })),
  };
}

export interface TransactionParts {
  kind: TransactionKind;
  status: TransactionStatus;
  gateway: string;
  amountCents: number;
  authorizationCode?: string | null;
  parentTransactionId?: string | null;
  processedAt?: string | null;
  receiptJson?: string | null;
  test?: boolean;
}

export function addTransaction(
  shop: ShopState,
  order: OrderRecord,
  parts: TransactionParts,
  now: Date,
): OrderTransactionRecord {
  const stamp = now.toISOString();
  const transaction: OrderTransactionRecord = {
    id: nextGid(shop, "OrderTransaction"),
    orderId: order.id,
    kind: parts.kind,
    status: parts.status,
    gateway: parts.gateway,
    formattedGateway: formatGateway(parts.gateway),
    manualPaymentGateway: parts.gateway === "manual",
    amountSet: moneyBag(parts.amountCents, order.currencyCode),
    authorizationCode: parts.authorizationCode ?? null,
    paymentId: parts.authorizationCode ?? null,
    parentTransactionId: parts.parentTransactionId ?? null,
    createdAt: stamp,
    processedAt: parts.processedAt ?? stamp,
    test: parts.test ?? order.test,
    receiptJson: parts.receiptJson ?? null,
    errorCode: null,
    fees: [],
  };
  order.transactions.push(transaction);

  return transaction;
}

function formatGateway(gateway: string): string {
  const words = gateway.replace(/[_-]+/g, " ").trim();

  return words.replace(/\b\w/g, (letter) => letter.toUpperCase());
}
