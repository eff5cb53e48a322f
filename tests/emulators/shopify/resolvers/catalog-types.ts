/**
 * Fields of catalog types that are not plain record properties: derived
 * values (inventory totals, plain-text descriptions), links between records
 * (variant → product → media) and connections with their arguments.
 */
import { GraphQLError } from "graphql";
import {
  availableQuantity,
  inventoryItemOf,
  isAvailableForSale,
  metafieldsOf,
  onHand,
  plainText,
  totalInventory,
  variantsOf,
} from "../catalog-queries";
import { connectionOf, type ConnectionArgs } from "../connection";
import type { EmulatorContext, FieldResolver, ResolverMap } from "../context";
import type {
  InventoryItemRecord,
  MediaImageRecord,
  ProductRecord,
  ShopState,
  VariantRecord,
} from "../store";
import { legacyId } from "../store";
import {
  imageOf,
  inventoryItemView,
  inventoryLevelView,
  locationView,
  mediaImageView,
  metafieldView,
  productView,
  variantView,
  type InventoryLevelView,
} from "./catalog-views";

const asProduct = (parent: unknown) => parent as ProductRecord;
const asVariant = (parent: unknown) => parent as VariantRecord;
const asItem = (parent: unknown) => parent as InventoryItemRecord;
const asLevel = (parent: unknown) => parent as InventoryLevelView;
const asId = (parent: unknown) => (parent as { id: string }).id;

const legacyResourceId: FieldResolver = (parent) =>
  String(legacyId(asId(parent)));

/** `metafield(namespace:, key:)` and `metafields(...)` on any owner. */
const metafieldFields: Record<string, FieldResolver> = {
  metafield: (parent, args, ctx) => {
    const found = metafieldsOf(ctx.shop, asId(parent)).find(
      (m) =>
        m.key === args["key"] &&
        (args["namespace"] == null || m.namespace === args["namespace"]),
    );
    return found ? metafieldView(found) : null;
  },
  metafields: (parent, args, ctx) => {
    const keys = args["keys"] as string[] | null | undefined;
    const namespace = args["namespace"] as string | null | undefined;
    const owned = metafieldsOf(ctx.shop, asId(parent)).filter(
      (m) =>
        (!namespace || m.namespace === namespace) &&
        (!keys || keys.includes(`${m.namespace}.${m.key}`)),
    );
    return connectionOf(owned.map(metafieldView), args, ctx, idOnly);
  },
};

const idOnly = { idOf: (item: { id: string }) => item.id };

const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

const count = (value: number) => ({ count: value, precision: "EXACT" });

function mediaConnection(
  media: MediaImageRecord[],
  args: ConnectionArgs,
  ctx: EmulatorContext,
) {
  // Media keep the merchant's order, so position is the sort value.
  return connectionOf(media.map(mediaImageView), args, ctx, {
    idOf: (item) => item.id,
    sortValueOf: (item) => media.findIndex((m) => m.id === item.id),
  });
}

const variantSortValues: Record<string, (v: VariantRecord) => string | number> =
  {
    POSITION: (v) => v.position,
    SKU: (v) => v.sku ?? "",
    TITLE: (v) => v.title.toLowerCase(),
    FULL_TITLE: (v) => v.title.toLowerCase(),
    NAME: (v) => v.title.toLowerCase(),
    INVENTORY_POLICY: (v) => v.inventoryPolicy,
  };

export function variantConnection(
  shop: ShopState,
  variants: VariantRecord[],
  args: ConnectionArgs & { sortKey?: string | null },
  ctx: EmulatorContext,
) {
  const byKey = variantSortValues[args.sortKey ?? "ID"];
  const byQuantity =
    args.sortKey === "INVENTORY_QUANTITY" ||
    args.sortKey === "INVENTORY_LEVELS_AVAILABLE";

  return connectionOf(variants.map(variantView), args, ctx, {
    idOf: (v) => v.id,
    sortValueOf: byQuantity
      ? (v) => availableQuantity(shop, v)
      : byKey && ((v) => byKey(v)),
  });
}

