/**
 * Field resolvers of Order and what hangs off it. Derived values come from
 * commerce/order-status.ts so GraphQL reads and webhook payloads agree.
 */
import type { FieldResolver, ResolverMap } from "../context";
import { bagCents as cents, moneyBag, type MoneyBag } from "../commerce/money";
import {
  currentQuantity,
  currentTotals,
  financialStatus,
  fulfilledQuantity,
  fulfillmentStatus,
  paymentGatewayNames,
  paymentSums,
  refundedQuantity,
  unfulfilledQuantity,
} from "../commerce/order-status";
import type { OrderRecord, ShippingLineRecord } from "../store-orders";
import { locationView, productView, variantView } from "./catalog-views";
import { metafieldResolvers } from "./metafield-fields";
import {
  emptyConnection,
  fulfillmentOrderView,
  fulfillmentView,
  lineItemOf,
  lineItemView,
  orderView,
  pageOf,
  refundView,
  transactionView,
  type FulfillmentOrderLineItemView,
  type FulfillmentOrderView,
  type FulfillmentView,
  type LineItemView,
  type RefundView,
  type TransactionView,
} from "./order-views";

const asOrder = (parent: unknown) => parent as OrderRecord;
const asLine = (parent: unknown) => parent as LineItemView;
const asTransaction = (parent: unknown) => parent as TransactionView;
const asRefund = (parent: unknown) => parent as RefundView;
const asFulfillment = (parent: unknown) => parent as FulfillmentView;
const asFulfillmentOrder = (parent: unknown) => parent as FulfillmentOrderView;
const asFoLine = (parent: unknown) => parent as FulfillmentOrderLineItemView;

/** Deprecated `Money` scalars next to their MoneyBag field. */
function decimalOf(field: string): FieldResolver {
  return (parent) =>
    ((parent as Record<string, MoneyBag | null>)[field] ?? null)?.shopMoney
      .amount ?? null;
}

function bagOf(pick: (order: OrderRecord) => number): FieldResolver {
  return (parent) =>
    moneyBag(pick(asOrder(parent)), asOrder(parent).currencyCode);
}

const current = (order: OrderRecord) => currentTotals(order);

const orderMoney: Record<string, FieldResolver> = {
  currentTotalPriceSet: bagOf((o) => current(o).total),
  currentSubtotalPriceSet: bagOf((o) => current(o).subtotal),
  currentTotalTaxSet: bagOf((o) => current(o).tax),
  currentShippingPriceSet: bagOf((o) => current(o).shipping),
  currentTotalDiscountsSet: (parent) => asOrder(parent).totalDiscountsSet,
  currentCartDiscountAmountSet: bagOf(() => 0),
  cartDiscountAmountSet: () => null,
  originalTotalPriceSet: (parent) => asOrder(parent).totalPriceSet,
  totalRefundedSet: bagOf((o) => current(o).refunded),
  totalRefundedShippingSet: bagOf((o) => current(o).refundedShipping),
  netPaymentSet: bagOf((o) => current(o).netPayment),
  totalReceivedSet: bagOf((o) => current(o).received),
  totalOutstandingSet: bagOf((o) => current(o).outstanding),
  totalCapturableSet: bagOf((o) => current(o).capturable),
  totalTipReceivedSet: bagOf(() => 0),
  refundDiscrepancySet: bagOf(() => 0),
  totalPrice: decimalOf("totalPriceSet"),
  subtotalPrice: decimalOf("subtotalPriceSet"),
  totalTax: decimalOf("totalTaxSet"),
  totalDiscounts: decimalOf("totalDiscountsSet"),
  totalShippingPrice: decimalOf("totalShippingPriceSet"),
};

