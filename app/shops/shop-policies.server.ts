/**
 * The shop's legal policies (refund, privacy, terms, shipping, contact),
 * which every checkout session links to, and its currency. Read from Shopify at install and
 * again when a day old, and kept on the Shop row: a checkout never waits
 * on Shopify for them.
 */
import { db } from "../lib/db.server";
import { logger } from "../lib/logger.server";
import { queryAdmin, type AdminGraphql } from "../shopify/admin-client.server";
import { SHOP_POLICIES_QUERY } from "../shopify/shop-policies.server";

export interface ShopPolicyLink {
  /** Shopify's ShopPolicyType: REFUND_POLICY, PRIVACY_POLICY, ... */
  type: string;
  url: string;
}

const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;

export async function refreshShopPolicies(
  shop: string,
  graphql: AdminGraphql,
  now = new Date(),
): Promise<ShopPolicyLink[]> {
  const { data } = await queryAdmin(graphql, SHOP_POLICIES_QUERY);
  const policies = data.shop.shopPolicies.map(({ type, url }) => ({
    type: String(type),
    url: String(url),
  }));
  await db.shop.updateMany({
    where: { domain: shop },
    data: {
      policies,
      policiesRefreshedAt: now,
      currencyCode: String(data.shop.currencyCode),
    },
  });
  logger.info("shop policies refreshed", { shop, count: policies.length });

  return policies;
}

export function policiesAreStale(
  refreshedAt: Date | null,
  now = new Date(),
): boolean {
  return (
    !refreshedAt || now.getTime() - refreshedAt.getTime() > REFRESH_AFTER_MS
  );
}

export function readPolicies(value: unknown): ShopPolicyLink[] {
  if (!Array.isArray(value)) return [];

  return value.filter(
    (entry): entry is ShopPolicyLink =>
      typeof entry?.type === "string" && typeof entry?.url === "string",
  );
}
