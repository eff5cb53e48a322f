/**
 * Webhook bodies of the commerce topics in Shopify's REST shapes (shopify.dev
 * webhook topic reference): snake_case, numeric `id` next to
 * `admin_graphql_api_id`, money as decimal strings, statuses lower case,
 * tags as one comma-separated string.
 */
import { legacyId } from "../store";
import type {
  DraftOrderRecord,
  FulfillmentRecord,
  MailingAddressRecord,
  OrderLineItemRecord,
  OrderRecord,
  OrderTransactionRecord,
  RefundRecord,
  ShippingLineRecord,
  TaxLineRecord,
} from "../store-orders";
import type { MoneyBag } from "./money";
import { bagCents, toCents } from "./money";
import {
  currentTotals,
  financialStatus,
  fulfilledQuantity,
  fulfillmentStatus,
  paymentGatewayNames,
  currentQuantity,
  unfulfilledQuantity,
} from "./order-status";

type Payload = Record<string, unknown>;

/** REST prints money with two decimals ("5.00"), unlike GraphQL. */
function price(bag: MoneyBag): string {
  return (bagCents(bag) / 100).toFixed(2);
}

function cents(value: number): string {
  return (value / 100).toFixed(2);
}

function priceSet(bag: MoneyBag): Payload {
  const money = (m: MoneyBag["shopMoney"]) => ({
    amount: cents(toCents(m.amount)),
    currency_code: m.currencyCode,
  });

  return {
    shop_money: money(bag.shopMoney),
    presentment_money: money(bag.presentmentMoney),
  };
}

function id(gid: string): number {
  return legacyId(gid);
}

export function addressPayload(
  address: MailingAddressRecord | null,
): Payload | null {
  if (!address) {
    return null;
  }

  return {
    first_name: address.firstName,
    last_name: address.lastName,
    name: address.name,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    province_code: address.provinceCode,
    country: address.country,
    country_code: address.countryCodeV2,
    zip: address.zip,
    phone: address.phone,
  };
}

function taxLinesPayload(lines: TaxLineRecord[]): Payload[] {
  return lines.map((line) => ({
    title: line.title,
    rate: line.rate,
    price: price(line.priceSet),
    price_set: priceSet(line.priceSet),
    channel_liable: line.channelLiable,
  }));
}

function shippingLinePayload(line: ShippingLineRecord): Payload {
  return {
    id: line.id ? id(line.id) : null,
    title: line.title,
    code: line.code,
    source: line.source,
    price: price(line.originalPriceSet),
    price_set: priceSet(line.originalPriceSet),
    discounted_price: price(line.discountedPriceSet),
    tax_lines: taxLinesPayload(line.taxLines),
  };
}

const FINANCIAL = (order: OrderRecord) =>
  financialStatus(order)?.toLowerCase() ?? "pending";

const FULFILLMENT: Record<string, string | null> = {
  FULFILLED: "fulfilled",
  PARTIALLY_FULFILLED: "partial",
  UNFULFILLED: null,
  RESTOCKED: "restocked",
};

function orderLinePayload(order: OrderRecord, line: OrderLineItemRecord) {
  const shipped = fulfilledQuantity(order, line.id);

  return {
    id: id(line.id),
    admin_graphql_api_id: line.id,
    variant_id: line.variantId ? id(line.variantId) : null,
    product_id: line.productId ? id(line.productId) : null,
    title: line.title,
    variant_title: line.variantTitle,
    name: line.name,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    current_quantity: currentQuantity(order, line),
    fulfillable_quantity: unfulfilledQuantity(order, line.id),
    fulfillment_status:
      shipped === 0 ? null : shipped >= line.quantity ? "fulfilled" : "partial",
    price: price(line.originalUnitPriceSet),
    price_set: priceSet(line.originalUnitPriceSet),
    total_discount: price(line.totalDiscountSet),
    total_discount_set: priceSet(line.totalDiscountSet),
    requires_shipping: line.requiresShipping,
    taxable: line.taxable,
    gift_card: line.isGiftCard,
    grams: line.weightGrams,
    properties: line.customAttributes.map((a) => ({
      name: a.key,
      value: a.value,
    })),
    tax_lines: taxLinesPayload(line.taxLines),
  };
}

