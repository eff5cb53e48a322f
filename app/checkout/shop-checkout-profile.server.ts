/**
 * What a checkout needs to know of its shop besides the cart: the policy
 * links, the Stripe account for the payment handler and the session
 * lifetime. Read from the Shop row and kept for a few seconds, since every
 * checkout call needs it and it changes only when the merchant edits it.
 */
import { db } from "../lib/db.server";
import {
  readPolicies,
  type ShopPolicyLink,
} from "../shops/shop-policies.server";

export interface ShopCheckoutProfile {
  /** Lowercase, as ACP spells currencies; null until first read. */
  currency: string | null;
  policies: ShopPolicyLink[];
  stripeAccountId: string | null;
  checkoutTtlMinutes: number | null;
}

const TTL_MS = 5_000;
const cache = new Map<string, { profile: ShopCheckoutProfile; at: number }>();

export async function getShopCheckoutProfile(
  shop: string,
  nowMs = Date.now(),
): Promise<ShopCheckoutProfile> {
  const cached = cache.get(shop);
  if (cached && nowMs - cached.at < TTL_MS) return cached.profile;

  const row = await db.shop.findUnique({ where: { domain: shop } });
  const profile = {
    currency: row?.currencyCode?.toLowerCase() ?? null,
    policies: readPolicies(row?.policies),
    stripeAccountId: row?.stripeAccountId ?? null,
    checkoutTtlMinutes: row?.checkoutTtlMinutes ?? null,
  };
  cache.set(shop, { profile, at: nowMs });

  return profile;
}

/** After a settings change, so the next checkout sees it at once. */
export function forgetShopCheckoutProfile(shop: string) {
  cache.delete(shop);
}
