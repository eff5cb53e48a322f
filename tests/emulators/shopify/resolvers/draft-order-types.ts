/**
 * Field resolvers of CalculatedDraftOrder, DraftOrder and their line
 * items. Records already hold the schema's fields; these add links
 * (variant, product, order), connections, and the deprecated scalar
 * money fields, whose types differ between the two line item types.
 */
import type { FieldResolver, ResolverMap } from "../context";
import type { MoneyBag } from "../commerce/money";
import type {
  CalculatedDraftOrderRecord,
  DraftLineItemRecord,
  DraftOrderRecord,
} from "../store-orders";
import { productView, variantView } from "./catalog-views";
import { metafieldResolvers } from "./metafield-fields";
import { emptyConnection, orderView, pageOf } from "./order-views";

const asLine = (parent: unknown) => parent as DraftLineItemRecord;
const asCalculated = (parent: unknown) => parent as CalculatedDraftOrderRecord;
const asDraft = (parent: unknown) => parent as DraftOrderRecord;

type BagOf<T> = (parent: T) => MoneyBag;

/** Deprecated `Money` (a Decimal) read from a MoneyBag field. */
function decimalOf<T>(bag: BagOf<T>): FieldResolver {
  return (parent) => bag(parent as T).shopMoney.amount;
}

/** Deprecated `MoneyV2` read from a MoneyBag field. */
function moneyV2Of<T>(bag: BagOf<T>): FieldResolver {
  return (parent) => bag(parent as T).shopMoney;
}

const lineLinks: Record<string, FieldResolver> = {
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
  image: () => null,
  fulfillmentService: () => null,
  customAttributesV2: () => [],
  bundleComponents: () => [],
  discountedUnitPriceSet: (parent) =>
    asLine(parent).approximateDiscountedUnitPriceSet,
};

const calculatedOrderTotals: Record<string, FieldResolver> = {
  subtotalPrice: decimalOf<CalculatedDraftOrderRecord>(
    (d) => d.subtotalPriceSet,
  ),
  totalPrice: decimalOf<CalculatedDraftOrderRecord>((d) => d.totalPriceSet),
  totalShippingPrice: decimalOf<CalculatedDraftOrderRecord>(
    (d) => d.totalShippingPriceSet,
  ),
  totalTax: decimalOf<CalculatedDraftOrderRecord>((d) => d.totalTaxSet),
  marketName: () => "",
  marketRegionCountryCode: (_parent, _args, ctx) => ctx.shop.countryCode,
  customer: () => null,
  purchasingEntity: () => null,
  deposit: () => null,
};

export const draftOrderTypeResolvers: ResolverMap = {
  CalculatedDraftOrder: {
    ...calculatedOrderTotals,
    lineItems: (parent) => asCalculated(parent).lineItems,
  },
  CalculatedDraftOrderLineItem: {
    ...lineLinks,
    discountedTotal: moneyV2Of<DraftLineItemRecord>(
      (l) => l.discountedTotalSet,
    ),
    discountedUnitPrice: moneyV2Of<DraftLineItemRecord>(
      (l) => l.approximateDiscountedUnitPriceSet,
    ),
    originalTotal: moneyV2Of<DraftLineItemRecord>((l) => l.originalTotalSet),
    originalUnitPrice: moneyV2Of<DraftLineItemRecord>(
      (l) => l.originalUnitPriceSet,
    ),
    totalDiscount: moneyV2Of<DraftLineItemRecord>((l) => l.totalDiscountSet),
  },
  DraftOrder: {
    ...calculatedOrderTotals,
    ...metafieldResolvers,
    lineItems: (parent, args, ctx) =>
      pageOf(asDraft(parent).lineItems, args, ctx),
    order: (parent, _args, ctx) => {
      const id = asDraft(parent).orderId;
      const order = id ? ctx.shop.orders.get(id) : undefined;

      return order ? orderView(order) : null;
    },
    defaultCursor: (parent) =>
      Buffer.from(asDraft(parent).id).toString("base64"),
    hasTimelineComment: () => false,
    invoiceEmailTemplateSubject: (parent) =>
      `Complete your purchase ${asDraft(parent).name}`,
    paymentTerms: () => null,
    events: () => emptyConnection(),
    localizedFields: () => emptyConnection(),
    localizationExtensions: () => emptyConnection(),
  },
  DraftOrderLineItem: {
    ...lineLinks,
    discountedTotal: decimalOf<DraftLineItemRecord>(
      (l) => l.discountedTotalSet,
    ),
    discountedUnitPrice: decimalOf<DraftLineItemRecord>(
      (l) => l.approximateDiscountedUnitPriceSet,
    ),
    originalTotal: decimalOf<DraftLineItemRecord>((l) => l.originalTotalSet),
    originalUnitPrice: decimalOf<DraftLineItemRecord>(
      (l) => l.originalUnitPriceSet,
    ),
    totalDiscount: decimalOf<DraftLineItemRecord>((l) => l.totalDiscountSet),
    grams: (parent) => asLine(parent).weight?.value ?? 0,
  },
};
