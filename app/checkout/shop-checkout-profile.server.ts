/**
 * What a checkout needs to know of its shop besides the cart: the policy
 * links, the Stripe account for the payment handler and the session
 * lifetime. Read from the Shop row and kept for a few seconds, since every
 * checkout call needs it and it changes only when the merchant edits it.
 */
import { db } from "../lib/db.server";
import { TtlCache } from "../lib/ttl-cache";
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

/** How long a checkout session lives after its last change, by default. */
export const DEFAULT_CHECKOUT_TTL_MINUTES = 60;

const cache = new TtlCache<string, ShopCheckoutProfile>({ ttlMs: 5_000 });

export async function getShopCheckoutProfile(
  shop: string,
  nowMs = Date.now(),
): Promise<ShopCheckoutProfile> {
  return cache.getOrLoad(
    shop,
    async () => {
      const row = await db.shop.findUnique({ where: { domain: shop } });

      return {
        currency: row?.currencyCode?.toLowerCase() ?? null,
        policies: readPolicies(row?.policies),
        stripeAccountId: row?.stripeAccountId ?? null,
        checkoutTtlMinutes: row?.checkoutTtlMinutes ?? null,
      };
    },
    nowMs,
  );
}

/** After a settings change, so the next checkout sees it at once. */
export function forgetShopCheckoutProfile(shop: string) {
  cache.delete(shop);
}
