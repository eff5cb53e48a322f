import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  chargeToken,
  grantToken,
  startHarness,
  stripeError,
  type Harness,
} from "./harness";

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

describe("POST /v1/payment_intents with a granted token", () => {
  it("authorizes with manual capture, then captures in full", async () => {
    const token = await grantToken(h.stripe, { max_amount: 4_590 });

    const authorized = await chargeToken(h.stripe, {
      token: token.id,
      amount: 4_590,
    });
    expect(authorized).toMatchObject({
      object: "payment_intent",
      status: "requires_capture",
      amount: 4_590,
      amount_capturable: 4_590,
      amount_received: 0,
      capture_method: "manual",
      currency: "usd",
      livemode: false,
    });
    expect(authorized.id).toMatch(/^pi_/);
    expect(authorized.latest_charge).toMatch(/^ch_/);
    expect(authorized.payment_method).toMatch(/^pm_/);

    const captured = await h.stripe.paymentIntents.capture(authorized.id);
    expect(captured).toMatchObject({
      status: "succeeded",
      amount_capturable: 0,
      amount_received: 4_590,
    });
  });

  it("clones the token's card into a PaymentMethod that names the token", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 1_000 });

    const pm = await h.stripe.paymentMethods.retrieve(
      String(pi.payment_method),
    );
    expect(pm).toMatchObject({
      type: "card",
      card: { brand: "visa", last4: "4242" },
      shared_payment_granted_token: token.id,
    });
  });

  it("captures part of the authorization and releases the rest", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 5_000 });

    const captured = await h.stripe.paymentIntents.capture(pi.id, {
      amount_to_capture: 3_000,
    });
    expect(captured).toMatchObject({
      status: "succeeded",
      amount_received: 3_000,
    });

    const charge = await h.stripe.charges.retrieve(
      String(captured.latest_charge),
    );
    expect(charge).toMatchObject({
      amount: 5_000,
      amount_captured: 3_000,
      captured: true,
    });
  });

  it("refuses to capture more than is capturable", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 2_000 });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 2_001 }),
    );
    expect(error).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "amount_too_large",
      param: "amount_to_capture",
    });
  });

  it("succeeds at once with automatic capture", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, {
      token: token.id,
      amount: 1_200,
      capture_method: "automatic",
    });

    expect(pi).toMatchObject({
      status: "succeeded",
      amount_received: 1_200,
      amount_capturable: 0,
    });
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({
      captured: true,
      paid: true,
      status: "succeeded",
    });
  });
});

describe("POST /v1/payment_intents with a test PaymentMethod", () => {
  it("defaults to automatic_async capture and succeeds with pm_card_visa", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
    });

    expect(pi.capture_method).toBe("automatic_async");
    expect(pi.status).toBe("succeeded");
  });

  it("waits in requires_confirmation until confirmed", async () => {
    const created = await h.stripe.paymentIntents.create({
      amount: 2_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      capture_method: "manual",
    });
    expect(created.status).toBe("requires_confirmation");

    const confirmed = await h.stripe.paymentIntents.confirm(created.id);
    expect(confirmed.status).toBe("requires_capture");
  });

  it("declines pm_card_chargeDeclined with a 402 carrying the PaymentIntent", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.create({
        amount: 2_000,
        currency: "usd",
        payment_method: "pm_card_chargeDeclined",
        confirm: true,
      }),
    );

    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      code: "card_declined",
      decline_code: "generic_decline",
    });
    expect(error.raw).toMatchObject({
      type: "card_error",
      doc_url: "https://stripe.com/docs/error-codes/card-declined",
    });
    expect(error.payment_intent).toMatchObject({
      status: "requires_payment_method",
      payment_method: null,
      last_payment_error: {
        code: "card_declined",
        decline_code: "generic_decline",
      },
    });
  });

  it("stores the declined PaymentIntent for later retrieval", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.create({
        amount: 2_000,
        currency: "usd",
        payment_method: "pm_card_visa_chargeDeclinedInsufficientFunds",
        confirm: true,
      }),
    );

    const pi = await h.stripe.paymentIntents.retrieve(
      String(error.payment_intent?.id),
    );
    expect(pi.last_payment_error?.decline_code).toBe("insufficient_funds");
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({
      status: "failed",
      paid: false,
      failure_code: "card_declined",
    });
  });

  it("asks for 3DS through use_stripe_sdk without a return_url", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2_000,
      currency: "usd",
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
    });

    expect(pi.status).toBe("requires_action");
    expect(pi.next_action?.type).toBe("use_stripe_sdk");
    expect(pi.latest_charge).toBeNull();
  });

  it("asks for 3DS through redirect_to_url with a return_url", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2_000,
      currency: "usd",
      payment_method: "pm_card_authenticationRequired",
      confirm: true,
      return_url: "https://shop.example/return",
    });

    expect(pi.next_action).toMatchObject({
      type: "redirect_to_url",
      redirect_to_url: { return_url: "https://shop.example/return" },
    });
  });

  it("moves on after the 3DS challenge is completed", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 2_000,
      currency: "usd",
      payment_method: "pm_card_authenticationRequired",
      capture_method: "manual",
      confirm: true,
    });

    h.emulator.completeAuthentication(pi.id, "succeed");
    const after = await h.stripe.paymentIntents.retrieve(pi.id);
    expect(after.status).toBe("requires_capture");
  });

  it("declines instead of asking for 3DS when error_on_requires_action is set", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.create({
        amount: 2_000,
        currency: "usd",
        payment_method: "pm_card_authenticationRequired",
        confirm: true,
        error_on_requires_action: true,
      }),
    );

    expect(error).toMatchObject({
      statusCode: 402,
      code: "authentication_required",
    });
  });

  it("answers 400 for an unknown PaymentMethod", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.create({
        amount: 2_000,
        currency: "usd",
        payment_method: "pm_nope",
      }),
    );

    expect(error).toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: "payment_method",
    });
  });

  it.each([
    [{ currency: "usd" }, "parameter_missing", "amount"],
    [{ amount: 10, currency: "usd" }, "amount_too_small", "amount"],
    [{ amount: "ten", currency: "usd" }, "parameter_invalid_integer", "amount"],
    [
      { amount: 100, currency: "usd", colour: "red" },
      "parameter_unknown",
      "colour",
    ],
  ])("rejects %j with %s", async (params, code, param) => {
    const error = await stripeError(() =>
      h.stripe.rawRequest("POST", "/v1/payment_intents", params),
    );
    expect(error).toMatchObject({ statusCode: 400, code, param });
  });
});