export function transactionPayload(
  order: OrderRecord,
  transaction: OrderTransactionRecord,
): Payload {
  return {
    id: id(transaction.id),
    admin_graphql_api_id: transaction.id,
    order_id: id(order.id),
    kind: transaction.kind.toLowerCase(),
    status: transaction.status.toLowerCase(),
    gateway: transaction.gateway,
    amount: price(transaction.amountSet),
    currency: order.currencyCode,
    authorization: transaction.authorizationCode,
    parent_id: transaction.parentTransactionId
      ? id(transaction.parentTransactionId)
      : null,
    test: transaction.test,
    created_at: transaction.createdAt,
    processed_at: transaction.processedAt,
  };
}

/** refunds/create, and each entry of an order's `refunds`. */
export function refundPayload(order: OrderRecord, refund: RefundRecord) {
  const transactions = order.transactions.filter((t) =>
    refund.transactionIds.includes(t.id),
  );

  return {
    id: id(refund.id),
    admin_graphql_api_id: refund.id,
    order_id: id(order.id),
    created_at: refund.createdAt,
    processed_at: refund.processedAt,
    note: refund.note,
    restock: refund.refundLineItems.some((l) => l.restocked),
    refund_line_items: refund.refundLineItems.map((item) => {
      const line = order.lineItems.find((l) => l.id === item.lineItemId);

      return {
        id: id(item.id),
        line_item_id: id(item.lineItemId),
        quantity: item.quantity,
        restock_type: item.restockType.toLowerCase(),
        location_id: item.locationId ? id(item.locationId) : null,
        subtotal: price(item.subtotalSet),
        subtotal_set: priceSet(item.subtotalSet),
        total_tax: price(item.totalTaxSet),
        total_tax_set: priceSet(item.totalTaxSet),
        line_item: line ? orderLinePayload(order, line) : null,
      };
    }),
    refund_shipping_lines: refund.refundShippingLines.map((s) => ({
      id: id(s.id),
      subtotal_amount_set: priceSet(s.subtotalAmountSet),
    })),
    transactions: transactions.map((t) => transactionPayload(order, t)),
    order_adjustments: [],
  };
}

/** fulfillments/create, and each entry of an order's `fulfillments`. */
export function fulfillmentPayload(
  order: OrderRecord,
  fulfillment: FulfillmentRecord,
): Payload {
  const tracking = fulfillment.trackingInfo;
  const lines = fulfillment.lineItems.flatMap((item) => {
    const line = order.lineItems.find((l) => l.id === item.lineItemId);
    return line
      ? [{ ...orderLinePayload(order, line), quantity: item.quantity }]
      : [];
  });

  return {
    id: id(fulfillment.id),
    admin_graphql_api_id: fulfillment.id,
    order_id: id(order.id),
    name: fulfillment.name,
    status: fulfillment.status.toLowerCase(),
    created_at: fulfillment.createdAt,
    updated_at: fulfillment.updatedAt,
    location_id: fulfillment.locationId ? id(fulfillment.locationId) : null,
    service: "manual",
    shipment_status: null,
    tracking_company: tracking[0]?.company ?? null,
    tracking_number: tracking[0]?.number ?? null,
    tracking_numbers: tracking.flatMap((t) => (t.number ? [t.number] : [])),
    tracking_url: tracking[0]?.url ?? null,
    tracking_urls: tracking.flatMap((t) => (t.url ? [t.url] : [])),
    line_items: lines,
  };
}