const orderStatus: Record<string, FieldResolver> = {
  displayFinancialStatus: (parent) => financialStatus(asOrder(parent)),
  displayFulfillmentStatus: (parent) => fulfillmentStatus(asOrder(parent)),
  paymentGatewayNames: (parent) => paymentGatewayNames(asOrder(parent)),
  closed: (parent) => asOrder(parent).closedAt !== null,
  capturable: (parent) => paymentSums(asOrder(parent)).authorized > 0,
  fullyPaid: (parent) => {
    const order = asOrder(parent);
    return order.transactions.length > 0 && current(order).outstanding === 0;
  },
  unpaid: (parent) => paymentSums(asOrder(parent)).captured === 0,
  refundable: (parent) => current(asOrder(parent)).netPayment > 0,
  canMarkAsPaid: (parent) => {
    const order = asOrder(parent);
    return !order.cancelledAt && current(order).outstanding > 0;
  },
  fulfillable: (parent) => {
    const order = asOrder(parent);
    return order.lineItems.some((l) => unfulfilledQuantity(order, l.id) > 0);
  },
  requiresShipping: (parent) =>
    asOrder(parent).lineItems.some((l) => l.requiresShipping),
  subtotalLineItemsQuantity: (parent) =>
    asOrder(parent).lineItems.reduce((sum, l) => sum + l.quantity, 0),
  currentSubtotalLineItemsQuantity: (parent) => {
    const order = asOrder(parent);
    return order.lineItems.reduce((s, l) => s + currentQuantity(order, l), 0);
  },
  totalWeight: (parent) =>
    String(
      asOrder(parent).lineItems.reduce(
        (sum, l) => sum + l.weightGrams * l.quantity,
        0,
      ),
    ),
  discountCode: (parent) => asOrder(parent).discountCodes[0] ?? null,
  currentTaxLines: (parent) => asOrder(parent).taxLines,
};

const orderLinks: Record<string, FieldResolver> = {
  lineItems: (parent, args, ctx) => {
    const order = asOrder(parent);
    const lines = order.lineItems.map((l) => lineItemView(order, l));
    return pageOf(lines, args, ctx);
  },
  shippingLines: (parent, args, ctx) => {
    const lines = asOrder(parent).shippingLines;
    return pageOf(
      lines.map((l) => ({ ...l, id: l.id ?? "" })),
      args,
      ctx,
    );
  },
  shippingLine: (parent) => asOrder(parent).shippingLines[0] ?? null,
  transactions: (parent, args) => {
    const order = asOrder(parent);
    const first = args["first"] as number | null | undefined;
    const capturable = args["capturable"] === true;
    const list = order.transactions
      .filter((t) => !capturable || t.kind === "AUTHORIZATION")
      .map((t) => transactionView(order, t));
    return typeof first === "number" ? list.slice(0, first) : list;
  },
  refunds: (parent, args) => {
    const order = asOrder(parent);
    const list = order.refunds.map((r) => refundView(order, r));
    const first = args["first"] as number | null | undefined;
    return typeof first === "number" ? list.slice(0, first) : list;
  },
  fulfillments: (parent, args) => {
    const order = asOrder(parent);
    const list = order.fulfillments.map((f) => fulfillmentView(order, f));
    const first = args["first"] as number | null | undefined;
    return typeof first === "number" ? list.slice(0, first) : list;
  },
  fulfillmentsCount: (parent) => ({
    count: asOrder(parent).fulfillments.length,
    precision: "EXACT",
  }),
  fulfillmentOrders: (parent, args, ctx) => {
    const order = asOrder(parent);
    const views = order.fulfillmentOrders.map((fo) =>
      fulfillmentOrderView(order, fo),
    );
    return pageOf(views, args, ctx);
  },
  displayAddress: (parent) =>
    asOrder(parent).shippingAddress ?? asOrder(parent).billingAddress,
  billingAddressMatchesShippingAddress: (parent) => {
    const { billingAddress, shippingAddress } = asOrder(parent);
    return (
      billingAddress?.formatted.join() === shippingAddress?.formatted.join()
    );
  },
  statusPageUrl: (parent, _args, ctx) =>
    `https://${ctx.shop.domain}/orders/${asOrder(parent).legacyResourceId}`,
};

const orderConstants: Record<string, FieldResolver> = {
  customer: () => null,
  app: () => null,
  alerts: () => [],
  additionalFees: () => [],
  disputes: () => [],
  risks: () => [],
  edited: () => false,
  estimatedTaxes: () => false,
  dutiesIncluded: () => false,
  merchantEditable: (parent) => asOrder(parent).cancelledAt === null,
  merchantEditableErrors: () => [],
  customerAcceptsMarketing: () => false,
  canNotifyCustomer: (parent) => asOrder(parent).email !== null,
  restockable: () => true,
  productNetwork: () => false,
  returnStatus: () => "NO_RETURN",
  hasTimelineComment: () => false,
  events: () => emptyConnection(),
  returns: () => emptyConnection(),
  localizedFields: () => emptyConnection(),
  localizationExtensions: () => emptyConnection(),
  discountApplications: () => emptyConnection(),
  nonFulfillableLineItems: () => emptyConnection(),
  agreements: () => emptyConnection(),
};

function lineMoney(pick: (line: LineItemView) => number): FieldResolver {
  return (parent) =>
    moneyBag(pick(asLine(parent)), asLine(parent).parentOrder.currencyCode);
}

