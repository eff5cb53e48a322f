/**
 * A shop's ACP settings, as the merchant sets them on the settings page and
 * as the ACP pipeline reads them on every request: API keys, the request
 * signing secret, the rate limit, and the address agents call.
 *
 * The signing secret is sealed with APP_ENCRYPTION_KEY (crypto.server.ts)
 * and shown once, when generated. The pipeline's reads are cached in this
 * process for SHOP_CONFIG_CACHE_TTL_MS: a change made here applies at once
 * in this process and within that time in the others.
 */
import { acpBaseUrl as baseUrlOf } from "../acp/discovery";
import { randomBytes } from "node:crypto";
import { listApiKeys, type ApiKeySummary } from "../acp/api-keys.server";
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  MAX_RATE_LIMIT_PER_MINUTE,
  MIN_RATE_LIMIT_PER_MINUTE,
} from "../acp/rate-limit";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import { db } from "../lib/db.server";
import { TtlCache } from "../lib/ttl-cache";
import {
  DEFAULT_CHECKOUT_TTL_MINUTES,
  forgetShopCheckoutProfile,
} from "../checkout/shop-checkout-profile.server";
import { getEnv } from "../lib/env.server";
import { logger } from "../lib/logger.server";

export const SHOP_CONFIG_CACHE_TTL_MS = 5_000;

const SIGNING_SECRET_PREFIX = "acps_";
const MAX_CACHED_SHOPS = 10_000;

export interface AcpSettings {
  shop: string;
  /** Where agents reach the shop: `{APP_URL}/acp/{subdomain}`. */
  acpBaseUrl: string;
  requestSigningEnabled: boolean;
  /** The shop's own limit; null when it uses the default. */
  rateLimitPerMinute: number | null;
  defaultRateLimitPerMinute: number;
  /** Minutes a checkout session lives; null when it uses the default. */
  checkoutTtlMinutes: number | null;
  defaultCheckoutTtlMinutes: number;
  minCheckoutTtlMinutes: number;
  maxCheckoutTtlMinutes: number;
  apiKeys: ApiKeySummary[];
}

/** What the ACP pipeline needs of a shop on each request. */
interface ShopAcpConfig {
  signingSecret: string | null;
  rateLimitPerMinute: number;
}

/** A number setting as the merchant typed it: null means the default. */
export type NumberSettingCheck =
  { ok: true; value: number | null } | { ok: false; message: string };

interface Range {
  min: number;
  max: number;
}

const RATE_LIMIT_RANGE: Range = {
  min: MIN_RATE_LIMIT_PER_MINUTE,
  max: MAX_RATE_LIMIT_PER_MINUTE,
};

export const MIN_CHECKOUT_TTL_MINUTES = 5;
/** A day: an agent's checkout is a conversation, not a saved cart. */
export const MAX_CHECKOUT_TTL_MINUTES = 24 * 60;
const CHECKOUT_TTL_RANGE: Range = {
  min: MIN_CHECKOUT_TTL_MINUTES,
  max: MAX_CHECKOUT_TTL_MINUTES,
};

const configCache = new TtlCache<string, ShopAcpConfig>({
  ttlMs: SHOP_CONFIG_CACHE_TTL_MS,
  maxEntries: MAX_CACHED_SHOPS,
});

export async function getAcpSettings(shop: string): Promise<AcpSettings> {
  const [row, apiKeys] = await Promise.all([
    db.shop.findUnique({
      where: { domain: shop },
      select: {
        requestSigningSecret: true,
        rateLimitPerMinute: true,
        checkoutTtlMinutes: true,
      },
    }),
    listApiKeys(shop),
  ]);

  return {
    shop,
    acpBaseUrl: acpBaseUrl(shop),
    requestSigningEnabled: !!row?.requestSigningSecret,
    rateLimitPerMinute: row?.rateLimitPerMinute ?? null,
    defaultRateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
    checkoutTtlMinutes: row?.checkoutTtlMinutes ?? null,
    defaultCheckoutTtlMinutes: DEFAULT_CHECKOUT_TTL_MINUTES,
    minCheckoutTtlMinutes: MIN_CHECKOUT_TTL_MINUTES,
    maxCheckoutTtlMinutes: MAX_CHECKOUT_TTL_MINUTES,
    apiKeys,
  };
}

/** `https://app.example/acp/demo-store` for demo-store.myshopify.com. */
export function acpBaseUrl(shop: string): string {
  return baseUrlOf(getEnv().SHOPIFY_APP_URL, shop);
}

/**
 * Generates a new signing secret, replacing any other, and returns it:
 * the only time it leaves the database unsealed except to verify.
 */
