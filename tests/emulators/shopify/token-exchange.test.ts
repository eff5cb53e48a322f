import { createHmac, randomUUID } from "node:crypto";
import "@shopify/shopify-api/adapters/node";
import {
  ApiVersion,
  LogSeverity,
  RequestedTokenType,
  shopifyApi,
} from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { useShopifyEmulatorFetch } from "./in-process";
import {
  offlineTokenType,
  onlineTokenType,
  tokenExchangeGrant,
} from "./token-exchange";

const shop = "demo-store.myshopify.com";
const apiKey = "test-api-key";
const apiSecret = "test-api-secret";
const scopes = ["read_products", "write_draft_orders"];

/** A session token as App Bridge makes one: HS256 over the app secret. */
function sessionToken(
  overrides: Record<string, unknown> = {},
  secret = apiSecret,
) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://${shop}/admin`,
    dest: `https://${shop}`,
    aud: apiKey,
    sub: "42",
    exp: now + 60,
    nbf: now - 5,
    iat: now - 5,
    jti: randomUUID(),
    sid: "session-1",
    ...overrides,
  };
  const encode = (part: object) =>
    Buffer.from(JSON.stringify(part)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
  const signature = createHmac("sha256", secret)
    .update(unsigned)
    .digest("base64url");

  return `${unsigned}.${signature}`;
}

let emulator: ShopifyEmulator;

beforeAll(() => {
  emulator = createShopifyEmulator({ apiKey, apiSecret, scopes });
  emulator.addShop(shop);
});

function exchange(body: Record<string, unknown>) {
  return emulator.handle(
    new Request(`https://${shop}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: apiKey,
        client_secret: apiSecret,
        grant_type: tokenExchangeGrant,
        subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
        requested_token_type: offlineTokenType,
        ...body,
      }),
    }),
  );
}

describe("POST /admin/oauth/access_token (token exchange)", () => {
  it("issues an offline token with the granted scopes that opens the API", async () => {
    const response = await exchange({ subject_token: sessionToken() });
    const body = (await response.json()) as Record<string, string>;

    expect(response.status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^shpat_/),
      scope: "read_products,write_draft_orders",
    });
    const answer = await adminGraphql(emulator, {
      shop,
      token: body["access_token"] ?? "",
      query: "{ shop { name } }",
    });
    expect(answer.status).toBe(200);
  });

  it("issues the same offline token on a second exchange", async () => {
    const first = await (
      await exchange({ subject_token: sessionToken() })
    ).json();
    const second = await (
      await exchange({ subject_token: sessionToken() })
    ).json();

    expect(second).toEqual(first);
  });

  it("issues an online token with the associated user", async () => {
    const response = await exchange({
      subject_token: sessionToken(),
      requested_token_type: onlineTokenType,
    });

    expect(await response.json()).toMatchObject({
      access_token: expect.stringMatching(/^shpua_/),
      scope: "read_products,write_draft_orders",
      expires_in: 86399,
      associated_user_scope: "read_products,write_draft_orders",
      associated_user: { id: 42, account_owner: true },
    });
  });

  it.each([
    ["signed with another secret", sessionToken({}, "wrong-secret")],
    ["for another app", sessionToken({ aud: "other-app" })],
    ["for another shop", sessionToken({ dest: "https://other.myshopify.com" })],
    ["expired", sessionToken({ exp: Math.floor(Date.now() / 1000) - 120 })],
    ["not a JWT", "garbage"],
  ])(
    "refuses a session token %s with invalid_subject_token",
    async (_case, token) => {
      const response = await exchange({ subject_token: token });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: "invalid_subject_token",
      });
    },
  );

  it("refuses wrong client credentials with 401", async () => {
    const response = await exchange({
      subject_token: sessionToken(),
      client_secret: "nope",
    });

    expect(response.status).toBe(401);
  });
});

describe("token exchange through @shopify/shopify-api", () => {
  let restore: () => void;

  beforeAll(() => {
    restore = useShopifyEmulatorFetch(emulator);
  });

  afterAll(() => restore());

  it("gives the library an offline session it can query with", async () => {
    const shopify = shopifyApi({
      apiKey,
      apiSecretKey: apiSecret,
      scopes,
      hostName: "app.example.test",
      apiVersion: ApiVersion.July26,
      isEmbeddedApp: true,
      logger: { level: LogSeverity.Error, log: async () => undefined },
    });

    const { session } = await shopify.auth.tokenExchange({
      shop,
      sessionToken: sessionToken(),
      requestedTokenType: RequestedTokenType.OfflineAccessToken,
    });
    const client = new shopify.clients.Graphql({ session });
    const response = await client.request("{ shop { myshopifyDomain } }");

    expect(session.id).toBe(`offline_${shop}`);
    expect(session.scope).toBe("read_products,write_draft_orders");
    expect(response.data).toEqual({ shop: { myshopifyDomain: shop } });
  });
});
