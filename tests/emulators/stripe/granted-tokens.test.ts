import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  chargeToken,
  grantToken,
  startHarness,
  stripeError,
  type Harness,
} from "./harness";
import { createManualClock, type GrantedToken } from "./index";

const START = Date.UTC(2026, 11, 3, 12, 0, 0);
const clock = createManualClock(START);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ clock });
});

beforeEach(() => {
  h.emulator.reset();
  clock.set(START);
});

afterAll(async () => {
  await h.close();
});

const SPT_PARAM = "payment_method_data[shared_payment_granted_token]";

function retrieveToken(id: string): Promise<GrantedToken> {
  return h.stripe.rawRequest("GET", `/v1/shared_payment/granted_tokens/${id}`);
}

describe("POST /v1/test_helpers/shared_payment/granted_tokens", () => {
  it("grants a token shaped like notes §1.1", async () => {
    const expiresAt = START / 1000 + 3_600;
    const token = await grantToken(h.stripe, {
      max_amount: 1_000,
      expires_at: expiresAt,
      shared_metadata: { cart: "c_1" },
    });

    expect(token).toMatchObject({
      object: "shared_payment.granted_token",
      created: START / 1000,
      deactivated_at: null,
      deactivated_reason: null,
      livemode: false,
      shared_metadata: { cart: "c_1" },
      usage_details: { amount_captured: null },
      usage_limits: {
        currency: "usd",
        max_amount: 1_000,
        expires_at: expiresAt,
      },
      payment_method_details: {
        type: "card",
        card: { brand: "visa", last4: "4242" },
      },
      agent_details: { network_business_profile: null },
    });
    expect(token.id).toMatch(/^spt_/);
    expect(token.risk_details.insights.fraudulent_dispute).toEqual({
      score: expect.any(Number),
      recommended_action: expect.any(String),
    });
  });

  it("requires usage_limits[max_amount]", async () => {
    const error = await stripeError(() =>
      h.stripe.rawRequest(
        "POST",
        "/v1/test_helpers/shared_payment/granted_tokens",
        {
          payment_method: "pm_card_visa",
          usage_limits: { currency: "usd" },
        },
      ),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      param: "usage_limits[max_amount]",
    });
  });
});

describe("GET /v1/shared_payment/granted_tokens/:id", () => {
  it("answers 404 for an unknown token", async () => {
    const error = await stripeError(() => retrieveToken("spt_missing"));
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("records the captured amount in usage_details", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 2_500 });
    await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 2_000 });

    const after = await retrieveToken(token.id);
    expect(after.usage_details.amount_captured).toEqual({
      currency: "usd",
      value: 2_000,
    });
  });
});

describe("charging a granted token outside its limits", () => {
  it.each([
    [
      "another currency",
      { currency: "eur" },
      "payment_method_currency_mismatch",
      "currency",
    ],
    ["more than max_amount", { amount: 1_001 }, "amount_too_large", "amount"],
  ])("refuses %s with a 400", async (_name, change, code, param) => {
    const token = await grantToken(h.stripe, {
      currency: "usd",
      max_amount: 1_000,
    });

    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: token.id, amount: 1_000, ...change }),
    );
    expect(error).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code,
      param,
    });
  });

  it("accepts exactly max_amount", async () => {
    const token = await grantToken(h.stripe, { max_amount: 1_000 });
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 1_000 });
    expect(pi.status).toBe("requires_capture");
  });

  it("creates no PaymentIntent when the limits refuse the charge", async () => {
    const token = await grantToken(h.stripe, { max_amount: 1_000 });
    await stripeError(() =>
      chargeToken(h.stripe, { token: token.id, amount: 5_000 }),
    );

    const list = await h.stripe.paymentIntents.list();
    expect(list.data).toHaveLength(0);
  });

  it("refuses a token after expires_at and deactivates it as expired", async () => {
    const expiresAt = START / 1000 + 60;
    const token = await grantToken(h.stripe, { expires_at: expiresAt });
    clock.advance(61_000);

    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: token.id, amount: 1_000 }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: "payment_method_unexpected_state",
      param: SPT_PARAM,
    });

    const after = await retrieveToken(token.id);
    expect(after).toMatchObject({
      deactivated_reason: "expired",
      deactivated_at: expiresAt,
    });
  });

  it("refuses a revoked token", async () => {
    const token = await grantToken(h.stripe);
    const revoked: GrantedToken = await h.stripe.rawRequest(
      "POST",
      `/v1/test_helpers/shared_payment/granted_tokens/${token.id}/revoke`,
    );
    expect(revoked.deactivated_reason).toBe("revoked");

    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: token.id, amount: 1_000 }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: SPT_PARAM });
    expect(error.message).toContain("revoked");
  });

  it("refuses a second charge with a consumed token", async () => {
    const token = await grantToken(h.stripe);
    await chargeToken(h.stripe, { token: token.id, amount: 1_000 });

    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: token.id, amount: 1_000 }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: "token_already_used",
      param: SPT_PARAM,
    });
    expect((await retrieveToken(token.id)).deactivated_reason).toBe("consumed");
  });

  it("keeps the token consumed after the authorization is canceled", async () => {
    const token = await grantToken(h.stripe);
    const pi = await chargeToken(h.stripe, { token: token.id, amount: 1_000 });
    await h.stripe.paymentIntents.cancel(pi.id);

    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: token.id, amount: 1_000 }),
    );
    expect(error.code).toBe("token_already_used");
  });

  it("leaves the token usable after a decline", async () => {
    const declining = await grantToken(h.stripe, {
      payment_method: "pm_card_chargeDeclined",
    });

    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: declining.id, amount: 1_000 }),
    );
    expect(error).toMatchObject({
      statusCode: 402,
      decline_code: "generic_decline",
    });
    expect((await retrieveToken(declining.id)).deactivated_at).toBeNull();
  });

  it("answers 400 resource_missing for an unknown token", async () => {
    const error = await stripeError(() =>
      chargeToken(h.stripe, { token: "spt_missing", amount: 1_000 }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: "resource_missing",
      param: SPT_PARAM,
    });
  });

  it("refuses the older top-level shared_payment_granted_token param", async () => {
    const token = await grantToken(h.stripe);

    const error = await stripeError(() =>
      h.stripe.rawRequest("POST", "/v1/payment_intents", {
        amount: 1_000,
        currency: "usd",
        confirm: true,
        shared_payment_granted_token: token.id,
      }),
    );
    expect(error).toMatchObject({
      code: "parameter_unknown",
      param: "shared_payment_granted_token",
    });
  });
});

describe("shared_payment.granted_token events", () => {
  it("sends deactivated when a token is revoked and when expiry is swept", async () => {
    const revoked = await grantToken(h.stripe);
    const expiring = await grantToken(h.stripe, {
      expires_at: START / 1000 + 10,
    });
    await h.stripe.rawRequest(
      "POST",
      `/v1/test_helpers/shared_payment/granted_tokens/${revoked.id}/revoke`,
    );
    clock.advance(10_000);
    h.emulator.sweepExpiredTokens();

    const deactivated = h.emulator
      .events()
      .filter((e) => e.type === "shared_payment.granted_token.deactivated")
      .map((e) => e.data.object);
    expect(deactivated).toEqual([
      expect.objectContaining({
        id: revoked.id,
        deactivated_reason: "revoked",
      }),
      expect.objectContaining({
        id: expiring.id,
        deactivated_reason: "expired",
      }),
    ]);
  });
});
