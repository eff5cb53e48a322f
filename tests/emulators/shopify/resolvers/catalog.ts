/**
 * Catalog reads (QueryRoot) and `productUpdate`: what the product feed and
 * the checkout read from Shopify. Field-level details live in
 * catalog-types.ts; shapes of records as GraphQL parents in
 * catalog-views.ts.
 */
import { availableQuantity, totalInventory } from "../catalog-queries";
import { connectionOf } from "../connection";
import type { FieldResolver, ResolverMap } from "../context";
import { loadNode, registerNodeLoader } from "../node-loaders";
import { matchesSearch, type SearchFields } from "../search-query";
import type { ProductRecord, ShopState, VariantRecord } from "../store";
import { legacyId } from "../store";
import { catalogTypeResolvers, variantConnection } from "./catalog-types";
import {
  inventoryItemView,
  locationView,
  productView,
  shopGid,
  shopPolicyView,
  variantView,
} from "./catalog-views";
import { productUpdate } from "./product-update";

registerNodeLoader("Product", (shop, id) => {
  const product = shop.products.get(id);
  return product ? productView(product) : null;
});
registerNodeLoader("ProductVariant", (shop, id) => {
  const variant = shop.variants.get(id);
  return variant ? variantView(variant) : null;
});
registerNodeLoader("InventoryItem", (shop, id) => {
  const item = shop.inventoryItems.get(id);
  return item ? inventoryItemView(item) : null;
});
registerNodeLoader("Location", (shop, id) => {
  const location = shop.locations.find((l) => l.id === id);
  return location ? locationView(shop, location) : null;
});

function productSearch(shop: ShopState): SearchFields<ProductRecord> {
  const skus = (p: ProductRecord) =>
    p.variantIds.map((id) => shop.variants.get(id)?.sku ?? "");

  return {
    text: (p) => [p.title, p.vendor, p.productType, ...p.tags].join(" "),
    fields: {
      id: (p) => legacyId(p.id),
      status: (p) => p.status,
      title: (p) => p.title,
      handle: (p) => p.handle,
      vendor: (p) => p.vendor,
      product_type: (p) => p.productType,
      tag: (p) => p.tags,
      tag_not: (p) => p.tags,
      sku: skus,
      created_at: (p) => p.createdAt,
      updated_at: (p) => p.updatedAt,
      published_at: (p) => p.publishedAt,
      gift_card: () => "false",
      inventory_total: (p) => totalInventory(shop, p),
    },
  };
}

const productSortValues: Record<
  string,
  (shop: ShopState, p: ProductRecord) => string | number
> = {
  TITLE: (_shop, p) => p.title.toLowerCase(),
  VENDOR: (_shop, p) => p.vendor.toLowerCase(),
  PRODUCT_TYPE: (_shop, p) => p.productType.toLowerCase(),
  CREATED_AT: (_shop, p) => p.createdAt,
  UPDATED_AT: (_shop, p) => p.updatedAt,
  PUBLISHED_AT: (_shop, p) => p.publishedAt ?? "",
  INVENTORY_TOTAL: (shop, p) => totalInventory(shop, p),
};

const products: FieldResolver = (_root, args, ctx) => {
  const search = productSearch(ctx.shop);
  const query = args["query"] as string | null | undefined;
  const found = [...ctx.shop.products.values()].filter((p) =>
    matchesSearch(p, query, search),
  );
  const sortBy = productSortValues[String(args["sortKey"])];

  return connectionOf(found.map(productView), args, ctx, {
    idOf: (p) => p.id,
    sortValueOf: sortBy && ((p) => sortBy(ctx.shop, p)),
  });
};

function variantSearch(shop: ShopState): SearchFields<VariantRecord> {
  const productOf = (v: VariantRecord) => shop.products.get(v.productId);

  return {
    text: (v) => [productOf(v)?.title, v.title, v.sku].join(" "),
    fields: {
      id: (v) => legacyId(v.id),
      product_id: (v) => legacyId(v.productId),
      sku: (v) => v.sku,
      barcode: (v) => v.barcode,
      title: (v) => v.title,
      product_status: (v) => productOf(v)?.status ?? null,
      vendor: (v) => productOf(v)?.vendor ?? null,
      product_type: (v) => productOf(v)?.productType ?? null,
      taxable: (v) => String(v.taxable),
      inventory_quantity: (v) => availableQuantity(shop, v),
      created_at: (v) => v.createdAt,
      updated_at: (v) => v.updatedAt,
    },
  };
}

