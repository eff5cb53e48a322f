import type { SerializeFrom } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { authenticateApiKey } from "../../app/acp/api-keys.server";
import { db } from "../../app/lib/db.server";
import { action, loader } from "../../app/routes/app.settings";
import type { SettingsActionData } from "../../app/components/settings-action";
import { getRequestSigningSecret } from "../../app/shops/shop-settings.server";
import {
  embeddedAppUrl,
  mintSessionToken,
  type SessionTokenOptions,
} from "../support/session-token";
import {
  createShopifyHarness,
  installShop,
  TEST_SHOP,
} from "../support/shopify";

const appUrl = process.env.SHOPIFY_APP_URL ?? "";
const token: SessionTokenOptions = {
  shop: TEST_SHOP,
  apiKey: process.env.SHOPIFY_API_KEY ?? "",
  apiSecret: process.env.SHOPIFY_API_SECRET ?? "",
};
const harness = createShopifyHarness();

beforeEach(async () => {
  harness.emulator.reset();
  await db.apiKey.deleteMany();
  await db.shop.deleteMany();
  await db.shop.create({ data: { domain: TEST_SHOP } });
  await installShop(harness);
});

/** The loader's JSON: AcpSettings with dates as strings. */
type LoadedSettings = SerializeFrom<typeof loader>;

/** The page's data, as the admin loads the page. */
async function load(): Promise<LoadedSettings> {
  const request = new Request(embeddedAppUrl(appUrl, "/app/settings", token));
  const response = await loader({ request, params: {}, context: {} });
  // Typed as the loader's value, but on the wire dates are strings.
  const data: unknown = await response.json();

  return data as LoadedSettings;
}

/** A form post from the page, as App Bridge sends it. */
async function post(
  fields: Record<string, string>,
): Promise<{ status: number; data: SettingsActionData }> {
  const request = new Request(`${appUrl}/app/settings`, {
    method: "POST",
    headers: { Authorization: `Bearer ${mintSessionToken(token)}` },
    body: new URLSearchParams(fields),
  });
  const response = await action({ request, params: {}, context: {} });

  const data = (await response.json()) as SettingsActionData;

  return { status: response.status, data };
}

/** The key or secret an answer reveals; fails the test if none. */
function revealed({ data }: { data: SettingsActionData }): string {
  if (!data.ok || !data.revealed) throw new Error("nothing revealed");

  return data.revealed;
}

describe("GET /app/settings", () => {
  it("shows the shop's ACP address, defaults and no keys", async () => {
    const settings = await load();

    expect(settings).toMatchObject({
      acpBaseUrl: "https://acp-bridge.test/acp/demo-store",
      requestSigningEnabled: false,
      rateLimitPerMinute: null,
      defaultRateLimitPerMinute: 600,
      checkoutTtlMinutes: null,
      defaultCheckoutTtlMinutes: 60,
      minCheckoutTtlMinutes: 5,
      maxCheckoutTtlMinutes: 1440,
      apiKeys: [],
    });
  });

  it("sends a visitor without a session token to the login page", async () => {
    const request = new Request(`${appUrl}/app/settings`);

    const thrown = await loader({ request, params: {}, context: {} }).catch(
      (error: unknown) => error,
    );

    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/auth/login");
  });
});

