import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  chargeToken,
  grantToken,
  startHarness,
  startWebhookReceiver,
  type Harness,
  type WebhookReceiver,
} from "./harness";
import { EMULATED_API_VERSION, type EmulatorEvent } from "./index";

const SECRET = "whsec_test_emulator_secret";
let receiver: WebhookReceiver;
let h: Harness;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  h = await startHarness({
    webhooks: [{ url: receiver.url, secret: SECRET }],
    webhookRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
});

afterEach(async () => {
  await h.emulator.flush();
  h.emulator.reset();
  receiver.received.length = 0;
  receiver.respondWith.length = 0;
});

afterAll(async () => {
  await h.close();
  await receiver.close();
});

function verified(): Stripe.Event[] {
  return receiver.received.map((r) =>
    h.stripe.webhooks.constructEvent(
      r.body,
      String(r.headers["stripe-signature"]),
      SECRET,
    ),
  );
}

describe("webhook delivery", () => {
  it("sends signed events that stripe.webhooks.constructEvent accepts", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 1_000 });
    await h.emulator.flush();

    // Deliveries run concurrently, so arrival order is not emission order
    // (Stripe does not promise an order either).
    const events = verified();
    expect(events.map((e) => e.type).sort()).toEqual([
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "payment_intent.created",
      "shared_payment.granted_token.used",
    ]);
    const capturable = events.find(
      (e) => e.type === "payment_intent.amount_capturable_updated",
    );
    expect(capturable).toMatchObject({
      object: "event",
      api_version: EMULATED_API_VERSION,
      livemode: false,
      pending_webhooks: 1,
      request: {
        id: pi.lastResponse.requestId,
        idempotency_key: expect.any(String),
      },
      data: { object: { id: pi.id, status: "requires_capture" } },
    });
  });

  it("is refused by constructEvent under another secret", async () => {
    await h.stripe.paymentIntents.create({ amount: 1_000, currency: "usd" });
    await h.emulator.flush();

    const [first] = receiver.received;
    expect(first).toBeDefined();
    expect(() =>
      h.stripe.webhooks.constructEvent(
        first?.body ?? "",
        String(first?.headers["stripe-signature"]),
        "whsec_other",
      ),
    ).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it("snapshots the object at the time of each event", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      capture_method: "manual",
      confirm: true,
    });
    await h.stripe.paymentIntents.capture(pi.id);
    await h.stripe.refunds.create({ payment_intent: pi.id });
    await h.emulator.flush();

    const byType = new Map(verified().map((e) => [e.type, e]));
    expect(byType.get("payment_intent.created")?.data.object).toMatchObject({
      status: "requires_confirmation",
    });
    expect(byType.get("payment_intent.succeeded")?.data.object).toMatchObject({
      status: "succeeded",
      amount_received: 1_000,
    });
    expect(byType.get("charge.refunded")?.data.object).toMatchObject({
      refunded: true,
      amount_refunded: 1_000,
    });
    expect(byType.get("refund.created")?.data.object).toMatchObject({
      amount: 1_000,
    });
  });

  it("sends payment_failed and canceled", async () => {
    await h.stripe.paymentIntents
      .create({
        amount: 1_000,
        currency: "usd",
        payment_method: "pm_card_chargeDeclined",
        confirm: true,
      })
      .catch(() => undefined);
    const open = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
    });
    await h.stripe.paymentIntents.cancel(open.id);
    await h.emulator.flush();

    const types = verified().map((e) => e.type);
    expect(types).toContain("payment_intent.payment_failed");
    expect(types).toContain("charge.failed");
    expect(types).toContain("payment_intent.canceled");
  });

  it("retries a failing endpoint with a fresh signature, and logs each attempt", async () => {
    receiver.respondWith.push(500, 503);
    await h.stripe.paymentIntents.create({ amount: 1_000, currency: "usd" });
    await h.emulator.flush();

    const attempts = h.emulator.deliveries().map((d) => [d.attempt, d.status]);
    expect(attempts).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ]);
    expect(verified()).toHaveLength(3);
  });

  it("gives up after maxAttempts", async () => {
    receiver.respondWith.push(500, 500, 500, 500);
    await h.stripe.paymentIntents.create({ amount: 1_000, currency: "usd" });
    await h.emulator.flush();

    expect(h.emulator.deliveries().map((d) => d.status)).toEqual([
      500, 500, 500,
    ]);
  });

  it("sends only the enabled events to a filtered endpoint", async () => {
    const filtered = await startWebhookReceiver();
    h.emulator.addWebhookEndpoint({
      url: filtered.url,
      secret: SECRET,
      enabledEvents: ["payment_intent.canceled"],
    });

    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
    });
    await h.stripe.paymentIntents.cancel(pi.id);
    await h.emulator.flush();
    await filtered.close();

    expect(filtered.received.map((r) => JSON.parse(r.body).type)).toEqual([
      "payment_intent.canceled",
    ]);
  });
});

describe("GET /v1/events", () => {
  it("retrieves an event exactly as delivered and lists by type", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
    });
    await h.stripe.paymentIntents.cancel(pi.id);
    await h.emulator.flush();

    const delivered = receiver.received
      .map((r): EmulatorEvent => JSON.parse(r.body))
      .find((e) => e.type === "payment_intent.canceled");
    if (!delivered) throw new Error("no canceled event delivered");
    const fetched = await h.stripe.events.retrieve(delivered.id);
    expect(fetched).toMatchObject({
      id: delivered.id,
      type: "payment_intent.canceled",
    });

    const list = await h.stripe.events.list({ type: "payment_intent.created" });
    expect(list.data.map((e) => e.type)).toEqual(["payment_intent.created"]);
  });
});