const productVariants: FieldResolver = (_root, args, ctx) => {
  const search = variantSearch(ctx.shop);
  const query = args["query"] as string | null | undefined;
  const found = [...ctx.shop.variants.values()].filter((v) =>
    matchesSearch(v, query, search),
  );

  return variantConnection(ctx.shop, found, args, ctx);
};

const locations: FieldResolver = (_root, args, ctx) => {
  const views = ctx.shop.locations.map((l) => locationView(ctx.shop, l));
  const byName = args["sortKey"] === "NAME";

  return connectionOf(views, args, ctx, {
    idOf: (l) => l.id,
    sortValueOf: byName ? (l) => l.name.toLowerCase() : undefined,
  });
};

const shop: FieldResolver = (_root, _args, ctx) => shopView(ctx.shop);

function shopView(state: ShopState) {
  const host = new URL(state.primaryDomainUrl).host;

  return {
    __typename: "Shop",
    id: shopGid(state),
    name: state.name,
    email: state.email,
    contactEmail: state.contactEmail,
    myshopifyDomain: state.domain,
    url: state.primaryDomainUrl,
    currencyCode: state.currencyCode,
    enabledPresentmentCurrencies: [state.currencyCode],
    ianaTimezone: state.ianaTimezone,
    timezoneAbbreviation: "EST",
    timezoneOffset: "-0500",
    timezoneOffsetMinutes: -300,
    weightUnit: state.countryCode === "US" ? "POUNDS" : "KILOGRAMS",
    unitSystem:
      state.countryCode === "US" ? "IMPERIAL_SYSTEM" : "METRIC_SYSTEM",
    taxesIncluded: false,
    taxShipping: false,
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    shipsToCountries: [state.countryCode],
    shopOwnerName: "Shop Owner",
    description: null,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    primaryDomain: {
      id: `gid://shopify/Domain/${legacyId(shopGid(state))}`,
      host,
      url: state.primaryDomainUrl,
      sslEnabled: true,
      localization: null,
      marketWebPresence: null,
    },
    plan: {
      displayName: state.planDisplayName,
      publicDisplayName: state.planDisplayName,
      partnerDevelopment: state.developmentStore,
      shopifyPlus: false,
    },
    billingAddress: shopAddress(state),
    shopAddress: shopAddress(state),
    shopPolicies: state.policies.map(shopPolicyView),
  };
}

function shopAddress(state: ShopState) {
  const newYork = state.provinceCode === "NY";

  return {
    id: `gid://shopify/ShopAddress/${legacyId(shopGid(state))}`,
    address1: "1 Market Street",
    address2: null,
    city: newYork ? "New York" : null,
    company: state.name,
    zip: newYork ? "10001" : null,
    province: newYork ? "New York" : null,
    provinceCode: state.provinceCode,
    country: state.countryCode === "US" ? "United States" : null,
    countryCodeV2: state.countryCode,
    countryCode: state.countryCode,
    phone: null,
    latitude: null,
    longitude: null,
    coordinatesValidated: false,
    formattedArea: newYork ? "New York NY, United States" : null,
    formatted: ["1 Market Street", newYork ? "New York NY 10001" : ""],
  };
}

const byId =
  (load: (shop: ShopState, id: string) => unknown): FieldResolver =>
  (_root, args, ctx) =>
    load(ctx.shop, String(args["id"]));

const queryRoot: Record<string, FieldResolver> = {
  shop,
  products,
  productVariants,
  locations,
  product: byId((s, id) => loadTyped(s, id, "Product")),
  productVariant: byId((s, id) => loadTyped(s, id, "ProductVariant")),
  inventoryItem: byId((s, id) => loadTyped(s, id, "InventoryItem")),
  location: (_root, args, ctx) => {
    const id = args["id"] ?? ctx.shop.locations[0]?.id;
    return id ? loadTyped(ctx.shop, String(id), "Location") : null;
  },
  productByHandle: (_root, args, ctx) => {
    const found = [...ctx.shop.products.values()].find(
      (p) => p.handle === args["handle"],
    );
    return found ? productView(found) : null;
  },
  node: byId(loadNode),
  nodes: (_root, args, ctx) =>
    (args["ids"] as string[]).map((id) => loadNode(ctx.shop, id)),
};

/** `product(id:)` with a variant's gid is null, as on Shopify. */
function loadTyped(shop: ShopState, id: string, type: string): unknown {
  return id.startsWith(`gid://shopify/${type}/`) ? loadNode(shop, id) : null;
}

export const catalogResolvers: ResolverMap = {
  ...catalogTypeResolvers,
  QueryRoot: queryRoot,
  Mutation: { productUpdate },
};
