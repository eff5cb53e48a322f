import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, stripeError, type Harness } from "./harness";
import { DEFAULT_STRIPE_TEST_KEY } from "./index";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

beforeEach(() => {
  h.emulator.reset();
});

afterAll(async () => {
  await h.close();
});

const create: Stripe.PaymentIntentCreateParams = {
  amount: 1_000,
  currency: "usd",
  payment_method: "pm_card_visa",
  confirm: true,
};

// stripe-node waits about 0.5 s before each retry; two are plenty here.
function retryingClient(): Stripe {
  return h.client({ maxNetworkRetries: 2 });
}

describe("error faults", () => {
  it("answers 500 with Stripe's api_error body and Stripe-Should-Retry", async () => {
    h.emulator.addFault({
      type: "error",
      status: 500,
      path: "/v1/payment_intents",
    });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.create(create),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500, rawType: "api_error" });
    expect(error.headers?.["stripe-should-retry"]).toBe("true");
    expect(error.requestId).toMatch(/^req_/);
  });

  it("is retried by the stripe client when maxNetworkRetries > 0", async () => {
    h.emulator.addFault({
      type: "error",
      status: 503,
      path: "/v1/payment_intents",
      count: 2,
    });

    const pi = await retryingClient().paymentIntents.create(create);
    expect(pi.status).toBe("succeeded");
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it("is not retried when Stripe-Should-Retry is false", async () => {
    h.emulator.addFault({
      type: "error",
      status: 500,
      path: "/v1/payment_intents",
      shouldRetry: false,
    });

    const error = await stripeError(() =>
      retryingClient().paymentIntents.create(create),
    );
    expect(error.statusCode).toBe(500);
    expect(h.emulator.listFaults()).toHaveLength(0);
  });

  it("matches the method and fires only count times", async () => {
    h.emulator.addFault({
      type: "error",
      method: "GET",
      path: "/v1/payment_intents",
      count: 1,
    });

    const pi = await h.stripe.paymentIntents.create(create);
    const error = await stripeError(() =>
      h.stripe.paymentIntents.retrieve(pi.id),
    );
    expect(error.statusCode).toBe(500);
    expect((await h.stripe.paymentIntents.retrieve(pi.id)).id).toBe(pi.id);
  });
});

describe("connection faults", () => {
  it("drops the connection before the endpoint runs", async () => {
    h.emulator.addFault({
      type: "drop",
      path: "/v1/payment_intents",
      count: "always",
    });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.create(create),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    h.emulator.clearFaults();
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(0);
  });

  it("drops after the charge: the client's retry replays the same PaymentIntent", async () => {
    // stripe-node retries a reset connection once, with the same key.
    h.emulator.addFault({
      type: "drop",
      stage: "after",
      path: "/v1/payment_intents",
    });

    const pi = await h.stripe.paymentIntents.create(create, {
      idempotencyKey: "complete-1",
    });
    expect(pi.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it("times out when the server does not answer", async () => {
    h.emulator.addFault({
      type: "timeout",
      ms: 10_000,
      path: "/v1/payment_intents",
    });

    const error = await stripeError(() =>
      h.client({ timeout: 100 }).paymentIntents.create(create),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(error.message).toContain("timeout");
  });

  it("adds latency and still answers", async () => {
    h.emulator.addFault({
      type: "latency",
      ms: 20,
      path: "/v1/payment_intents",
    });

    const pi = await h.stripe.paymentIntents.create(create);
    expect(pi.status).toBe("succeeded");
    expect(h.emulator.listFaults()).toHaveLength(0);
  });
});

describe("decline faults", () => {
  it("forces a decline on a card that would succeed", async () => {
    h.emulator.addFault({
      type: "decline",
      declineCode: "insufficient_funds",
      path: "/v1/payment_intents",
    });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.create(create),
    );
    expect(error).toMatchObject({
      statusCode: 402,
      decline_code: "insufficient_funds",
    });
    expect((await h.stripe.paymentIntents.create(create)).status).toBe(
      "succeeded",
    );
  });
});

describe("in-process handle()", () => {
  it("rejects like a failed fetch when the connection drops", async () => {
    h.emulator.addFault({ type: "drop", path: "/v1/charges" });

    const request = new Request("http://stripe.test/v1/charges/ch_1", {
      headers: { Authorization: `Bearer ${DEFAULT_STRIPE_TEST_KEY}` },
    });
    await expect(h.emulator.handle(request)).rejects.toThrow(TypeError);
  });
});

describe("control endpoints", () => {
  it("adds faults over HTTP and resets everything", async () => {
    const added = await fetch(`${h.server.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({
        faults: [{ type: "error", status: 503, path: "/v1/refunds" }],
      }),
    });
    expect(added.status).toBe(200);
    expect(h.emulator.listFaults()).toEqual([
      { type: "error", status: 503, path: "/v1/refunds" },
    ]);

    await h.stripe.paymentIntents.create(create);
    await fetch(`${h.server.url}/__emulator/reset`, { method: "POST" });
    expect(h.emulator.listFaults()).toHaveLength(0);
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(0);
  });

  it("refuses a malformed fault with a 400", async () => {
    const response = await fetch(`${h.server.url}/__emulator/faults`, {
      method: "POST",
      body: JSON.stringify({ type: "explode", path: "/v1" }),
    });
    expect(response.status).toBe(400);
  });
});
