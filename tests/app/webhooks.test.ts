import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/lib/db.server";
import { action as dataRequest } from "../../app/routes/webhooks.customers.data_request";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { action as scopesUpdate } from "../../app/routes/webhooks.app.scopes_update";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { buildCheckoutSession, buildSession } from "../support/factories";
import { signedWebhookRequest } from "../support/webhook-request";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const shop = "demo-store.myshopify.com";
const otherShop = "other-store.myshopify.com";

/** Calls a route action; a thrown Response is an answer too. */
async function call(action: Action, request: Request): Promise<Response> {
  try {
    return await action({ request, params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const customerPayload = {
  shop_id: 1,
  shop_domain: shop,
  customer: { id: 191167, email: "buyer@example.com", phone: null },
  orders_to_redact: [1001],
  orders_requested: [1001],
  data_request: { id: 9999 },
};

const routes: [string, Action, unknown][] = [
  ["app/uninstalled", uninstalled, { id: 1, domain: shop }],
  ["app/scopes_update", scopesUpdate, { current: ["read_products"] }],
  ["customers/data_request", dataRequest, customerPayload],
  ["customers/redact", customersRedact, customerPayload],
  ["shop/redact", shopRedact, { shop_id: 1, shop_domain: shop }],
];

beforeEach(async () => {
  await db.session.deleteMany();
  await db.shop.deleteMany();
  await db.shop.create({ data: { domain: shop, scopes: "read_products" } });
  await db.shop.create({ data: { domain: otherShop } });
  await db.session.create({ data: buildSession({ shop }) });
  await db.session.create({
    data: buildSession({
      shop,
      id: `${shop}_7`,
      isOnline: true,
      email: "buyer@example.com",
    }),
  });
  await db.session.create({ data: buildSession({ shop: otherShop }) });
  await db.checkoutSession.deleteMany();
  await db.idempotencyRecord.deleteMany();
  for (const [id, email] of [
    ["cs_buyer", "buyer@example.com"],
    ["cs_someone", "someone@example.com"],
  ] as const) {
    await db.checkoutSession.create({
      data: buildCheckoutSession({ id, shop, email }),
    });
  }
  await db.idempotencyRecord.create({
    data: {
      shop,
      endpoint: "POST /checkout_sessions",
      key: "key-1",
      fingerprint: "f",
      state: "completed",
      responseStatus: 201,
      responseBody: JSON.stringify({ buyer: { email: "buyer@example.com" } }),
      expiresAt: new Date(Date.now() + 60_000),
    },
  });
});

describe.each(routes)("POST /webhooks/%s", (topic, action, payload) => {
  it("answers 200 to a request signed with the app's secret", async () => {
    const response = await call(
      action,
      signedWebhookRequest({ topic, shop, payload }),
    );

    expect(response.status).toBe(200);
  });

  it("answers 401 and changes nothing when the HMAC is wrong", async () => {
    const request = signedWebhookRequest({
      topic,
      shop,
      payload,
      secret: "not-the-app-secret",
    });

    const response = await call(action, request);

    expect(response.status).toBe(401);
    expect(await db.session.count({ where: { shop } })).toBe(2);
    expect(await db.shop.count()).toBe(2);
  });
});

describe("webhook effects", () => {
  it("app/uninstalled removes the shop's sessions and marks it", async () => {
    await call(
      uninstalled,
      signedWebhookRequest({ topic: "app/uninstalled", shop, payload: {} }),
    );

    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.session.count({ where: { shop: otherShop } })).toBe(1);
    const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(row.uninstalledAt).toBeInstanceOf(Date);
  });

  it("app/uninstalled delivered twice keeps the first uninstall time", async () => {
    const request = () =>
      signedWebhookRequest({ topic: "app/uninstalled", shop, payload: {} });
    await call(uninstalled, request());
    const first = await db.shop.findUniqueOrThrow({ where: { domain: shop } });

    const again = await call(uninstalled, request());

    const second = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(again.status).toBe(200);
    expect(second.uninstalledAt).toEqual(first.uninstalledAt);
  });

  it("app/scopes_update records the scopes now granted", async () => {
    await call(
      scopesUpdate,
      signedWebhookRequest({
        topic: "app/scopes_update",
        shop,
        payload: { current: ["read_products", "write_orders"] },
      }),
    );

    const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
    expect(row.scopes).toBe("read_products,write_orders");
    const sessions = await db.session.findMany({ where: { shop } });
    expect(sessions.map((session) => session.scope)).toEqual([
      "read_products,write_orders",
      "read_products,write_orders",
    ]);
  });

  it("customers/data_request answers with what is held for the customer", async () => {
    const response = await call(
      dataRequest,
      signedWebhookRequest({
        topic: "customers/data_request",
        shop,
        payload: customerPayload,
      }),
    );

    const report = await response.json();
    expect(report).toEqual({
      shop,
      customerId: 191167,
      data: [
        {
          holder: "staff sessions",
          records: [
            expect.objectContaining({
              id: `${shop}_7`,
              email: "buyer@example.com",
            }),
          ],
        },
        {
          holder: "checkout sessions",
          records: [expect.objectContaining({ id: "cs_buyer" })],
        },
        {
          holder: "stored API answers",
          records: [
            expect.objectContaining({ endpoint: "POST /checkout_sessions" }),
          ],
        },
      ],
    });
  });

  it("customers/redact erases the customer's data and nothing else", async () => {
    await call(
      customersRedact,
      signedWebhookRequest({
        topic: "customers/redact",
        shop,
        payload: customerPayload,
      }),
    );

    const left = await db.session.findMany({ where: { shop } });
    expect(left.map((session) => session.email)).toEqual([null]);
    const checkouts = await db.checkoutSession.findMany({ where: { shop } });
    expect(checkouts.map((checkout) => checkout.id)).toEqual(["cs_someone"]);
    expect(await db.idempotencyRecord.count()).toBe(0);
    expect(await db.session.count({ where: { shop: otherShop } })).toBe(1);
  });

  it("shop/redact erases everything held for the shop", async () => {
    await call(
      shopRedact,
      signedWebhookRequest({ topic: "shop/redact", shop, payload: {} }),
    );

    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect(await db.checkoutSession.count({ where: { shop } })).toBe(0);
    expect(await db.idempotencyRecord.count({ where: { shop } })).toBe(0);
    expect(await db.shop.findUnique({ where: { domain: shop } })).toBeNull();
    expect(await db.shop.count({ where: { domain: otherShop } })).toBe(1);
  });
});