describe("POST /v1/payment_intents/:id/cancel", () => {
  it("cancels an authorization with a reason", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 1_000 });

    const canceled = await h.stripe.paymentIntents.cancel(pi.id, {
      cancellation_reason: "abandoned",
    });
    expect(canceled).toMatchObject({
      status: "canceled",
      cancellation_reason: "abandoned",
      amount_capturable: 0,
    });
    expect(canceled.canceled_at).toEqual(expect.any(Number));
  });

  it("refuses to cancel a succeeded PaymentIntent", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
    });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.cancel(pi.id),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: "payment_intent_unexpected_state",
    });
    expect(error.payment_intent?.status).toBe("succeeded");
  });

  it("refuses to capture a canceled PaymentIntent", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 1_000 });
    await h.stripe.paymentIntents.cancel(pi.id);

    const error = await stripeError(() =>
      h.stripe.paymentIntents.capture(pi.id),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: "payment_intent_unexpected_state",
    });
  });
});

describe("GET /v1/payment_intents", () => {
  it("pages newest first with has_more and starting_after", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const pi = await h.stripe.paymentIntents.create({
        amount: 1_000 + i,
        currency: "usd",
      });
      ids.push(pi.id);
    }

    const first = await h.stripe.paymentIntents.list({ limit: 2 });
    expect(first).toMatchObject({
      object: "list",
      has_more: true,
      url: "/v1/payment_intents",
    });
    expect(first.data.map((pi) => pi.id)).toEqual([ids[2], ids[1]]);

    const second = await h.stripe.paymentIntents.list({
      limit: 2,
      starting_after: ids[1],
    });
    expect(second.data.map((pi) => pi.id)).toEqual([ids[0]]);
    expect(second.has_more).toBe(false);
  });

  it("answers 404 for an unknown id", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.retrieve("pi_missing"),
    );
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("expand[]", () => {
  it("expands latest_charge and nested payment_intent", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
    });

    const expanded = await h.stripe.paymentIntents.retrieve(pi.id, {
      expand: ["latest_charge.payment_intent"],
    });
    const charge = expanded.latest_charge;
    if (typeof charge !== "object" || charge === null)
      throw new Error("not expanded");
    expect(charge.object).toBe("charge");
    expect(charge.payment_intent).toMatchObject({
      id: pi.id,
      object: "payment_intent",
    });
  });

  it("rejects a property that cannot be expanded", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
    });

    const error = await stripeError(() =>
      h.stripe.paymentIntents.retrieve(pi.id, { expand: ["currency"] }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: "expand" });
  });
});
