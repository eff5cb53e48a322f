/**
 * Reads over a shop's catalog records that resolvers, webhook payloads and
 * the commerce half share: a variant's stock, a product's variants, the
 * quantities Shopify derives from inventory levels.
 */
import type {
  InventoryItemRecord,
  InventoryLevelRecord,
  MetafieldRecord,
  ProductRecord,
  ShopState,
  VariantRecord,
} from "./store";

export function variantsOf(
  shop: ShopState,
  product: ProductRecord,
): VariantRecord[] {
  return product.variantIds
    .map((id) => shop.variants.get(id))
    .filter((variant): variant is VariantRecord => variant !== undefined)
    .sort((a, b) => a.position - b.position);
}

export function inventoryItemOf(
  shop: ShopState,
  variant: VariantRecord,
): InventoryItemRecord | undefined {
  return shop.inventoryItems.get(variant.inventoryItemId);
}

/** On hand: everything physically there, sold-but-unshipped included. */
export function onHand(level: InventoryLevelRecord): number {
  return level.available + level.committed + level.reserved;
}

/**
 * `ProductVariant.inventoryQuantity`: the available quantity summed over
 * locations (null would mean "not tracked" in older versions; Shopify now
 * answers the sum regardless).
 */
export function availableQuantity(
  shop: ShopState,
  variant: VariantRecord,
): number {
  const item = inventoryItemOf(shop, variant);

  return (item?.levels ?? []).reduce((sum, l) => sum + l.available, 0);
}

/** Sellable: in stock, untracked, or allowed to oversell. */
export function isAvailableForSale(
  shop: ShopState,
  variant: VariantRecord,
): boolean {
  const product = shop.products.get(variant.productId);
  if (product?.status !== "ACTIVE") return false;

  const item = inventoryItemOf(shop, variant);
  if (!item?.tracked || variant.inventoryPolicy === "CONTINUE") return true;

  return availableQuantity(shop, variant) > 0;
}

export function totalInventory(
  shop: ShopState,
  product: ProductRecord,
): number {
  return variantsOf(shop, product).reduce(
    (sum, variant) => sum + availableQuantity(shop, variant),
    0,
  );
}

export function metafieldsOf(
  shop: ShopState,
  ownerId: string,
): MetafieldRecord[] {
  return shop.metafields.filter((m) => m.ownerId === ownerId);
}

/** Plain text of `descriptionHtml`, as `Product.description` answers. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{2,}/g, "\n")
    .trim();
}