const discountedTotal = (l: LineItemView) =>
  cents(l.originalTotalSet) - cents(l.totalDiscountSet);
const unfulfilled = (l: LineItemView) =>
  unfulfilledQuantity(l.parentOrder, l.id);

const lineItemFields: Record<string, FieldResolver> = {
  variant: (parent, _args, ctx) => {
    const id = asLine(parent).variantId;
    const variant = id ? ctx.shop.variants.get(id) : undefined;
    return variant ? variantView(variant) : null;
  },
  product: (parent, _args, ctx) => {
    const id = asLine(parent).productId;
    const product = id ? ctx.shop.products.get(id) : undefined;
    return product ? productView(product) : null;
  },
  currentQuantity: (parent) =>
    currentQuantity(asLine(parent).parentOrder, asLine(parent)),
  refundableQuantity: (parent) =>
    asLine(parent).quantity -
    refundedQuantity(asLine(parent).parentOrder, asLine(parent).id),
  unfulfilledQuantity: (parent) => unfulfilled(asLine(parent)),
  fulfillableQuantity: (parent) => unfulfilled(asLine(parent)),
  nonFulfillableQuantity: (parent) =>
    refundedQuantity(asLine(parent).parentOrder, asLine(parent).id),
  fulfillmentStatus: (parent) => {
    const line = asLine(parent);
    const shipped = fulfilledQuantity(line.parentOrder, line.id);
    if (shipped === 0) return "unfulfilled";
    return shipped >= line.quantity ? "fulfilled" : "partial";
  },
  discountedTotalSet: lineMoney(discountedTotal),
  discountedUnitPriceAfterAllDiscountsSet: (parent) =>
    asLine(parent).discountedUnitPriceSet,
  priceAfterAllDiscountsBeforeTaxesSet: lineMoney(discountedTotal),
  unfulfilledDiscountedTotalSet: lineMoney(
    (l) => cents(l.discountedUnitPriceSet) * unfulfilled(l),
  ),
  unfulfilledOriginalTotalSet: lineMoney(
    (l) => cents(l.originalUnitPriceSet) * unfulfilled(l),
  ),
  taxLines: (parent, args) => {
    const first = args["first"] as number | null | undefined;
    const lines = asLine(parent).taxLines;
    return typeof first === "number" ? lines.slice(0, first) : lines;
  },
  weight: (parent) => ({ unit: "GRAMS", value: asLine(parent).weightGrams }),
  restockable: () => true,
  canRestock: () => true,
  merchantEditable: () => true,
  discountAllocations: () => [],
  duties: () => [],
  image: () => null,
  contract: () => null,
  sellingPlan: () => null,
  staffMember: () => null,
  lineItemGroup: () => null,
  fulfillmentService: () => null,
  originalUnitPrice: decimalOf("originalUnitPriceSet"),
  discountedUnitPrice: decimalOf("discountedUnitPriceSet"),
  originalTotal: decimalOf("originalTotalSet"),
  totalDiscount: decimalOf("totalDiscountSet"),
};

const transactionFields: Record<string, FieldResolver> = {
  order: (parent) => orderView(asTransaction(parent).parentOrder),
  parentTransaction: (parent) => {
    const { parentOrder, parentTransactionId } = asTransaction(parent);
    const found = parentOrder.transactions.find(
      (t) => t.id === parentTransactionId,
    );
    return found ? transactionView(parentOrder, found) : null;
  },
  amount: decimalOf("amountSet"),
  amountV2: (parent) => asTransaction(parent).amountSet.shopMoney,
  manuallyCapturable: (parent) =>
    asTransaction(parent).kind === "AUTHORIZATION",
  multiCapturable: () => false,
  maximumRefundableV2: (parent) => {
    const transaction = asTransaction(parent);
    const paid = ["SALE", "CAPTURE"].includes(transaction.kind);
    if (!paid) return null;
    const left = current(transaction.parentOrder).netPayment;
    return moneyBag(left, transaction.parentOrder.currencyCode).shopMoney;
  },
  totalUnsettledSet: () => null,
  location: () => null,
  user: () => null,
  device: () => null,
  paymentIcon: () => null,
  paymentDetails: () => null,
};

