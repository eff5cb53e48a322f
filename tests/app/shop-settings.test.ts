import { beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "../../app/acp/api-keys.server";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "../../app/acp/rate-limit";
import {
  decryptSecret,
  DecryptionError,
  encryptSecret,
} from "../../app/lib/crypto.server";
import { db } from "../../app/lib/db.server";
import { getEnv } from "../../app/lib/env.server";
import {
  acpBaseUrl,
  clearRequestSigningSecret,
  clearShopConfigCacheForTests,
  getAcpSettings,
  getRateLimitPerMinute,
  getRequestSigningSecret,
  parseRateLimit,
  setRateLimit,
  setRequestSigningSecret,
  SHOP_CONFIG_CACHE_TTL_MS,
} from "../../app/shops/shop-settings.server";

const shop = "demo-store.myshopify.com";
const t0 = Date.parse("2026-12-01T12:00:00Z");

beforeEach(async () => {
  await db.shop.deleteMany();
  await db.apiKey.deleteMany();
  await db.shop.create({ data: { domain: shop } });
  clearShopConfigCacheForTests();
});

async function storedSecret() {
  const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });

  return row.requestSigningSecret;
}

describe("getAcpSettings", () => {
  it("describes a new shop: defaults, no signing, no keys", async () => {
    const settings = await getAcpSettings(shop);

    expect(settings).toEqual({
      shop,
      acpBaseUrl: "https://acp-bridge.test/acp/demo-store",
      requestSigningEnabled: false,
      rateLimitPerMinute: null,
      defaultRateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
      checkoutTtlMinutes: null,
      defaultCheckoutTtlMinutes: 60,
      minCheckoutTtlMinutes: 5,
      maxCheckoutTtlMinutes: 1440,
      apiKeys: [],
    });
  });

  it("lists the shop's keys and shows signing as on once set", async () => {
    await createApiKey(shop, "ChatGPT");
    await setRequestSigningSecret(shop);

    const settings = await getAcpSettings(shop);

    expect(settings.requestSigningEnabled).toBe(true);
    expect(settings.apiKeys.map((key) => key.label)).toEqual(["ChatGPT"]);
    expect(JSON.stringify(settings)).not.toContain("acps_");
  });

  it("names the ACP address after the shop's subdomain", () => {
    expect(acpBaseUrl("my-shop.myshopify.com")).toBe(
      "https://acp-bridge.test/acp/my-shop",
    );
  });
});

describe("request signing secret", () => {
  it("is returned once and stored sealed, never in the clear", async () => {
    const secret = await setRequestSigningSecret(shop);

    const sealed = await storedSecret();
    expect(secret).toMatch(/^acps_[A-Za-z0-9_-]{43}$/);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice(5));
    expect(
      decryptSecret(
        sealed ?? "",
        getEnv().APP_ENCRYPTION_KEY,
        `shop:${shop}:request_signing_secret`,
      ),
    ).toBe(secret);
  });

  it("is sealed for this shop only", async () => {
    await setRequestSigningSecret(shop);
    const sealed = (await storedSecret()) ?? "";

    expect(() =>
      decryptSecret(
        sealed,
        getEnv().APP_ENCRYPTION_KEY,
        "shop:other-store.myshopify.com:request_signing_secret",
      ),
    ).toThrow(DecryptionError);
  });

  it("is what the pipeline reads back, decrypted", async () => {
    const secret = await setRequestSigningSecret(shop);

    expect(await getRequestSigningSecret(shop, t0)).toBe(secret);
  });

  it("rotates: a new secret replaces the old one at once here", async () => {
    const first = await setRequestSigningSecret(shop);
    await getRequestSigningSecret(shop, t0);

    const second = await setRequestSigningSecret(shop);

    expect(second).not.toBe(first);
    expect(await getRequestSigningSecret(shop, t0)).toBe(second);
  });

  it("is gone once cleared", async () => {
    await setRequestSigningSecret(shop);
    await getRequestSigningSecret(shop, t0);

    await clearRequestSigningSecret(shop);

    expect(await storedSecret()).toBeNull();
    expect(await getRequestSigningSecret(shop, t0)).toBeNull();
  });

  it("reaches other processes once their cache lapses", async () => {
    expect(await getRequestSigningSecret(shop, t0)).toBeNull();
    // Another instance turns signing on: only the database changes.
    const secret = "acps_set-by-another-instance";
    await db.shop.update({
      where: { domain: shop },
      data: { requestSigningSecret: seal(secret) },
    });

    const cached = await getRequestSigningSecret(shop, t0 + 1000);
    const fresh = await getRequestSigningSecret(
      shop,
      t0 + SHOP_CONFIG_CACHE_TTL_MS,
    );

    expect(cached).toBeNull();
    expect(fresh).toBe(secret);
  });

  it("refuses to read a secret that does not decrypt", async () => {
    await db.shop.update({
      where: { domain: shop },
      data: { requestSigningSecret: "v1.AAAA.AAAA.AAAA" },
    });

    await expect(getRequestSigningSecret(shop, t0)).rejects.toThrow(
      DecryptionError,
    );
  });

  it("is off for a shop the app has never seen", async () => {
    expect(await getRequestSigningSecret("new.myshopify.com", t0)).toBeNull();
  });
});

describe("rate limit", () => {
  it("uses the default until the merchant sets one", async () => {
    expect(await getRateLimitPerMinute(shop, t0)).toBe(600);

    await setRateLimit(shop, 120);

    expect(await getRateLimitPerMinute(shop, t0)).toBe(120);
    expect((await getAcpSettings(shop)).rateLimitPerMinute).toBe(120);
  });

  it("goes back to the default when set to null", async () => {
    await setRateLimit(shop, 120);

    await setRateLimit(shop, null);

    expect(await getRateLimitPerMinute(shop, t0)).toBe(600);
    expect((await getAcpSettings(shop)).rateLimitPerMinute).toBeNull();
  });

  it.each([
    ["", { ok: true, value: null }],
    ["  ", { ok: true, value: null }],
    ["1", { ok: true, value: 1 }],
    [" 250 ", { ok: true, value: 250 }],
    ["1000000", { ok: true, value: 1_000_000 }],
    ["0", { ok: false }],
    ["1000001", { ok: false }],
    ["-5", { ok: false }],
    ["2.5", { ok: false }],
    ["1e3", { ok: false }],
    ["lots", { ok: false }],
  ])("reads %j as typed by the merchant", (input, expected) => {
    expect(parseRateLimit(input)).toMatchObject(expected);
  });

  it("says what a valid limit is", () => {
    expect(parseRateLimit("0")).toEqual({
      ok: false,
      message: "Enter a whole number from 1 to 1,000,000",
    });
  });

  it.each([0, -1, 1.5, 1_000_001, Number.NaN])(
    "refuses to store %d",
    async (perMinute) => {
      await expect(setRateLimit(shop, perMinute)).rejects.toThrow(RangeError);
      expect(await getRateLimitPerMinute(shop, t0)).toBe(600);
    },
  );
});

function seal(secret: string) {
  return encryptSecret(
    secret,
    getEnv().APP_ENCRYPTION_KEY,
    `shop:${shop}:request_signing_secret`,
  );
}
