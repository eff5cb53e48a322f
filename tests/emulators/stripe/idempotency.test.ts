import Stripe from "stripe";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import {
  chargeToken,
  grantToken,
  startHarness,
  stripeError,
  type Harness,
} from "./harness";
import { createManualClock, IDEMPOTENCY_TTL_MS } from "./index";

const clock = createManualClock(Date.UTC(2026, 11, 3));
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
});

beforeEach(() => {
  h.emulator.reset();
});

afterAll(async () => {
  await h.close();
});

const params: Stripe.PaymentIntentCreateParams = {
  amount: 2_000,
  currency: "usd",
  payment_method: "pm_card_visa",
  capture_method: "manual",
  confirm: true,
};

describe("Idempotency-Key on POST", () => {
  it("replays the first response for the same key and parameters", async () => {
    const first = await h.stripe.paymentIntents.create(params, {
      idempotencyKey: "k-1",
    });
    const second = await h.stripe.paymentIntents.create(params, {
      idempotencyKey: "k-1",
    });

    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(second.lastResponse.headers["original-request"]).toBe(
      first.lastResponse.requestId,
    );
    expect(first.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
    expect((await h.stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it("charges a token once when the completion is retried", async () => {
    const token = await grantToken(h.stripe);
    const input = { token: token.id, amount: 1_000 };

    const first = await chargeToken(h.stripe, input, {
      idempotencyKey: "acp-cs_1",
    });
    const again = await chargeToken(h.stripe, input, {
      idempotencyKey: "acp-cs_1",
    });

    expect(again.id).toBe(first.id);
    expect(again.status).toBe("requires_capture");
  });

  it("answers 400 idempotency_error for the same key with other parameters", async () => {
    await h.stripe.paymentIntents.create(params, { idempotencyKey: "k-2" });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.create(
        { ...params, amount: 2_001 },
        { idempotencyKey: "k-2" },
      ),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain(
      "Keys for idempotent requests can only be used with the same parameters they were first used with",
    );
  });

  it("answers 400 idempotency_error for the same key on another endpoint", async () => {
    const pi = await h.stripe.paymentIntents.create(params, {
      idempotencyKey: "k-3",
    });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.cancel(pi.id, {}, { idempotencyKey: "k-3" }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("replays a decline instead of charging again", async () => {
    const declined = { ...params, payment_method: "pm_card_chargeDeclined" };
    const first = await stripeError(() =>
      h.stripe.paymentIntents.create(declined, { idempotencyKey: "k-4" }),
    );
    const second = await stripeError(() =>
      h.stripe.paymentIntents.create(declined, { idempotencyKey: "k-4" }),
    );

    expect(second.payment_intent?.id).toBe(first.payment_intent?.id);
    expect(second.headers?.["idempotent-replayed"]).toBe("true");
  });

  it("saves nothing when the parameters fail validation", async () => {
    await stripeError(() =>
      h.stripe.paymentIntents.create(
        { ...params, amount: 1 },
        { idempotencyKey: "k-5" },
      ),
    );

    const fixed = await h.stripe.paymentIntents.create(
      { ...params, amount: 1_000 },
      { idempotencyKey: "k-5" },
    );
    expect(fixed.amount).toBe(1_000);
  });

  it("forgets a key after 24 hours", async () => {
    const first = await h.stripe.paymentIntents.create(params, {
      idempotencyKey: "k-6",
    });
    clock.advance(IDEMPOTENCY_TTL_MS + 1);

    const later = await h.stripe.paymentIntents.create(params, {
      idempotencyKey: "k-6",
    });
    expect(later.id).not.toBe(first.id);
  });

  it("answers 409 while the first request with the key still runs", async () => {
    h.emulator.addFault({
      type: "latency",
      ms: 300,
      path: "/v1/payment_intents",
    });
    const first = h.stripe.paymentIntents.create(params, {
      idempotencyKey: "k-8",
    });
    await vi.waitFor(() => expect(h.emulator.isInFlight("k-8")).toBe(true));

    const error = await stripeError(() =>
      h.stripe.paymentIntents.create(params, { idempotencyKey: "k-8" }),
    );
    expect(error).toMatchObject({
      statusCode: 409,
      code: "idempotency_key_in_use",
    });
    expect(error.headers?.["stripe-should-retry"]).toBe("true");
    await first;
  });

  it("ignores keys on GET", async () => {
    const pi = await h.stripe.paymentIntents.create(params);

    const got = await h.stripe.paymentIntents.retrieve(
      pi.id,
      {},
      { idempotencyKey: "k-7" },
    );
    expect(got.lastResponse.headers["idempotent-replayed"]).toBeUndefined();
  });
});