export async function setRequestSigningSecret(shop: string): Promise<string> {
  const secret = SIGNING_SECRET_PREFIX + randomBytes(32).toString("base64url");
  const sealed = encryptSecret(
    secret,
    getEnv().APP_ENCRYPTION_KEY,
    signingSecretContext(shop),
  );
  await saveShop(shop, { requestSigningSecret: sealed });
  configCache.delete(shop);
  logger.info("request signing secret set", { shop });

  return secret;
}

export async function clearRequestSigningSecret(shop: string): Promise<void> {
  await db.shop.updateMany({
    where: { domain: shop },
    data: { requestSigningSecret: null },
  });
  configCache.delete(shop);
  logger.info("request signing turned off", { shop });
}

/** The secret ACP requests must be signed with; null when signing is off. */
export async function getRequestSigningSecret(
  shop: string,
  nowMs = Date.now(),
): Promise<string | null> {
  return (await loadAcpConfig(shop, nowMs)).signingSecret;
}

/** The limit the pipeline applies to each of the shop's keys. */
export async function getRateLimitPerMinute(
  shop: string,
  nowMs = Date.now(),
): Promise<number> {
  return (await loadAcpConfig(shop, nowMs)).rateLimitPerMinute;
}

/**
 * Reads the limit as the merchant typed it: empty means the default, and
 * anything else a whole number within the bounds.
 */
export function parseRateLimit(input: unknown): NumberSettingCheck {
  return parseOptionalWholeNumber(input, RATE_LIMIT_RANGE);
}

/** The session lifetime in minutes as typed: empty for the default. */
export function parseCheckoutTtl(input: unknown): NumberSettingCheck {
  return parseOptionalWholeNumber(input, CHECKOUT_TTL_RANGE);
}

/** Sets the shop's limit, or null for the default. */
export async function setRateLimit(
  shop: string,
  perMinute: number | null,
): Promise<void> {
  requireInRange(perMinute, RATE_LIMIT_RANGE, "rate limit");
  await saveShop(shop, { rateLimitPerMinute: perMinute });
  configCache.delete(shop);
  logger.info("rate limit set", { shop, perMinute });
}

/** Sets how long the shop's checkout sessions live, or null for the default. */
export async function setCheckoutTtl(
  shop: string,
  minutes: number | null,
): Promise<void> {
  requireInRange(minutes, CHECKOUT_TTL_RANGE, "session lifetime");
  await saveShop(shop, { checkoutTtlMinutes: minutes });
  forgetShopCheckoutProfile(shop);
  logger.info("checkout session lifetime set", { shop, minutes });
}

function parseOptionalWholeNumber(
  input: unknown,
  range: Range,
): NumberSettingCheck {
  const text = typeof input === "string" ? input.trim() : "";
  if (text === "") return { ok: true, value: null };

  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!inRange(value, range)) {
    const bounds = `${range.min} to ${range.max.toLocaleString("en")}`;

    return { ok: false, message: `Enter a whole number from ${bounds}` };
  }

  return { ok: true, value };
}

function inRange(value: number, { min, max }: Range): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function requireInRange(value: number | null, range: Range, what: string) {
  if (value !== null && !inRange(value, range)) {
    throw new RangeError(`Invalid ${what}: ${value}`);
  }
}

/** Writes settings of a shop, making its row if it has none yet. */
async function saveShop(
  shop: string,
  data: {
    requestSigningSecret?: string;
    rateLimitPerMinute?: number | null;
    checkoutTtlMinutes?: number | null;
  },
) {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, ...data },
    update: data,
  });
}

/** Forgets cached shop settings; for tests that play another process. */
export function clearShopConfigCacheForTests() {
  configCache.clear();
}

function signingSecretContext(shop: string): string {
  return `shop:${shop}:request_signing_secret`;
}

async function loadAcpConfig(
  shop: string,
  nowMs: number,
): Promise<ShopAcpConfig> {
  return configCache.getOrLoad(
    shop,
    async () => {
      const row = await db.shop.findUnique({
        where: { domain: shop },
        select: { requestSigningSecret: true, rateLimitPerMinute: true },
      });

      return {
        signingSecret: unsealSigningSecret(shop, row?.requestSigningSecret),
        rateLimitPerMinute:
          row?.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      };
    },
    nowMs,
  );
}

// A secret that does not decrypt throws (DecryptionError): treating it as
// "signing off" would quietly accept unsigned requests.
function unsealSigningSecret(
  shop: string,
  sealed: string | null | undefined,
): string | null {
  if (!sealed) return null;

  const key = getEnv().APP_ENCRYPTION_KEY;

  return decryptSecret(sealed, key, signingSecretContext(shop));
}
