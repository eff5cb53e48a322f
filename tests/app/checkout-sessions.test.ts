import { beforeEach, describe, expect, it } from "vitest";
import { AcpError } from "../../app/acp/errors";
import type {
  CheckoutSession,
  CreateRequest,
  Message,
} from "../../app/acp/wire-types";
import { createCheckoutService } from "../../app/checkout/checkout-sessions.server";
import { db } from "../../app/lib/db.server";
import { redactShop } from "../../app/shops/privacy.server";
import { setCheckoutTtl } from "../../app/shops/shop-settings.server";
import { queryAdmin } from "../../app/shopify/admin-client.server";
import { DRAFT_ORDER_CALCULATE } from "../../app/shopify/draft-order-calculate.server";
import { unauthenticated } from "../../app/shopify.server";
import type { CountryCode } from "../../app/types/admin.types";
import {
  ADDRESSES,
  createCheckoutHarness,
  type CheckoutHarness,
} from "../support/checkout";
import { TEST_SHOP } from "../support/shopify";

let h: CheckoutHarness;

beforeEach(async () => {
  await db.checkoutSession.deleteMany();
  h = await createCheckoutHarness();
});

const buyer = { email: "ada@example.com" };

function createRequest(overrides: Partial<CreateRequest> = {}): CreateRequest {
  return {
    currency: "usd",
    line_items: [{ id: h.catalog.shirt, quantity: 2 }],
    capabilities: { interventions: { supported: ["3ds"] } },
    buyer,
    fulfillment_details: { address: ADDRESSES.NY },
    ...overrides,
  };
}

function total(session: CheckoutSession, type: string) {
  return session.totals.find((entry) => entry.type === type)?.amount;
}

function errorCodes(session: CheckoutSession) {
  return session.messages
    .filter((message) => message.type === "error")
    .map((message) => [(message as { code: string }).code, message.param]);
}

async function failure(promise: Promise<unknown>): Promise<AcpError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AcpError))
    throw new Error(`not an AcpError: ${error}`);

  return error;
}

async function createReady(request = createRequest()) {
  const { session } = await h.service.create(TEST_SHOP, "2026-04-17", request);
  const ready = await h.service.update(TEST_SHOP, session.id, {
    selected_fulfillment_options: [
      { type: "shipping", option_id: "shipping_standard", item_ids: [] },
    ],
  });

  return ready.session;
}

describe("creating a checkout session", () => {
  it("prices the cart through one Shopify call and lists the shipping rates", async () => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(),
    );

    expect(h.calls).toEqual(["CheckoutQuote"]);
    expect(session.id).toMatch(/^cs_/);
    expect(session.status).toBe("not_ready_for_payment");
    expect(errorCodes(session)).toEqual([
      ["missing", "$.selected_fulfillment_options"],
    ]);
    expect(session.fulfillment_options).toEqual([
      expect.objectContaining({ id: "shipping_standard", type: "shipping" }),
      expect.objectContaining({ id: "shipping_express", type: "shipping" }),
    ]);
    expect(session.line_items[0]).toMatchObject({
      item: { id: h.catalog.shirt },
      quantity: 2,
      unit_amount: 2000,
    });
    expect(total(session, "items_base_amount")).toBe(4000);
  });

  it("links the shop's policies and offers Stripe card payment", async () => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(),
    );

    expect(session.links.map((link) => link.type).sort()).toEqual([
      "contact_us",
      "privacy_policy",
      "return_policy",
      "shipping_policy",
      "terms_of_use",
    ]);
    expect(session.capabilities.payment?.handlers[0]).toMatchObject({
      name: "dev.acp.tokenized.card",
      psp: "stripe",
      config: { merchant_id: "acct_demo" },
    });
    expect(session.capabilities.interventions?.supported).toEqual(["3ds"]);
  });

  it("sells a digital item without an address or shipping", async () => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest({
        line_items: [{ id: h.catalog.ebook, quantity: 1 }],
        fulfillment_details: undefined,
      }),
    );

    expect(session.status).toBe("ready_for_payment");
    expect(session.fulfillment_options).toEqual([
      expect.objectContaining({ type: "digital", id: "digital" }),
    ]);
    expect(total(session, "fulfillment")).toBeUndefined();
    expect(total(session, "total")).toBe(999 + (total(session, "tax") ?? 0));
  });

  it.each([
    ["sold out", () => h.catalog.soldOut, 1, "out_of_stock", "$.line_items[0]"],
    [
      "more than in stock",
      () => h.catalog.mug,
      3,
      "quantity_exceeded",
      "$.line_items[0].quantity",
    ],
  ])("reports an item %s", async (_case, item, quantity, code, param) => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest({ line_items: [{ id: item(), quantity }] }),
    );

    expect(session.status).toBe("not_ready_for_payment");
    expect(errorCodes(session)).toContainEqual([code, param]);
  });

  it.each([
    ["an unknown variant", () => "999999999", true],
    ["a malformed id", () => "shirt-blue", false],
    ["a draft product", () => h.catalog.draft, true],
  ])("refuses %s with the line's param", async (_case, item, asksShopify) => {
    const error = await failure(
      h.service.create(
        TEST_SHOP,
        "2026-04-17",
        createRequest({
          line_items: [
            { id: h.catalog.shirt, quantity: 1 },
            { id: item(), quantity: 1 },
          ],
        }),
      ),
    );

    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_item_id");
    expect(error.param).toBe("$.line_items[1].id");
    expect(h.calls.length > 0).toBe(asksShopify);
    expect(await db.checkoutSession.count()).toBe(0);
  });

  it.each([
    [
      "a currency the shop does not sell in",
      { currency: "eur" },
      ["unsupported", "$.currency"],
    ],
    [
      "a country the shop does not ship to",
      {
        fulfillment_details: {
          address: { ...ADDRESSES.NY, country: "JP", state: "13" },
        },
      },
      ["region_restricted", "$.fulfillment_details.address.country"],
    ],
    ["no buyer email", { buyer: undefined }, ["missing", "$.buyer.email"]],
    [
      "no address",
      { fulfillment_details: undefined },
      ["missing", "$.fulfillment_details.address"],
    ],
  ])("asks for what is missing: %s", async (_case, overrides, expected) => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(overrides as Partial<CreateRequest>),
    );

    expect(session.status).toBe("not_ready_for_payment");
    expect(errorCodes(session)).toContainEqual(expected);
  });
});

