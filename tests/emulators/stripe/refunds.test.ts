import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHarness, stripeError, type Harness } from "./harness";

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

async function paid(amount: number) {
  return h.stripe.paymentIntents.create({
    amount,
    currency: "usd",
    payment_method: "pm_card_visa",
    confirm: true,
  });
}

describe("POST /v1/refunds", () => {
  it("refunds a PaymentIntent in full by default", async () => {
    const pi = await paid(3_000);

    const refund = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect(refund).toMatchObject({
      object: "refund",
      amount: 3_000,
      status: "succeeded",
      payment_intent: pi.id,
      charge: pi.latest_charge,
      currency: "usd",
    });
    expect(refund.id).toMatch(/^re_/);

    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 3_000, refunded: true });
  });

  it("refunds in parts until the charge is used up", async () => {
    const pi = await paid(3_000);

    await h.stripe.refunds.create({ payment_intent: pi.id, amount: 1_000 });
    const charge = await h.stripe.charges.retrieve(String(pi.latest_charge));
    expect(charge).toMatchObject({ amount_refunded: 1_000, refunded: false });

    await h.stripe.refunds.create({ charge: charge.id, amount: 2_000 });
    const after = await h.stripe.charges.retrieve(charge.id);
    expect(after).toMatchObject({ amount_refunded: 3_000, refunded: true });
  });

  it("refuses to refund more than remains", async () => {
    const pi = await paid(3_000);
    await h.stripe.refunds.create({ payment_intent: pi.id, amount: 2_500 });

    const error = await stripeError(() =>
      h.stripe.refunds.create({ payment_intent: pi.id, amount: 501 }),
    );
    expect(error).toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      code: "amount_too_large",
      param: "amount",
    });
  });

  it("refuses a charge that was already refunded in full", async () => {
    const pi = await paid(3_000);
    await h.stripe.refunds.create({ payment_intent: pi.id });

    const error = await stripeError(() =>
      h.stripe.refunds.create({ payment_intent: pi.id }),
    );
    expect(error).toMatchObject({
      statusCode: 400,
      code: "charge_already_refunded",
    });
  });

  it("refuses an uncaptured PaymentIntent", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 3_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      capture_method: "manual",
      confirm: true,
    });

    const error = await stripeError(() =>
      h.stripe.refunds.create({ payment_intent: pi.id }),
    );
    expect(error).toMatchObject({ statusCode: 400, param: "payment_intent" });
  });

  it("refunds only what a partial capture took", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 3_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      capture_method: "manual",
      confirm: true,
    });
    await h.stripe.paymentIntents.capture(pi.id, { amount_to_capture: 1_000 });

    const refund = await h.stripe.refunds.create({ payment_intent: pi.id });
    expect(refund.amount).toBe(1_000);
  });
});

describe("GET /v1/refunds", () => {
  it("retrieves a refund and lists refunds of a PaymentIntent", async () => {
    const pi = await paid(3_000);
    const other = await paid(1_000);
    const refund = await h.stripe.refunds.create({
      payment_intent: pi.id,
      amount: 500,
    });
    await h.stripe.refunds.create({ payment_intent: other.id });

    expect((await h.stripe.refunds.retrieve(refund.id)).amount).toBe(500);
    const list = await h.stripe.refunds.list({ payment_intent: pi.id });
    expect(list.data.map((r) => r.id)).toEqual([refund.id]);
  });
});