const productFields: Record<string, FieldResolver> = {
  ...metafieldFields,
  legacyResourceId,
  description: (parent, args) => {
    const text = plainText(asProduct(parent).descriptionHtml);
    const limit = args["truncateAt"];
    return typeof limit === "number" && text.length > limit
      ? `${text.slice(0, limit)}...`
      : text;
  },
  options: (parent, args) => productOptions(asProduct(parent), args),
  media: (parent, args, ctx) =>
    mediaConnection(asProduct(parent).media, args, ctx),
  mediaCount: (parent) => count(asProduct(parent).media.length),
  featuredMedia: (parent) => {
    const [first] = asProduct(parent).media;
    return first ? mediaImageView(first) : null;
  },
  images: (parent, args, ctx) =>
    connectionOf(asProduct(parent).media.map(imageOf), args, ctx, idOnly),
  featuredImage: (parent) => {
    const [first] = asProduct(parent).media;
    return first ? imageOf(first) : null;
  },
  variants: (parent, args, ctx) =>
    variantConnection(
      ctx.shop,
      variantsOf(ctx.shop, asProduct(parent)),
      { sortKey: "POSITION", ...args },
      ctx,
    ),
  variantsCount: (parent) => count(asProduct(parent).variantIds.length),
  totalVariants: (parent) => asProduct(parent).variantIds.length,
  totalInventory: (parent, _args, ctx) =>
    totalInventory(ctx.shop, asProduct(parent)),
  tracksInventory: (parent, _args, ctx) =>
    variantsOf(ctx.shop, asProduct(parent)).some(
      (v) => inventoryItemOf(ctx.shop, v)?.tracked ?? false,
    ),
  hasOnlyDefaultVariant: (parent) =>
    asProduct(parent).options.every((o) => o.name === "Title") &&
    asProduct(parent).variantIds.length === 1,
  hasOutOfStockVariants: (parent, _args, ctx) =>
    variantsOf(ctx.shop, asProduct(parent)).some(
      (v) => availableQuantity(ctx.shop, v) <= 0,
    ),
  priceRangeV2: (parent, _args, ctx) => priceRange(ctx, asProduct(parent)),
  isGiftCard: () => false,
  requiresSellingPlan: () => false,
  hasVariantsThatRequiresComponents: () => false,
  templateSuffix: () => null,
  giftCardTemplateSuffix: () => null,
  category: () => null,
  bodyHtml: (parent) => asProduct(parent).descriptionHtml,
  seo: () => ({ title: null, description: null }),
};

function productOptions(product: ProductRecord, args: Record<string, unknown>) {
  const limit = typeof args["first"] === "number" ? args["first"] : undefined;
  const base = legacyId(product.id) * 10;

  return product.options.slice(0, limit).map((option, index) => ({
    __typename: "ProductOption",
    id: `gid://shopify/ProductOption/${base + index}`,
    name: option.name,
    position: index + 1,
    values: option.values,
    optionValues: option.values.map((value, valueIndex) => ({
      id: gid("ProductOptionValue", (base + index) * 100 + valueIndex),
      name: value,
      hasVariants: true,
      linkedMetafieldValue: null,
      swatch: null,
    })),
    linkedMetafield: null,
  }));
}

function priceRange(ctx: EmulatorContext, product: ProductRecord) {
  const prices = variantsOf(ctx.shop, product).map((v) => Number(v.price));
  const money = (amount: number) => ({
    amount: String(amount),
    currencyCode: ctx.shop.currencyCode,
  });

  return {
    minVariantPrice: money(prices.length ? Math.min(...prices) : 0),
    maxVariantPrice: money(prices.length ? Math.max(...prices) : 0),
  };
}

const variantFields: Record<string, FieldResolver> = {
  ...metafieldFields,
  legacyResourceId,
  displayName: (parent, _args, ctx) => {
    const variant = asVariant(parent);
    const product = ctx.shop.products.get(variant.productId);
    return `${product?.title ?? ""} - ${variant.title}`;
  },
  product: (parent, _args, ctx) => {
    const product = ctx.shop.products.get(asVariant(parent).productId);
    return product ? productView(product) : null;
  },
  inventoryItem: (parent, _args, ctx) => {
    const item = inventoryItemOf(ctx.shop, asVariant(parent));
    return item ? inventoryItemView(item) : null;
  },
  inventoryQuantity: (parent, _args, ctx) =>
    availableQuantity(ctx.shop, asVariant(parent)),
  sellableOnlineQuantity: (parent, _args, ctx) =>
    Math.max(0, availableQuantity(ctx.shop, asVariant(parent))),
  availableForSale: (parent, _args, ctx) =>
    isAvailableForSale(ctx.shop, asVariant(parent)),
  image: (parent, _args, ctx) => {
    const media = variantMedia(ctx.shop, asVariant(parent));
    return media[0] ? imageOf(media[0]) : null;
  },
  media: (parent, args, ctx) =>
    mediaConnection(variantMedia(ctx.shop, asVariant(parent)), args, ctx),
  requiresComponents: () => false,
  showUnitPrice: () => false,
  unitPrice: () => null,
  taxCode: () => null,
};