describe("pricing", () => {
  it.each(Object.entries(ADDRESSES))(
    "charges what Shopify computes for %s",
    async (_region, address) => {
      const session = await createReady(
        createRequest({ fulfillment_details: { address } }),
      );

      const expected = await shopifyTotals(address);

      expect(session.status).toBe("ready_for_payment");
      expect(total(session, "tax")).toBe(expected.tax);
      expect(total(session, "fulfillment")).toBe(expected.shipping);
      expect(total(session, "total")).toBe(expected.total);
      expect(total(session, "total")).toBe(
        (total(session, "subtotal") ?? 0) +
          (total(session, "fulfillment") ?? 0) +
          (total(session, "tax") ?? 0),
      );
    },
  );

  it("charges New York's 8.875 % on goods and shipping", async () => {
    const session = await createReady();

    expect(total(session, "subtotal")).toBe(4000);
    expect(total(session, "fulfillment")).toBe(500);
    expect(total(session, "tax")).toBe(399);
    expect(total(session, "total")).toBe(4899);
    const lineTotals = session.line_items[0]?.totals ?? [];
    expect(
      lineTotals.find((entry) => entry.type === "tax")?.amount,
    ).toBeLessThanOrEqual(399);
  });

  it("applies a discount code and rejects an unknown one", async () => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest({ discounts: { codes: ["WELCOME10", "NOPE"] } }),
    );

    expect(total(session, "discount")).toBe(400);
    expect(session.discounts?.applied).toEqual([
      expect.objectContaining({ code: "WELCOME10", amount: 400 }),
    ]);
    expect(session.discounts?.rejected).toEqual([
      expect.objectContaining({
        code: "NOPE",
        reason: "discount_code_invalid",
      }),
    ]);
    const warning = session.messages.find(
      (message: Message) => message.type === "warning",
    );
    expect(warning).toMatchObject({
      code: "discount_code_invalid",
      param: "$.discounts.codes[1]",
    });
  });

  it("keeps the chosen shipping option when the cart changes", async () => {
    const ready = await createReady();
    h.calls.length = 0;

    const { session } = await h.service.update(TEST_SHOP, ready.id, {
      line_items: [{ id: h.catalog.shirt, quantity: 3 }],
    });

    expect(session.status).toBe("ready_for_payment");
    expect(session.selected_fulfillment_options).toEqual([
      expect.objectContaining({ option_id: "shipping_standard" }),
    ]);
    expect(total(session, "subtotal")).toBe(6000);
    expect(total(session, "fulfillment")).toBe(500);
    // The old rate handle belongs to the old cart: a fresh quote for the
    // new rates, then one with the chosen rate's new handle.
    expect(h.calls).toEqual(["CheckoutQuote", "CheckoutQuote"]);
  });

  it("reuses the chosen rate's handle while the cart stays the same", async () => {
    const ready = await createReady();
    h.calls.length = 0;

    const { session } = await h.service.update(TEST_SHOP, ready.id, {
      buyer: { email: "grace@example.com" },
    });

    expect(session.status).toBe("ready_for_payment");
    expect(total(session, "fulfillment")).toBe(500);
    expect(h.calls).toEqual(["CheckoutQuote"]);
  });

  it("asks again when Shopify refuses a handle of the same cart", async () => {
    const ready = await createReady();
    // The merchant changes the rate: its old handle is no longer Shopify's.
    const standard = h.shop.shippingRates.find((r) => r.title === "Standard");
    if (!standard) throw new Error("no standard rate in the demo shop");
    standard.price = "6.00";
    h.calls.length = 0;

    const { session } = await h.service.update(TEST_SHOP, ready.id, {
      buyer: { email: "grace@example.com" },
    });

    expect(h.calls).toHaveLength(3);
    expect(total(session, "fulfillment")).toBe(600);
    expect(session.selected_fulfillment_options).toEqual([
      expect.objectContaining({ option_id: "shipping_standard" }),
    ]);
  });

  it("keeps the chosen option when the address moves", async () => {
    const ready = await createReady();
    h.calls.length = 0;

    const { session } = await h.service.update(TEST_SHOP, ready.id, {
      fulfillment_details: { address: ADDRESSES.CA },
    });

    expect(session.status).toBe("ready_for_payment");
    expect(session.selected_fulfillment_options).toEqual([
      expect.objectContaining({ option_id: "shipping_standard" }),
    ]);
    expect(h.calls).toHaveLength(2);
  });
});