const refundFields: Record<string, FieldResolver> = {
  order: (parent) => orderView(asRefund(parent).parentOrder),
  refundLineItems: (parent, args, ctx) => {
    const refund = asRefund(parent);
    const items = refund.refundLineItems.map((item) => ({
      ...item,
      parentOrder: refund.parentOrder,
    }));
    return pageOf(items, args, ctx);
  },
  refundShippingLines: (parent, args, ctx) => {
    const refund = asRefund(parent);
    const lines = refund.refundShippingLines.map((line) => ({
      ...line,
      shippingLine:
        refund.parentOrder.shippingLines.find(
          (s) => s.id === line.shippingLineId,
        ) ?? null,
    }));
    return pageOf(lines, args, ctx);
  },
  transactions: (parent, args, ctx) => {
    const { parentOrder, transactionIds } = asRefund(parent);
    const list = parentOrder.transactions
      .filter((t) => transactionIds.includes(t.id))
      .map((t) => transactionView(parentOrder, t));
    return pageOf(list, args, ctx);
  },
  totalRefunded: (parent) => asRefund(parent).totalRefundedSet.shopMoney,
  orderAdjustments: () => emptyConnection(),
  duties: () => [],
  return: () => null,
  staffMember: () => null,
};

const refundLineItemFields: Record<string, FieldResolver> = {
  lineItem: (parent) => {
    const item = parent as { parentOrder: OrderRecord; lineItemId: string };
    return lineItemOf(item.parentOrder, item.lineItemId);
  },
  location: (parent, _args, ctx) => {
    const id = (parent as { locationId: string | null }).locationId;
    const location = ctx.shop.locations.find((l) => l.id === id);
    return location ? locationView(ctx.shop, location) : null;
  },
  price: decimalOf("priceSet"),
  subtotal: decimalOf("subtotalSet"),
  totalTax: decimalOf("totalTaxSet"),
};

const fulfillmentOrderFields: Record<string, FieldResolver> = {
  order: (parent) => orderView(asFulfillmentOrder(parent).parentOrder),
  orderName: (parent) => asFulfillmentOrder(parent).parentOrder.name,
  orderProcessedAt: (parent) =>
    asFulfillmentOrder(parent).parentOrder.processedAt,
  lineItems: (parent, args, ctx) => {
    const fo = asFulfillmentOrder(parent);
    const lines = fo.lineItems.map((l) => ({
      ...l,
      parentOrder: fo.parentOrder,
    }));
    return pageOf(lines, args, ctx);
  },
  assignedLocation: (parent, _args, ctx) => {
    const fo = asFulfillmentOrder(parent);
    const location = ctx.shop.locations.find((l) => l.id === fo.locationId);
    return {
      name: location?.name ?? "Shop location",
      countryCode: location?.countryCode ?? ctx.shop.countryCode,
      province: location?.provinceCode ?? null,
      location: location ? locationView(ctx.shop, location) : null,
    };
  },
  destination: (parent) => {
    const address = asFulfillmentOrder(parent).parentOrder.shippingAddress;
    if (!address) return null;
    return {
      ...address,
      id: address.id.replace("MailingAddress", "FulfillmentOrderDestination"),
      countryCode: address.countryCodeV2,
      email: asFulfillmentOrder(parent).parentOrder.email,
    };
  },
  supportedActions: (parent) => {
    const open = ["OPEN", "IN_PROGRESS"].includes(
      asFulfillmentOrder(parent).status,
    );
    return open ? [{ action: "CREATE_FULFILLMENT", externalUrl: null }] : [];
  },
  fulfillments: (parent, args, ctx) => {
    const fo = asFulfillmentOrder(parent);
    const list = fo.parentOrder.fulfillments
      .filter((f) => f.fulfillmentOrderIds.includes(fo.id))
      .map((f) => fulfillmentView(fo.parentOrder, f));
    return pageOf(list, args, ctx);
  },
  fulfillmentHolds: () => [],
  deliveryMethod: () => null,
  fulfillAt: () => null,
  fulfillBy: () => null,
  channelId: () => null,
  internationalDuties: () => null,
  merchantRequests: () => emptyConnection(),
  locationsForMove: () => emptyConnection(),
  fulfillmentOrdersForMerge: () => emptyConnection(),
};

