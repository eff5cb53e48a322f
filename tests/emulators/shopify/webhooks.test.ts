import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { seedDemoCatalog } from "./seed-catalog";
import { topicFromEnum } from "./webhooks";

const shop = "demo-store.myshopify.com";
const apiSecret = "webhook-test-secret";

const shopify = shopifyApi({
  apiKey: "test-api-key",
  apiSecretKey: apiSecret,
  scopes: ["read_products"],
  hostName: "app.example.test",
  apiVersion: ApiVersion.July26,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => undefined },
});

interface Received {
  path: string;
  body: string;
  headers: IncomingMessage["headers"];
  valid: boolean;
}

/** A stand-in app: validates each webhook with @shopify/shopify-api. */
function startApp(statuses: number[]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      void shopify.webhooks
        .validate({ rawBody: body, rawRequest: req, rawResponse: res })
        .then((check) => {
          received.push({
            path: req.url ?? "",
            body,
            headers: req.headers,
            valid: check.valid,
          });
          res.statusCode = statuses.shift() ?? 200;
          res.end();
        });
    });
  });

  return { server, received };
}

let app: ReturnType<typeof startApp>;
let emulator: ShopifyEmulator;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function setUp(statuses: number[] = []) {
  app = startApp(statuses);
  const appUrl = await listen(app.server);
  emulator = createShopifyEmulator({
    apiSecret,
    appUrl,
    scopes: ["write_products"],
    webhooks: [
      { topic: "app/uninstalled", uri: "/webhooks/app/uninstalled" },
      { topic: "customers/redact", uri: "/webhooks/customers/redact" },
    ],
    webhookDelivery: { retryDelaysMs: [1, 1, 1] },
  });
  seedDemoCatalog(emulator.addShop(shop), { count: 2 });
}

afterEach(async () => {
  await emulator.flush();
  await new Promise((resolve) => app.server.close(resolve));
});

describe("webhook delivery", () => {
  beforeEach(() => setUp());

  it("sends app/uninstalled signed like Shopify, accepted by webhooks.validate", async () => {
    emulator.installApp(shop);
    emulator.uninstallApp(shop);
    await emulator.flush();

    const [delivery] = app.received;
    expect(delivery?.path).toBe("/webhooks/app/uninstalled");
    expect(delivery?.valid).toBe(true);
    expect(delivery?.headers).toMatchObject({
      "content-type": "application/json",
      "x-shopify-topic": "app/uninstalled",
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": expect.any(String),
      "x-shopify-event-id": expect.any(String),
      "x-shopify-triggered-at": expect.any(String),
    });
    const expected = createHmac("sha256", apiSecret)
      .update(delivery?.body ?? "")
      .digest("base64");
    expect(delivery?.headers["x-shopify-hmac-sha256"]).toBe(expected);
    expect(JSON.parse(delivery?.body ?? "")).toMatchObject({
      myshopify_domain: shop,
      name: "Demo Store",
    });
  });

  it("sends the compliance topics with Shopify's payload shape", async () => {
    emulator.sendComplianceWebhook(shop, "customers/redact", {
      customer: { id: 7, email: "a@b.example", phone: null },
    });
    await emulator.flush();

    expect(JSON.parse(app.received[0]?.body ?? "")).toEqual({
      shop_id: expect.any(Number),
      shop_domain: shop,
      customer: { id: 7, email: "a@b.example", phone: null },
      orders_to_redact: expect.any(Array),
    });
  });

  it("refuses a compliance topic the app did not configure", () => {
    expect(() => emulator.sendComplianceWebhook(shop, "shop/redact")).toThrow(
      "No subscription for shop/redact",
    );
  });

  it("delivers to subscriptions made with webhookSubscriptionCreate", async () => {
    const token = emulator.installApp(shop);
    const callback = new URL("/webhooks/products", emulator.options.appUrl)
      .href;
    const send = (query: string) =>
      adminGraphql(emulator, { shop, token, query });

    await send(`mutation { webhookSubscriptionCreate(topic: PRODUCTS_UPDATE,
      webhookSubscription: {uri: "${callback}"}) { userErrors { message } } }`);
    await send(`mutation { productUpdate(product: {
      id: "gid://shopify/Product/1001", title: "New title" }) { userErrors { message } } }`);
    await emulator.flush();

    const [delivery] = app.received;
    expect(delivery?.path).toBe("/webhooks/products");
    expect(delivery?.headers["x-shopify-topic"]).toBe("products/update");
    expect(JSON.parse(delivery?.body ?? "")).toMatchObject({
      id: 1001,
      admin_graphql_api_id: "gid://shopify/Product/1001",
      title: "New title",
      variants: [expect.objectContaining({ sku: "classic-tee-1" })],
    });
  });
});

describe("webhook retries", () => {
  it("retries a failed delivery with the same webhook id until it succeeds", async () => {
    await setUp([500, 503, 200]);

    emulator.installApp(shop);
    emulator.uninstallApp(shop);
    await emulator.flush();

    const ids = app.received.map((r) => r.headers["x-shopify-webhook-id"]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect(emulator.webhooks.log()[0]).toMatchObject({
      state: "delivered",
      attempts: [
        { status: 500, error: null },
        { status: 503, error: null },
        { status: 200, error: null },
      ],
    });
  });

  it("gives up after the last retry and logs the failure", async () => {
    await setUp([500, 500, 500, 500, 500]);

    emulator.installApp(shop);
    emulator.uninstallApp(shop);
    await emulator.flush();

    expect(app.received).toHaveLength(4);
    expect(emulator.webhooks.log()[0]?.state).toBe("failed");
  });
});

describe("topicFromEnum", () => {
  it.each([
    ["PRODUCTS_UPDATE", "products/update"],
    ["APP_UNINSTALLED", "app/uninstalled"],
    ["BULK_OPERATIONS_FINISH", "bulk_operations/finish"],
    ["ORDERS_PARTIALLY_FULFILLED", "orders/partially_fulfilled"],
    ["INVENTORY_LEVELS_UPDATE", "inventory_levels/update"],
  ])("maps %s to %s", (value, topic) => {
    expect(topicFromEnum(value)).toBe(topic);
  });
});