/** orders/create, orders/updated, orders/paid, orders/cancelled, ... */
export function orderPayload(order: OrderRecord): Payload {
  const current = currentTotals(order);
  const original = order.lineItems.map((l) => bagCents(l.originalTotalSet));

  return {
    id: id(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    number: order.number - 1000,
    email: order.email,
    contact_email: order.email,
    phone: order.phone,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    closed_at: order.closedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    financial_status: FINANCIAL(order),
    fulfillment_status: FULFILLMENT[fulfillmentStatus(order)] ?? null,
    confirmed: order.confirmed,
    test: order.test,
    currency: order.currencyCode,
    presentment_currency: order.presentmentCurrencyCode,
    taxes_included: order.taxesIncluded,
    total_price: price(order.totalPriceSet),
    total_price_set: priceSet(order.totalPriceSet),
    subtotal_price: price(order.subtotalPriceSet),
    total_tax: price(order.totalTaxSet),
    total_discounts: price(order.totalDiscountsSet),
    total_line_items_price: cents(original.reduce((a, b) => a + b, 0)),
    total_shipping_price_set: priceSet(order.totalShippingPriceSet),
    current_total_price: cents(current.total),
    current_subtotal_price: cents(current.subtotal),
    current_total_tax: cents(current.tax),
    total_outstanding: cents(current.outstanding),
    total_weight: order.lineItems.reduce(
      (sum, l) => sum + l.weightGrams * l.quantity,
      0,
    ),
    note: order.note,
    note_attributes: order.customAttributes.map((a) => ({
      name: a.key,
      value: a.value,
    })),
    tags: order.tags.join(", "),
    source_name: order.sourceName,
    source_identifier: order.sourceIdentifier,
    source_url: order.sourceUrl,
    payment_gateway_names: paymentGatewayNames(order),
    discount_codes: order.discountCodes.map((code) => ({
      code,
      amount: price(order.totalDiscountsSet),
      type: "fixed_amount",
    })),
    tax_lines: taxLinesPayload(order.taxLines),
    line_items: order.lineItems.map((l) => orderLinePayload(order, l)),
    shipping_lines: order.shippingLines.map(shippingLinePayload),
    shipping_address: addressPayload(order.shippingAddress),
    billing_address: addressPayload(order.billingAddress),
    refunds: order.refunds.map((r) => refundPayload(order, r)),
    fulfillments: order.fulfillments.map((f) => fulfillmentPayload(order, f)),
  };
}

/** draft_orders/create and draft_orders/update. */
export function draftOrderPayload(draft: DraftOrderRecord): Payload {
  const shipping = draft.shippingLine;

  return {
    id: id(draft.id),
    admin_graphql_api_id: draft.id,
    name: draft.name,
    email: draft.email,
    status: draft.status.toLowerCase(),
    currency: draft.currencyCode,
    created_at: draft.createdAt,
    updated_at: draft.updatedAt,
    completed_at: draft.completedAt,
    invoice_url: draft.invoiceUrl,
    order_id: draft.orderId ? id(draft.orderId) : null,
    note: draft.note2,
    tags: draft.tags.join(", "),
    taxes_included: draft.taxesIncluded,
    tax_exempt: draft.taxExempt,
    reserve_inventory_until: draft.reserveInventoryUntil,
    subtotal_price: price(draft.subtotalPriceSet),
    total_tax: price(draft.totalTaxSet),
    total_price: price(draft.totalPriceSet),
    applied_discount: draft.appliedDiscount && {
      title: draft.appliedDiscount.title,
      description: draft.appliedDiscount.description,
      value: String(draft.appliedDiscount.value),
      value_type: draft.appliedDiscount.valueType.toLowerCase(),
      amount: price(draft.appliedDiscount.amountSet),
    },
    line_items: draft.lineItems.map((line) => ({
      id: id(line.id),
      admin_graphql_api_id: line.id,
      variant_id: line.variantId ? id(line.variantId) : null,
      product_id: line.productId ? id(line.productId) : null,
      title: line.title,
      variant_title: line.variantTitle,
      name: line.name,
      sku: line.sku,
      quantity: line.quantity,
      price: price(line.originalUnitPriceSet),
      taxable: line.taxable,
      requires_shipping: line.requiresShipping,
      custom: line.custom,
      tax_lines: taxLinesPayload(line.taxLines),
    })),
    shipping_line: shipping && {
      title: shipping.title,
      custom: shipping.custom,
      handle: shipping.shippingRateHandle,
      price: price(shipping.discountedPriceSet),
    },
    tax_lines: taxLinesPayload(draft.taxLines),
    shipping_address: addressPayload(draft.shippingAddress),
    billing_address: addressPayload(draft.billingAddress),
  };
}

/** draft_orders/delete carries only the id. */
export function deletedPayload(gid: string): Payload {
  return { id: id(gid) };
}