const fulfillmentOrderLineItemFields: Record<string, FieldResolver> = {
  lineItem: (parent) =>
    lineItemOf(asFoLine(parent).parentOrder, asFoLine(parent).lineItemId),
  productTitle: (parent) => foLine(parent)?.title ?? "",
  variantTitle: (parent) => foLine(parent)?.variantTitle ?? null,
  sku: (parent) => foLine(parent)?.sku ?? null,
  vendor: (parent) => foLine(parent)?.vendor ?? null,
  requiresShipping: (parent) => foLine(parent)?.requiresShipping ?? true,
  originalUnitPriceSet: (parent) => foLine(parent)?.originalUnitPriceSet,
  variant: (parent, args, ctx, info) =>
    lineItemFields["variant"]?.(foLine(parent), args, ctx, info) ?? null,
  inventoryItemId: (parent, _args, ctx) => {
    const id = foLine(parent)?.variantId;
    return id ? (ctx.shop.variants.get(id)?.inventoryItemId ?? null) : null;
  },
  weight: (parent) => ({
    unit: "GRAMS",
    value: foLine(parent)?.weightGrams ?? 0,
  }),
  warnings: () => [],
  financialSummaries: () => [],
  image: () => null,
  shippingLine: () => null,
};

function foLine(parent: unknown) {
  return lineItemOf(asFoLine(parent).parentOrder, asFoLine(parent).lineItemId);
}

const fulfillmentFields: Record<string, FieldResolver> = {
  order: (parent) => orderView(asFulfillment(parent).parentOrder),
  fulfillmentLineItems: (parent, args, ctx) => {
    const fulfillment = asFulfillment(parent);
    const items = fulfillment.lineItems.map((item) => ({
      ...item,
      parentOrder: fulfillment.parentOrder,
    }));
    return pageOf(items, args, ctx);
  },
  fulfillmentOrders: (parent, args, ctx) => {
    const { parentOrder, fulfillmentOrderIds } = asFulfillment(parent);
    const list = parentOrder.fulfillmentOrders
      .filter((fo) => fulfillmentOrderIds.includes(fo.id))
      .map((fo) => fulfillmentOrderView(parentOrder, fo));
    return pageOf(list, args, ctx);
  },
  trackingInfo: (parent, args) => {
    const first = args["first"] as number | null | undefined;
    const info = asFulfillment(parent).trackingInfo;
    return typeof first === "number" ? info.slice(0, first) : info;
  },
  location: (parent, _args, ctx) => {
    const id = asFulfillment(parent).locationId;
    const location = ctx.shop.locations.find((l) => l.id === id);
    return location ? locationView(ctx.shop, location) : null;
  },
  totalQuantity: (parent) =>
    asFulfillment(parent).lineItems.reduce((sum, l) => sum + l.quantity, 0),
  requiresShipping: () => true,
  displayStatus: (parent) =>
    asFulfillment(parent).status === "SUCCESS" ? "FULFILLED" : "CANCELED",
  events: () => emptyConnection(),
  service: () => null,
  originAddress: () => null,
  deliveredAt: () => null,
  estimatedDeliveryAt: () => null,
  inTransitAt: () => null,
};

const fulfillmentLineItemFields: Record<string, FieldResolver> = {
  lineItem: (parent) => {
    const item = parent as { parentOrder: OrderRecord; lineItemId: string };
    return lineItemOf(item.parentOrder, item.lineItemId);
  },
  originalTotalSet: (parent) => fulfilledMoney(parent, "originalUnitPriceSet"),
  discountedTotalSet: (parent) =>
    fulfilledMoney(parent, "discountedUnitPriceSet"),
};

function fulfilledMoney(
  parent: unknown,
  unit: "originalUnitPriceSet" | "discountedUnitPriceSet",
) {
  const item = parent as {
    parentOrder: OrderRecord;
    lineItemId: string;
    quantity: number;
  };
  const line = lineItemOf(item.parentOrder, item.lineItemId);
  const perUnit = line ? cents(line[unit]) : 0;
  return moneyBag(perUnit * item.quantity, item.parentOrder.currencyCode);
}

const shippingLineFields: Record<string, FieldResolver> = {
  price: decimalOf("originalPriceSet"),
  originalPrice: (parent) =>
    (parent as ShippingLineRecord).originalPriceSet.shopMoney,
  discountedPrice: (parent) =>
    (parent as ShippingLineRecord).discountedPriceSet.shopMoney,
  requestedFulfillmentService: () => null,
};

export const orderTypeResolvers: ResolverMap = {
  Order: {
    ...orderMoney,
    ...orderStatus,
    ...orderLinks,
    ...orderConstants,
    ...metafieldResolvers,
  },
  LineItem: lineItemFields,
  OrderTransaction: transactionFields,
  Refund: refundFields,
  RefundLineItem: refundLineItemFields,
  FulfillmentOrder: fulfillmentOrderFields,
  FulfillmentOrderLineItem: fulfillmentOrderLineItemFields,
  Fulfillment: fulfillmentFields,
  FulfillmentLineItem: fulfillmentLineItemFields,
  ShippingLine: shippingLineFields,
};