function variantMedia(
  shop: ShopState,
  variant: VariantRecord,
): MediaImageRecord[] {
  const product = shop.products.get(variant.productId);
  const media = product?.media.find((m) => m.id === variant.imageId);

  return media ? [media] : [];
}

const inventoryItemFields: Record<string, FieldResolver> = {
  legacyResourceId,
  measurement: (parent) => ({
    id: `gid://shopify/InventoryItemMeasurement/${legacyId(asItem(parent).id)}`,
    weight: { value: asItem(parent).weightGrams, unit: "GRAMS" },
  }),
  variant: (parent, _args, ctx) => {
    const variant = ctx.shop.variants.get(asItem(parent).variantId);
    return variant ? variantView(variant) : null;
  },
  inventoryLevels: (parent, args, ctx) => {
    const item = asItem(parent);
    const levels = item.levels.map((l) => inventoryLevelView(item, l));
    return connectionOf(levels, args, ctx, {
      idOf: (level) => level.locationId,
    });
  },
  inventoryLevel: (parent, args) => {
    const item = asItem(parent);
    const level = item.levels.find((l) => l.locationId === args["locationId"]);
    return level ? inventoryLevelView(item, level) : null;
  },
  unitCost: () => null,
  duplicateSkuCount: () => 0,
  harmonizedSystemCode: () => null,
  provinceCodeOfOrigin: () => null,
  inventoryHistoryUrl: () => null,
  createdAt: (parent, _args, ctx) =>
    ctx.shop.variants.get(asItem(parent).variantId)?.createdAt ?? null,
  updatedAt: (parent, _args, ctx) =>
    ctx.shop.variants.get(asItem(parent).variantId)?.updatedAt ?? null,
};

/** Quantity names Shopify accepts in `InventoryLevel.quantities`. */
const quantityNames = [
  "available",
  "committed",
  "reserved",
  "on_hand",
  "incoming",
  "damaged",
  "quality_control",
  "safety_stock",
];

const inventoryLevelFields: Record<string, FieldResolver> = {
  item: (parent, _args, ctx) => {
    const item = ctx.shop.inventoryItems.get(asLevel(parent).inventoryItemId);
    return item ? inventoryItemView(item) : null;
  },
  location: (parent, _args, ctx) => {
    const id = asLevel(parent).locationId;
    const location = ctx.shop.locations.find((l) => l.id === id);
    return location ? locationView(ctx.shop, location) : null;
  },
  quantities: (parent, args, ctx) => {
    const level = asLevel(parent);
    return (args["names"] as string[]).map((name) => ({
      id: `${level.id}&name=${name}`,
      name,
      quantity: quantityOf(level, name),
      updatedAt: ctx.now().toISOString(),
    }));
  },
  isActive: () => true,
  canDeactivate: () => false,
  deactivationAlert: () => null,
  createdAt: () => "2026-01-01T00:00:00Z",
  updatedAt: (_parent, _args, ctx) => ctx.now().toISOString(),
};

function quantityOf(level: InventoryLevelView, name: string): number {
  if (!quantityNames.includes(name)) {
    throw new GraphQLError(`The quantity name '${name}' is not valid.`);
  }

  const known: Record<string, number> = {
    available: level.available,
    committed: level.committed,
    reserved: level.reserved,
    on_hand: onHand(level),
  };
  return known[name] ?? 0;
}

const locationFields: Record<string, FieldResolver> = {
  ...metafieldFields,
  inventoryLevels: (parent, args, ctx) => {
    const id = asId(parent);
    const levels = [...ctx.shop.inventoryItems.values()].flatMap((item) =>
      item.levels
        .filter((l) => l.locationId === id)
        .map((l) => inventoryLevelView(item, l)),
    );
    return connectionOf(levels, args, ctx, {
      idOf: (level) => level.inventoryItemId,
    });
  },
  inventoryLevel: (parent, args, ctx) => {
    const item = ctx.shop.inventoryItems.get(String(args["inventoryItemId"]));
    const level = item?.levels.find((l) => l.locationId === asId(parent));
    return item && level ? inventoryLevelView(item, level) : null;
  },
};

export const catalogTypeResolvers: ResolverMap = {
  Product: productFields,
  ProductVariant: variantFields,
  InventoryItem: inventoryItemFields,
  InventoryLevel: inventoryLevelFields,
  Location: locationFields,
  Shop: metafieldFields,
};
