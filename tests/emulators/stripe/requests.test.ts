import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseForm } from "./form";
import { startHarness, stripeError, type Harness } from "./harness";
import { DEFAULT_STRIPE_TEST_KEY } from "./index";

describe("parseForm", () => {
  it.each([
    ["a=1&b=two", { a: "1", b: "two" }],
    ["a[b][c]=1&a[b][d]=2", { a: { b: { c: "1", d: "2" } } }],
    ["expand[]=x&expand[]=y", { expand: ["x", "y"] }],
    ["expand[0]=x&expand[1]=y", { expand: { "0": "x", "1": "y" } }],
    [
      "items[][price]=p1&items[][qty]=2&items[][price]=p2",
      {
        items: [{ price: "p1", qty: "2" }, { price: "p2" }],
      },
    ],
    ["metadata%5Border%5D=A%26B+C", { metadata: { order: "A&B C" } }],
    ["description=", { description: "" }],
    ["a=1&a=2", { a: "2" }],
  ])("parses %s", (text, expected) => {
    expect(parseForm(text)).toEqual(expected);
  });

  it("refuses a key that is both a value and a hash", () => {
    expect(() => parseForm("a=1&a[b]=2")).toThrow(/cannot be both/);
  });
});

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

describe("form encoding through the stripe client", () => {
  it("round-trips metadata with brackets, ampersands and unicode", async () => {
    // stripe-node leaves brackets in keys unescaped, so a metadata key
    // with brackets cannot round-trip: real Stripe misreads it too.
    const metadata = { order: "#1001 & co=1", note: "naïve café ☕" };
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "USD",
      metadata,
    });

    expect(pi.currency).toBe("usd");
    expect(pi.metadata).toEqual(metadata);
  });

  it("deletes a metadata key updated to an empty string", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
      metadata: { keep: "1", drop: "2" },
    });

    const updated = await h.stripe.paymentIntents.update(pi.id, {
      metadata: { drop: "" },
    });
    expect(updated.metadata).toEqual({ keep: "1" });
  });

  it("accepts indexed arrays the way stripe-node sends them", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
      expand: ["latest_charge", "payment_method"],
    });
    expect(pi.latest_charge).toMatchObject({ object: "charge" });
    expect(pi.payment_method).toMatchObject({ object: "payment_method" });
  });

  it("names a nested unknown parameter in full", async () => {
    const error = await stripeError(() =>
      h.stripe.rawRequest("POST", "/v1/payment_intents", {
        amount: 1_000,
        currency: "usd",
        payment_method_data: {
          shared_payment_granted_token: "spt_1",
          colour: "red",
        },
      }),
    );
    expect(error).toMatchObject({
      code: "parameter_unknown",
      param: "payment_method_data[colour]",
    });
  });

  it("says so when a real Stripe parameter is not modelled", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.create({
        amount: 1_000,
        currency: "usd",
        shipping: { name: "A", address: { line1: "1 Road" } },
      }),
    );
    expect(error).toMatchObject({
      code: "emulator_unmodelled_parameter",
      param: "shipping",
    });
  });
});

describe("authentication", () => {
  it("answers 401 for a wrong key", async () => {
    const wrong = new Stripe("sk_test_wrong_key_1234", {
      host: h.server.host,
      port: h.server.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });

    const error = await stripeError(() => wrong.paymentIntents.list());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.message).toContain("Invalid API Key provided: sk_test_");
    expect(error.message).not.toContain("wrong_key");
  });

  it("answers 401 without a key", async () => {
    const response = await fetch(`${h.server.url}/v1/payment_intents`);
    const body = await response.json();

    expect(response.status).toBe(401);
    expect(body.error).toMatchObject({ type: "invalid_request_error" });
    expect(body.error.message).toContain("You did not provide an API key");
  });

  it("accepts Basic auth as curl -u sends it", async () => {
    const basic = Buffer.from(`${DEFAULT_STRIPE_TEST_KEY}:`).toString("base64");
    const response = await fetch(`${h.server.url}/v1/payment_intents`, {
      headers: { Authorization: `Basic ${basic}` },
    });
    expect(response.status).toBe(200);
  });
});

describe("headers", () => {
  it("answers with Request-Id and echoes Stripe-Version", async () => {
    const pi = await h.stripe.paymentIntents.create({
      amount: 1_000,
      currency: "usd",
    });

    expect(pi.lastResponse.requestId).toMatch(/^req_/);
    expect(pi.lastResponse.headers["stripe-version"]).toBe(Stripe.API_VERSION);
  });

  it("refuses a malformed Stripe-Version", async () => {
    const error = await stripeError(() =>
      h.stripe.paymentIntents.list({}, { apiVersion: "yesterday" }),
    );
    expect(error).toMatchObject({ statusCode: 400 });
    expect(error.message).toContain("Invalid Stripe API version");
  });

  it("answers 404 with Stripe's message for an unknown URL", async () => {
    const error = await stripeError(() =>
      h.stripe.rawRequest("GET", "/v1/nothing_here"),
    );
    expect(error).toMatchObject({ statusCode: 404 });
    expect(error.message).toContain(
      "Unrecognized request URL (GET: /v1/nothing_here)",
    );
  });
});
