/**
 * Records as GraphQL parents. Most catalog records already have the
 * schema's field names; a view adds `__typename` (abstract fields such as
 * `node` and `media` resolve by it) and the fields Shopify derives.
 * Connections and arguments are left to catalog-types.ts.
 */
import { shopLegacyId } from "../webhook-payloads";
import type {
  InventoryItemRecord,
  InventoryLevelRecord,
  LocationRecord,
  MediaImageRecord,
  MetafieldRecord,
  ProductRecord,
  ShopPolicyRecord,
  ShopState,
  VariantRecord,
} from "../store";
import { legacyId } from "../store";

export type View<T> = T & { __typename: string };

export function productView(product: ProductRecord): View<ProductRecord> {
  return { ...product, __typename: "Product" };
}

export function variantView(variant: VariantRecord): View<VariantRecord> {
  return { ...variant, __typename: "ProductVariant" };
}

export function inventoryItemView(
  item: InventoryItemRecord,
): View<InventoryItemRecord> {
  return { ...item, __typename: "InventoryItem" };
}

export interface InventoryLevelView extends InventoryLevelRecord {
  __typename: "InventoryLevel";
  id: string;
  inventoryItemId: string;
}

export function inventoryLevelView(
  item: InventoryItemRecord,
  level: InventoryLevelRecord,
): InventoryLevelView {
  const itemId = legacyId(item.id);
  const levelId = legacyId(level.locationId) * 1_000_000 + itemId;

  return {
    ...level,
    __typename: "InventoryLevel",
    // Shopify's level ids carry the item as a query parameter.
    id: `gid://shopify/InventoryLevel/${levelId}?inventory_item_id=${itemId}`,
    inventoryItemId: item.id,
  };
}

export function locationView(shop: ShopState, location: LocationRecord) {
  const city = location.provinceCode === "NY" ? "New York" : "Springfield";

  return {
    ...location,
    __typename: "Location",
    legacyResourceId: String(legacyId(location.id)),
    isActive: true,
    isPrimary: shop.locations[0]?.id === location.id,
    fulfillsOnlineOrders: true,
    shipsInventory: true,
    hasActiveInventory: true,
    hasUnfulfilledOrders: false,
    isFulfillmentService: false,
    activatable: false,
    deactivatable: true,
    deletable: false,
    addressVerified: true,
    deactivatedAt: null,
    address: {
      address1: "1 Warehouse Way",
      address2: null,
      city,
      zip: location.provinceCode === "NY" ? "10001" : "00000",
      country: location.countryCode === "US" ? "United States" : null,
      countryCode: location.countryCode,
      province: location.provinceCode,
      provinceCode: location.provinceCode,
      phone: null,
      latitude: null,
      longitude: null,
      formatted: ["1 Warehouse Way", `${city} ${location.provinceCode ?? ""}`],
    },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

export function mediaImageView(media: MediaImageRecord) {
  const image = {
    id: `gid://shopify/ProductImage/${legacyId(media.id)}`,
    url: media.url,
    src: media.url,
    originalSrc: media.url,
    transformedSrc: media.url,
    altText: media.altText,
    width: media.width,
    height: media.height,
    thumbhash: null,
  };

  return {
    __typename: "MediaImage",
    id: media.id,
    alt: media.altText,
    mediaContentType: "IMAGE",
    status: "READY",
    fileStatus: "READY",
    mimeType: mimeTypeOf(media.url),
    image,
    preview: { image, status: "READY" },
    mediaErrors: [],
    mediaWarnings: [],
    fileErrors: [],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };
}

/** The deprecated `Image` of `Product.images` and `ProductVariant.image`. */
export function imageOf(media: MediaImageRecord) {
  return mediaImageView(media).image;
}

function mimeTypeOf(url: string): string {
  if (url.endsWith(".png")) return "image/png";
  if (url.endsWith(".webp")) return "image/webp";

  return "image/jpeg";
}

export function metafieldView(metafield: MetafieldRecord) {
  return {
    ...metafield,
    __typename: "Metafield",
    legacyResourceId: String(legacyId(metafield.id)),
    jsonValue: jsonValueOf(metafield),
    ownerType: ownerTypeOf(metafield.ownerId),
    createdAt: metafield.updatedAt,
    compareDigest: Buffer.from(metafield.value).toString("base64url"),
    description: null,
    definition: null,
  };
}

function jsonValueOf(metafield: MetafieldRecord): unknown {
  if (metafield.type === "json" || metafield.type.startsWith("list.")) {
    return JSON.parse(metafield.value);
  }
  if (/integer|decimal|rating/.test(metafield.type)) {
    return Number(metafield.value);
  }
  if (metafield.type === "boolean") return metafield.value === "true";

  return metafield.value;
}

function ownerTypeOf(ownerId: string): string {
  const type = ownerId.split("/")[3] ?? "";
  const known: Record<string, string> = {
    Product: "PRODUCT",
    ProductVariant: "PRODUCTVARIANT",
    Shop: "SHOP",
    Location: "LOCATION",
  };

  return known[type] ?? type.toUpperCase();
}

export function shopGid(shop: ShopState): string {
  return `gid://shopify/Shop/${shopLegacyId(shop)}`;
}

export function shopPolicyView(policy: ShopPolicyRecord, index: number) {
  return {
    ...policy,
    __typename: "ShopPolicy",
    id: `gid://shopify/ShopPolicy/${9000 + index}`,
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  };
}