/** What the emulated Shopify itself answers for two shirts, standard rate. */
async function shopifyTotals(address: (typeof ADDRESSES)["NY"]) {
  const { admin } = await unauthenticated.admin(TEST_SHOP);
  const input = {
    lineItems: [
      {
        variantId: `gid://shopify/ProductVariant/${h.catalog.shirt}`,
        quantity: 2,
      },
    ],
    shippingAddress: {
      address1: address.line_one,
      city: address.city,
      provinceCode: address.state,
      countryCode: address.country as CountryCode,
      zip: address.postal_code,
    },
  };
  const rates = await queryAdmin(admin.graphql, DRAFT_ORDER_CALCULATE, {
    variables: { input },
  });
  const standard =
    rates.data.draftOrderCalculate?.calculatedDraftOrder?.availableShippingRates.find(
      (rate) => rate.title === "Standard",
    );
  const { data } = await queryAdmin(admin.graphql, DRAFT_ORDER_CALCULATE, {
    variables: {
      input: {
        ...input,
        shippingLine: { shippingRateHandle: standard?.handle },
      },
    },
  });
  const calc = data.draftOrderCalculate?.calculatedDraftOrder;
  const cents = (amount?: string) => Math.round(Number(amount) * 100);

  return {
    tax: cents(calc?.totalTaxSet.shopMoney.amount),
    shipping: cents(calc?.totalShippingPriceSet.shopMoney.amount),
    total: cents(calc?.totalPriceSet.shopMoney.amount),
  };
}

