/**
 * A new shop as a development store looks after sign-up: a US store in New
 * York selling in USD, with one location, its legal policies and nothing
 * for sale yet. Seeds (seed-catalog.ts, seed-commerce.ts) fill the rest.
 */
import type { LocationRecord, ShopPolicyRecord, ShopState } from "./store";

export type ShopOptions = Partial<
  Pick<
    ShopState,
    | "name"
    | "email"
    | "contactEmail"
    | "currencyCode"
    | "countryCode"
    | "provinceCode"
    | "ianaTimezone"
    | "primaryDomainUrl"
    | "planDisplayName"
    | "developmentStore"
  >
>;

export function createShopState(
  domain: string,
  options: ShopOptions = {},
): ShopState {
  const handle = domain.replace(/\.myshopify\.com$/, "");
  const name = options.name ?? titleCase(handle);
  const primaryDomainUrl = options.primaryDomainUrl ?? `https://${domain}`;

  return {
    domain,
    name,
    email: options.email ?? `owner@${handle}.example`,
    contactEmail: options.contactEmail ?? `support@${handle}.example`,
    currencyCode: options.currencyCode ?? "USD",
    countryCode: options.countryCode ?? "US",
    provinceCode: options.provinceCode ?? "NY",
    ianaTimezone: options.ianaTimezone ?? "America/New_York",
    primaryDomainUrl,
    planDisplayName: options.planDisplayName ?? "Development",
    developmentStore: options.developmentStore ?? true,
    accessTokens: [],
    locations: [defaultLocation()],
    products: new Map(),
    variants: new Map(),
    inventoryItems: new Map(),
    metafields: [],
    taxRates: [],
    shippingRates: [],
    discountCodes: new Map(),
    policies: defaultPolicies(name, primaryDomainUrl),
    draftOrders: new Map(),
    orders: new Map(),
    webhookSubscriptions: [],
    bulkOperations: new Map(),
    // The default location took the first Location id.
    ids: new Map([["Location", 1001]]),
  };
}

function defaultLocation(): LocationRecord {
  return {
    id: "gid://shopify/Location/1001",
    name: "Main warehouse",
    countryCode: "US",
    provinceCode: "NY",
  };
}

function defaultPolicies(name: string, baseUrl: string): ShopPolicyRecord[] {
  const policy = (
    type: ShopPolicyRecord["type"],
    title: string,
    handle: string,
    body: string,
  ): ShopPolicyRecord => ({
    type,
    title,
    url: `${baseUrl}/policies/${handle}`,
    body: `<p>${body}</p>`,
  });

  return [
    policy(
      "REFUND_POLICY",
      "Refund policy",
      "refund-policy",
      `${name} accepts returns within 30 days of delivery.`,
    ),
    policy(
      "PRIVACY_POLICY",
      "Privacy policy",
      "privacy-policy",
      `${name} uses your data only to fulfil your order.`,
    ),
    policy(
      "TERMS_OF_SERVICE",
      "Terms of service",
      "terms-of-service",
      `By buying from ${name} you accept these terms.`,
    ),
    policy(
      "SHIPPING_POLICY",
      "Shipping policy",
      "shipping-policy",
      "Orders ship within two business days.",
    ),
  ];
}

function titleCase(handle: string): string {
  return handle
    .split("-")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}
