/**
 * The Shopify emulator's in-memory state, one `ShopState` per shop. Records
 * hold what the Admin API exposes, in the API's own terms: ids are gids
 * ("gid://shopify/Product/1"), money is a decimal string ("19.99") in the
 * shop's currency, enums are the schema's values.
 *
 * Catalog records (products, variants, inventory, media, metafields) are
 * read by resolvers/catalog.ts; commerce records (draft orders, orders,
 * refunds, fulfilments) live in store-orders.ts and are driven by
 * resolvers/orders.ts.
 */
import type { DraftOrderRecord, OrderRecord } from "./store-orders";

export type Decimal = string;

export interface AccessTokenRecord {
  token: string;
  scopes: string[];
  /** Offline tokens belong to the shop; online ones to a staff member. */
  online: boolean;
}

export interface LocationRecord {
  id: string;
  name: string;
  countryCode: string;
  provinceCode: string | null;
}

export interface MediaImageRecord {
  id: string;
  url: string;
  altText: string | null;
  width: number;
  height: number;
}

export interface ProductRecord {
  id: string;
  legacyResourceId: number;
  title: string;
  handle: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED";
  tags: string[];
  options: { name: string; values: string[] }[];
  media: MediaImageRecord[];
  variantIds: string[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  onlineStoreUrl: string | null;
}

export interface VariantRecord {
  id: string;
  legacyResourceId: number;
  productId: string;
  title: string;
  sku: string | null;
  barcode: string | null;
  price: Decimal;
  compareAtPrice: Decimal | null;
  taxable: boolean;
  inventoryPolicy: "DENY" | "CONTINUE";
  inventoryItemId: string;
  selectedOptions: { name: string; value: string }[];
  position: number;
  imageId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InventoryLevelRecord {
  locationId: string;
  /** Sellable now: on hand minus committed and reserved. */
  available: number;
  /** Held for unpaid orders or draft orders with reserveInventoryUntil. */
  reserved: number;
  committed: number;
}

export interface InventoryItemRecord {
  id: string;
  variantId: string;
  sku: string | null;
  tracked: boolean;
  requiresShipping: boolean;
  /** Grams; used by shipping rates that depend on weight. */
  weightGrams: number;
  countryCodeOfOrigin: string | null;
  levels: InventoryLevelRecord[];
}

export interface MetafieldRecord {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  updatedAt: string;
}

/** Seeded tax table: the most specific match (province over country) wins. */
export interface TaxRateRecord {
  countryCode: string;
  provinceCode: string | null;
  /** Fraction, e.g. 0.0725 for 7.25 %. */
  rate: number;
  title: string;
  /** Whether shipping is taxed at this rate too. */
  taxShipping: boolean;
}

export interface ShippingRateRecord {
  /** Opaque, like Shopify's: changes with the cart; never parse it. */
  handleSeed: string;
  title: string;
  code: string;
  source: string;
  price: Decimal;
  /** Empty means every country. */
  countryCodes: string[];
  /** Delivery estimate in business days, for fulfilment options. */
  minDeliveryDays: number;
  maxDeliveryDays: number;
}

export interface DiscountCodeRecord {
  id: string;
  code: string;
  title: string;
  kind: "PERCENTAGE" | "FIXED_AMOUNT" | "FREE_SHIPPING";
  /** Fraction for PERCENTAGE (0.1), decimal string for FIXED_AMOUNT. */
  value: number | Decimal;
  minimumSubtotal: Decimal | null;
  startsAt: string;
  endsAt: string | null;
  active: boolean;
}

export interface ShopPolicyRecord {
  type:
    | "REFUND_POLICY"
    | "PRIVACY_POLICY"
    | "TERMS_OF_SERVICE"
    | "SHIPPING_POLICY"
    | "CONTACT_INFORMATION";
  title: string;
  url: string;
  body: string;
}

export interface WebhookSubscriptionRecord {
  id: string;
  /** Schema enum value, e.g. ORDERS_UPDATED. */
  topic: string;
  callbackUrl: string;
  format: "JSON";
}

export interface BulkOperationRecord {
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  errorCode: string | null;
  /** The JSONL result, served at `url`. */
  result: string | null;
}

export interface ShopState {
  domain: string;
  name: string;
  email: string;
  contactEmail: string;
  currencyCode: string;
  /** The shop's address: origin for taxes and shipping. */
  countryCode: string;
  provinceCode: string | null;
  ianaTimezone: string;
  primaryDomainUrl: string;
  planDisplayName: string;
  /** Development stores allow 5 orderCreate calls a minute. */
  developmentStore: boolean;
  accessTokens: AccessTokenRecord[];
  locations: LocationRecord[];
  products: Map<string, ProductRecord>;
  variants: Map<string, VariantRecord>;
  inventoryItems: Map<string, InventoryItemRecord>;
  metafields: MetafieldRecord[];
  taxRates: TaxRateRecord[];
  shippingRates: ShippingRateRecord[];
  /** Keyed by upper-case code: codes are case-insensitive at checkout. */
  discountCodes: Map<string, DiscountCodeRecord>;
  policies: ShopPolicyRecord[];
  draftOrders: Map<string, DraftOrderRecord>;
  orders: Map<string, OrderRecord>;
  webhookSubscriptions: WebhookSubscriptionRecord[];
  bulkOperations: Map<string, BulkOperationRecord>;
  /** Last numeric id handed out, per gid type ("Product", "Order", ...). */
  ids: Map<string, number>;
}

/** The next gid of a type, e.g. nextGid(shop, "Order"). */
export function nextGid(shop: ShopState, type: string): string {
  const id = (shop.ids.get(type) ?? 1000) + 1;
  shop.ids.set(type, id);

  return `gid://shopify/${type}/${id}`;
}

export function legacyId(gid: string): number {
  return Number(gid.slice(gid.lastIndexOf("/") + 1));
}