describe("reading, canceling and expiring", () => {
  it("answers GET from the database, without Shopify", async () => {
    const ready = await createReady();
    h.calls.length = 0;

    const { session } = await h.service.get(TEST_SHOP, ready.id);

    expect(h.calls).toEqual([]);
    expect(session).toEqual(ready);
  });

  it("hides a session from every other shop", async () => {
    const ready = await createReady();

    const error = await failure(
      h.service.get("other-store.myshopify.com", ready.id),
    );

    expect(error.status).toBe(404);
  });

  it("cancels once, keeps the intent trace to itself, then refuses", async () => {
    const ready = await createReady();

    const { session } = await h.service.cancel(TEST_SHOP, ready.id, {
      intent_trace: {
        reason_code: "price_sensitivity",
        trace_summary: "Too dear",
      },
    });
    const again = await failure(h.service.cancel(TEST_SHOP, ready.id, null));
    const update = await failure(
      h.service.update(TEST_SHOP, ready.id, { buyer }),
    );

    expect(session.status).toBe("canceled");
    expect(JSON.stringify(session)).not.toContain("Too dear");
    const row = await db.checkoutSession.findUniqueOrThrow({
      where: { id: ready.id },
    });
    expect(row.intentTrace).toMatchObject({ reason_code: "price_sensitivity" });
    expect(again.status).toBe(405);
    expect(update.status).toBe(409);
  });

  it("expires after expires_at, and then refuses changes", async () => {
    const ready = await createReady();
    h.clock.now = new Date(Date.parse(ready.expires_at ?? "") + 1000);

    const { session } = await h.service.get(TEST_SHOP, ready.id);
    const update = await failure(
      h.service.update(TEST_SHOP, ready.id, { buyer }),
    );

    expect(session.status).toBe("expired");
    expect(update.code).toBe("checkout_session_expired");
  });

  it("extends expires_at on every update", async () => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(),
    );
    h.clock.now = new Date(h.clock.now.getTime() + 10 * 60_000);

    const updated = await h.service.update(TEST_SHOP, session.id, { buyer });

    expect(Date.parse(updated.session.expires_at ?? "")).toBe(
      h.clock.now.getTime() + 60 * 60_000,
    );
  });

  it("lives as long as the merchant set, from the next call on", async () => {
    await setCheckoutTtl(TEST_SHOP, 15);

    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(),
    );

    expect(Date.parse(session.expires_at ?? "")).toBe(
      h.clock.now.getTime() + 15 * 60_000,
    );
  });
});

describe("concurrent updates", () => {
  it("apply both, whichever saves first", async () => {
    const { session } = await h.service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest({ buyer: undefined }),
    );
    // Both updates read the session before either saves.
    let arrivals = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const racing = createCheckoutService({
      now: () => h.clock.now,
      graphqlFor: async (shop) => {
        if (++arrivals === 2) release();
        if (arrivals <= 2) await bothRead;

        return (await unauthenticated.admin(shop)).admin.graphql;
      },
    });

    await Promise.all([
      racing.update(TEST_SHOP, session.id, { buyer }),
      racing.update(TEST_SHOP, session.id, {
        selected_fulfillment_options: [
          { type: "shipping", option_id: "shipping_express", item_ids: [] },
        ],
      }),
    ]);

    const { session: final } = await h.service.get(TEST_SHOP, session.id);
    expect(final.buyer?.email).toBe(buyer.email);
    expect(final.selected_fulfillment_options?.[0]?.option_id).toBe(
      "shipping_express",
    );
    expect(arrivals).toBe(3);
  });
});

describe("sessions kept in memory (one instance on SQLite)", () => {
  function cachingService() {
    return createCheckoutService({
      now: () => h.clock.now,
      graphqlFor: async (shop) =>
        (await unauthenticated.admin(shop)).admin.graphql,
      cacheSessions: true,
    });
  }

  it("serves every write back, without reading the database", async () => {
    const service = cachingService();
    const { session } = await service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(),
    );
    await service.update(TEST_SHOP, session.id, {
      selected_fulfillment_options: [
        { type: "shipping", option_id: "shipping_express", item_ids: [] },
      ],
    });
    // A change behind the service's back is not seen: it trusts memory.
    await db.checkoutSession.update({
      where: { id: session.id },
      data: { status: "canceled" },
    });

    const { session: read } = await service.get(TEST_SHOP, session.id);

    expect(read.status).toBe("ready_for_payment");
    expect(read.selected_fulfillment_options?.[0]?.option_id).toBe(
      "shipping_express",
    );
  });

  it("serves what the database holds, after a create and an update", async () => {
    const service = cachingService();
    const { session } = await service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest({ buyer: undefined }),
    );
    const fromMemory = async () =>
      (await service.get(TEST_SHOP, session.id)).session;
    // A service without memory reads the row the SQL statements wrote.
    const fromDatabase = async () =>
      (await h.service.get(TEST_SHOP, session.id)).session;

    expect(await fromMemory()).toEqual(await fromDatabase());

    await service.update(TEST_SHOP, session.id, {
      buyer,
      selected_fulfillment_options: [
        { type: "shipping", option_id: "shipping_express", item_ids: [] },
      ],
    });

    const updated = await fromMemory();
    expect(updated.status).toBe("ready_for_payment");
    expect(updated).toEqual(await fromDatabase());
  });

  it("forgets a shop's sessions when the privacy webhooks erase them", async () => {
    const service = cachingService();
    const { session } = await service.create(
      TEST_SHOP,
      "2026-04-17",
      createRequest(),
    );

    await redactShop(TEST_SHOP);

    const error = await failure(service.get(TEST_SHOP, session.id));
    expect(error.status).toBe(404);
  });
});
