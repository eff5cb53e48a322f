/**
 * Webhook bodies in the REST shapes Shopify sends (shopify.dev webhook
 * topic reference): snake_case, numeric ids next to
 * `admin_graphql_api_id`, money as decimal strings.
 */
import { availableQuantity } from "./catalog-queries";
import type {
  BulkOperationRecord,
  ProductRecord,
  ShopState,
  VariantRecord,
} from "./store";
import { legacyId } from "./store";

/** A stable numeric shop id derived from the domain. */
export function shopLegacyId(shop: ShopState): number {
  let hash = 0;
  for (const char of shop.domain) {
    hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  }

  return 10_000_000 + (hash % 90_000_000);
}

/** app/uninstalled, shop/update: the shop resource. */
export function shopWebhookPayload(shop: ShopState): Record<string, unknown> {
  return {
    id: shopLegacyId(shop),
    name: shop.name,
    email: shop.email,
    domain: new URL(shop.primaryDomainUrl).host,
    myshopify_domain: shop.domain,
    country_code: shop.countryCode,
    province_code: shop.provinceCode,
    currency: shop.currencyCode,
    iana_timezone: shop.ianaTimezone,
    customer_email: shop.contactEmail,
    plan_display_name: shop.planDisplayName,
    plan_name: shop.developmentStore ? "partner_test" : "basic",
  };
}

/** products/create, products/update. */
export function productWebhookPayload(
  shop: ShopState,
  product: ProductRecord,
): Record<string, unknown> {
  const variants = product.variantIds
    .map((id) => shop.variants.get(id))
    .filter((v): v is VariantRecord => v !== undefined);

  return {
    id: legacyId(product.id),
    admin_graphql_api_id: product.id,
    title: product.title,
    body_html: product.descriptionHtml,
    vendor: product.vendor,
    product_type: product.productType,
    handle: product.handle,
    status: product.status.toLowerCase(),
    tags: product.tags.join(", "),
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    published_at: product.publishedAt,
    published_scope: "global",
    template_suffix: null,
    options: productOptions(product),
    variants: variants.map((v) => variantPayload(shop, v)),
    images: productImages(product, variants),
    image: productImages(product, variants)[0] ?? null,
    variant_gids: variants.map((v) => ({
      admin_graphql_api_id: v.id,
      updated_at: v.updatedAt,
    })),
  };
}

function productOptions(product: ProductRecord) {
  return product.options.map((option, index) => ({
    id: legacyId(product.id) * 10 + index,
    product_id: legacyId(product.id),
    name: option.name,
    position: index + 1,
    values: option.values,
  }));
}

function variantPayload(shop: ShopState, variant: VariantRecord) {
  const [option1, option2, option3] = variant.selectedOptions;

  return {
    id: legacyId(variant.id),
    admin_graphql_api_id: variant.id,
    product_id: legacyId(variant.productId),
    title: variant.title,
    price: variant.price,
    compare_at_price: variant.compareAtPrice,
    sku: variant.sku,
    barcode: variant.barcode,
    position: variant.position,
    inventory_policy: variant.inventoryPolicy.toLowerCase(),
    option1: option1?.value ?? null,
    option2: option2?.value ?? null,
    option3: option3?.value ?? null,
    taxable: variant.taxable,
    inventory_item_id: legacyId(variant.inventoryItemId),
    inventory_quantity: availableQuantity(shop, variant),
    image_id: variant.imageId ? legacyId(variant.imageId) : null,
    created_at: variant.createdAt,
    updated_at: variant.updatedAt,
  };
}

function productImages(product: ProductRecord, variants: VariantRecord[]) {
  return product.media.map((media, index) => ({
    id: legacyId(media.id),
    admin_graphql_api_id: media.id,
    product_id: legacyId(product.id),
    position: index + 1,
    alt: media.altText,
    width: media.width,
    height: media.height,
    src: media.url,
    variant_ids: variants
      .filter((v) => v.imageId === media.id)
      .map((v) => legacyId(v.id)),
  }));
}

/** bulk_operations/finish. */
export function bulkOperationFinishPayload(
  operation: BulkOperationRecord,
): Record<string, unknown> {
  return {
    admin_graphql_api_id: operation.id,
    completed_at: operation.completedAt,
    created_at: operation.createdAt,
    error_code: operation.errorCode?.toLowerCase() ?? null,
    status: operation.status.toLowerCase(),
    type: "query",
  };
}

export type ComplianceTopic =
  "customers/data_request" | "customers/redact" | "shop/redact";

/** The mandatory privacy webhooks, with Shopify's example ids by default. */
export function compliancePayload(
  shop: ShopState,
  topic: ComplianceTopic,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const base = { shop_id: shopLegacyId(shop), shop_domain: shop.domain };
  const customer = {
    id: 191167,
    email: "john@example.com",
    phone: "555-625-1199",
  };
  const orders = [299938, 280263, 220458];

  switch (topic) {
    case "customers/data_request":
      return {
        ...base,
        orders_requested: orders,
        customer,
        data_request: { id: 9999 },
        ...overrides,
      };
    case "customers/redact":
      return { ...base, customer, orders_to_redact: orders, ...overrides };
    case "shop/redact":
      return { ...base, ...overrides };
  }
}