/** Calls the action; a thrown Response is an answer too. */
async function postRaw(request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("POST /app/settings", () => {
  it("creates a key, shows it once, then lists only its prefix", async () => {
    const created = await post({ intent: "create-key", label: "ChatGPT" });

    const key = revealed(created);
    expect(created).toMatchObject({ status: 200, data: { ok: true } });
    expect(key).toMatch(/^acpb_[0-9A-Za-z]{43}$/);
    const settings = await load();
    expect(settings.apiKeys).toEqual([
      expect.objectContaining({
        label: "ChatGPT",
        prefix: key.slice(0, 11),
        lastUsedAt: null,
        revokedAt: null,
      }),
    ]);
    expect(JSON.stringify(settings)).not.toContain(key);
    expect(await authenticateApiKey(TEST_SHOP, `Bearer ${key}`)).not.toBeNull();
  });

  it("refuses a key without a name, and creates none", async () => {
    const created = await post({ intent: "create-key", label: " " });

    expect(created).toEqual({
      status: 400,
      data: {
        intent: "create-key",
        ok: false,
        error: "Enter a name for the key",
      },
    });
    expect(await db.apiKey.count()).toBe(0);
  });

  it("revokes a key, which stops authenticating", async () => {
    const created = await post({ intent: "create-key", label: "ChatGPT" });
    const [listed] = (await load()).apiKeys;

    const revoked = await post({
      intent: "revoke-key",
      keyId: listed?.id ?? "",
    });

    expect(revoked).toEqual({
      status: 200,
      data: { intent: "revoke-key", ok: true },
    });
    expect((await load()).apiKeys[0]?.revokedAt).toEqual(expect.any(String));
    const header = `Bearer ${revealed(created)}`;
    expect(await authenticateApiKey(TEST_SHOP, header)).toBeNull();
  });

  it("cannot revoke another shop's key", async () => {
    await db.apiKey.create({
      data: {
        id: "key_theirs",
        shop: "other-store.myshopify.com",
        label: "theirs",
        prefix: "acpb_abcdef",
        hash: "0".repeat(64),
      },
    });

    const revoked = await post({ intent: "revoke-key", keyId: "key_theirs" });

    expect(revoked.status).toBe(400);
    const row = await db.apiKey.findUniqueOrThrow({
      where: { id: "key_theirs" },
    });
    expect(row.revokedAt).toBeNull();
  });

  it("turns signing on with a secret shown once, and off again", async () => {
    const on = await post({ intent: "generate-signing-secret" });

    const secret = revealed(on);
    expect(secret).toMatch(/^acps_/);
    const settings = await load();
    expect(settings.requestSigningEnabled).toBe(true);
    expect(JSON.stringify(settings)).not.toContain(secret);
    expect(await getRequestSigningSecret(TEST_SHOP)).toBe(secret);

    const off = await post({ intent: "turn-off-signing" });

    expect(off.status).toBe(200);
    expect((await load()).requestSigningEnabled).toBe(false);
    expect(await getRequestSigningSecret(TEST_SHOP)).toBeNull();
  });

  it.each([
    ["120", 200, 120],
    ["", 200, null],
    ["0", 400, null],
    ["many", 400, null],
  ])("sets the rate limit to %j: %i", async (perMinute, status, stored) => {
    const saved = await post({ intent: "set-rate-limit", perMinute });

    expect(saved.status).toBe(status);
    expect((await load()).rateLimitPerMinute).toBe(stored);
  });

  it.each([
    ["15", 200, 15],
    ["", 200, null],
    ["4", 400, null],
    ["1441", 400, null],
    ["1.5", 400, null],
  ])(
    "sets the checkout lifetime to %j: %i",
    async (minutes, status, stored) => {
      const saved = await post({ intent: "set-checkout-ttl", minutes });

      expect(saved.status).toBe(status);
      expect((await load()).checkoutTtlMinutes).toBe(stored);
    },
  );

  it("refuses an unknown intent", async () => {
    const response = await postRaw(
      new Request(`${appUrl}/app/settings`, {
        method: "POST",
        headers: { Authorization: `Bearer ${mintSessionToken(token)}` },
        body: new URLSearchParams({ intent: "drop-tables" }),
      }),
    );

    expect(response.status).toBe(400);
  });

  it("refuses a session token not signed with the app's secret", async () => {
    const forged = mintSessionToken({ ...token, apiSecret: "not-the-secret" });

    const response = await postRaw(
      new Request(`${appUrl}/app/settings`, {
        method: "POST",
        headers: { Authorization: `Bearer ${forged}` },
        body: new URLSearchParams({ intent: "create-key", label: "x" }),
      }),
    );

    expect(response.status).toBe(401);
    expect(await db.apiKey.count()).toBe(0);
  });
});
