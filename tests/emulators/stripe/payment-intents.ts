/**
 * PaymentIntents: create (and confirm), retrieve, update, list, confirm,
 * capture, cancel. https://docs.stripe.com/api/payment_intents
 *
 * Status machine, as Stripe runs it for cards:
 * requires_payment_method → requires_confirmation → (confirm) →
 * requires_action | requires_capture (manual) | succeeded (automatic*),
 * and a decline sends it back to requires_payment_method with
 * last_payment_error, answering 402 with the PaymentIntent in the error.
 */
import type Stripe from "stripe";
import { createCharge } from "./charges";
import type { Handler, RequestContext } from "./context";
import { cardError, invalidRequest, invalidState, notFound } from "./errors";
import {
  consumeToken,
  recordCapture,
  requireUsableToken,
  SPT_PARAM,
} from "./granted-tokens";
import { mergeMetadata, type Params } from "./params";
import {
  createPaymentMethod,
  requirePaymentMethod,
  testCardOf,
} from "./payment-methods";
import {
  clone,
  newId,
  remember,
  seconds,
  type EmulatedPaymentMethod,
} from "./state";
import { declineOutcome, type CardOutcome } from "./test-cards";

const CAPTURE_METHODS = ["automatic", "automatic_async", "manual"] as const;
const CANCELLATION_REASONS = [
  "duplicate",
  "fraudulent",
  "requested_by_customer",
  "abandoned",
] as const;

const CONFIRM_PARAMS = [
  "payment_method",
  "payment_method_data",
  "return_url",
  "error_on_requires_action",
  "off_session",
  "capture_method",
  "expand",
] as const;

/**
 * Real params of create, update, confirm and capture (API 2026-11-18, the
 * union of the four) that an endpoint here does not model.
 */
const UNMODELLED = [
  "allowed_payment_method_types",
  "amount_details",
  "application_fee_amount",
  "automatic_payment_methods",
  "confirmation_method",
  "confirmation_token",
  "customer",
  "customer_account",
  "excluded_payment_method_types",
  "hooks",
  "mandate",
  "mandate_data",
  "on_behalf_of",
  "payment_method_configuration",
  "payment_method_options",
  "radar_options",
  "setup_future_usage",
  "shipping",
  "statement_descriptor",
  "transfer_data",
  "transfer_group",
  "use_stripe_sdk",
  "amount_to_confirm",
  "receipt_email",
  "payment_details",
  "amount",
  "currency",
  "capture_method",
];

export const createPaymentIntent: Handler = (ctx, params) => {
  params.allowOnly(
    [
      ...CONFIRM_PARAMS,
      "amount",
      "currency",
      "confirm",
      "description",
      "metadata",
      "payment_details",
      "statement_descriptor_suffix",
      "receipt_email",
    ],
    UNMODELLED,
  );

  const amount = readAmount(params);
  const currency = params.currency("currency");
  const confirm = params.boolean("confirm") ?? false;
  const options = readConfirmOptions(params, confirm);
  const pm = readPaymentMethod(ctx, params, amount, currency, confirm);

  const pi = newPaymentIntent(ctx, params, amount, currency);
  if (pm) attachPaymentMethod(pi, pm);
  ctx.emit("payment_intent.created", pi);

  return confirm ? runConfirmation(ctx, pi, options) : pi;
};

export const retrievePaymentIntent: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand", "client_secret"]);
  return requirePaymentIntent(ctx, id);
};

export const updatePaymentIntent: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(
    ["metadata", "description", "payment_details", "expand"],
    UNMODELLED,
  );
  const pi = requirePaymentIntent(ctx, id);

  const description = params.nullableString("description");
  if (description !== undefined) pi.description = description;
  pi.metadata = mergeMetadata(pi.metadata, params.metadata("metadata"));
  applyPaymentDetails(pi, params);
  return pi;
};

export const confirmPaymentIntent: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(CONFIRM_PARAMS, UNMODELLED);
  const pi = requirePaymentIntent(ctx, id);
  requireStatus(pi, "confirm", [
    "requires_payment_method",
    "requires_confirmation",
    "requires_action",
  ]);

  const options = readConfirmOptions(params, true);
  const pm = readPaymentMethod(ctx, params, pi.amount, pi.currency, true);
  if (pm) attachPaymentMethod(pi, pm);
  if (options.captureMethod) pi.capture_method = options.captureMethod;
  return runConfirmation(ctx, pi, options);
};

export const capturePaymentIntent: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(
    ["amount_to_capture", "metadata", "final_capture", "expand"],
    [...UNMODELLED, "statement_descriptor_suffix"],
  );
  const pi = requirePaymentIntent(ctx, id);
  requireStatus(pi, "capture", ["requires_capture"]);

  const amount = params.integer("amount_to_capture") ?? pi.amount_capturable;
  checkCaptureAmount(pi, amount);
  pi.metadata = mergeMetadata(pi.metadata, params.metadata("metadata"));
  capture(ctx, pi, amount);
  return pi;
};

export const cancelPaymentIntent: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["cancellation_reason", "expand"]);
  const pi = requirePaymentIntent(ctx, id);
  const reason = params.oneOf("cancellation_reason", CANCELLATION_REASONS);
  requireStatus(pi, "cancel", [
    "requires_payment_method",
    "requires_capture",
    "requires_confirmation",
    "requires_action",
    "processing",
  ]);

  if (pi.status === "requires_capture") releaseAuthorization(ctx, pi);
  pi.status = "canceled";
  pi.canceled_at = seconds(ctx.clock);
  pi.cancellation_reason = reason ?? null;
  pi.amount_capturable = 0;
  pi.next_action = null;
  ctx.emit("payment_intent.canceled", pi);
  return pi;
};

export function requirePaymentIntent(
  ctx: RequestContext,
  id: string,
): Stripe.PaymentIntent {
  const pi = ctx.state.paymentIntents.get(id);
  if (!pi) throw notFound("payment_intent", id);
  return pi;
}

/** Programmatic 3DS result for a PaymentIntent in requires_action. */
export function completeAuthentication(
  ctx: RequestContext,
  id: string,
  result: "succeed" | "fail",
): Stripe.PaymentIntent {
  const pi = requirePaymentIntent(ctx, id);
  requireStatus(pi, "authenticate", ["requires_action"]);

  const pm = requireAttachedPaymentMethod(ctx, pi);
  pi.next_action = null;
  if (result === "succeed") {
    authorize(ctx, pi, pm);
    return pi;
  }

  failAuthentication(ctx, pi, pm);
  return pi;
}

function readAmount(params: Params): number {
  const amount = params.requireInteger("amount");
  // Stripe's minimum charge is about 50 cents in most currencies.
  if (amount < 50) {
    throw invalidRequest({
      code: "amount_too_small",
      message: "Amount must be at least $0.50 usd",
      param: "amount",
    });
  }
  if (amount > 99_999_999) {
    throw invalidRequest({
      code: "amount_too_large",
      message: "Amount must be no more than $999,999.99",
      param: "amount",
    });
  }
  return amount;
}

interface ConfirmOptions {
  returnUrl: string | null;
  errorOnRequiresAction: boolean;
  offSession: boolean;
  captureMethod: Stripe.PaymentIntent.CaptureMethod | undefined;
}

function readConfirmOptions(params: Params, confirm: boolean): ConfirmOptions {
  const returnUrl = params.string("return_url") ?? null;
  if (returnUrl !== null && !confirm) {
    throw invalidRequest({
      message: "You can only pass in return_url when confirm is set to true.",
      param: "return_url",
    });
  }

  return {
    returnUrl,
    errorOnRequiresAction: params.boolean("error_on_requires_action") ?? false,
    offSession: params.boolean("off_session") ?? false,
    captureMethod: params.oneOf("capture_method", CAPTURE_METHODS),
  };
}

/**
 * The PaymentMethod the request names: `payment_method=pm_...`, or a clone
 * of a granted token's PaymentMethod from
 * `payment_method_data[shared_payment_granted_token]` (notes §3). The older
 * top-level `shared_payment_granted_token` param is refused as unknown, as
 * current Stripe API versions do not list it.
 */
function readPaymentMethod(
  ctx: RequestContext,
  params: Params,
  amount: number,
  currency: string,
  confirm: boolean,
): EmulatedPaymentMethod | null {
  const pmId = params.string("payment_method");
  const data = params.hash("payment_method_data");
  if (pmId !== undefined && data) {
    throw invalidRequest({
      message:
        "You cannot specify both payment_method and payment_method_data.",
      param: "payment_method_data",
    });
  }

  if (pmId !== undefined)
    return requirePaymentMethod(ctx, pmId, "payment_method");
  if (!data) return null;
  return paymentMethodFromData(ctx, data, amount, currency, confirm);
}

function paymentMethodFromData(
  ctx: RequestContext,
  data: Params,
  amount: number,
  currency: string,
  confirm: boolean,
): EmulatedPaymentMethod {
  data.allowOnly([
    "shared_payment_granted_token",
    "billing_details",
    "metadata",
    "type",
  ]);
  const tokenId = data.string("shared_payment_granted_token");
  if (tokenId === undefined) {
    // Raw card numbers never reach a PCI-scoped-out app; neither do they here.
    throw invalidRequest({
      message:
        "The Stripe emulator supports payment_method_data only with shared_payment_granted_token.",
      param: "payment_method_data",
    });
  }

  // Limits are checked when the token is charged, i.e. at confirmation.
  const token = confirm
    ? requireUsableToken(ctx, tokenId, amount, currency)
    : ctx.state.grantedTokens.get(tokenId);
  if (!token)
    throw notFound("shared_payment.granted_token", tokenId, SPT_PARAM);

  const sourcePm = ctx.state.paymentMethodOfToken.get(token.id) ?? "";
  return createPaymentMethod(ctx, testCardOf(ctx.state, sourcePm), token.id);
}

function attachPaymentMethod(
  pi: Stripe.PaymentIntent,
  pm: EmulatedPaymentMethod,
): void {
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  if (pi.status === "requires_payment_method") {
    pi.status = "requires_confirmation";
  }
}

function newPaymentIntent(
  ctx: RequestContext,
  params: Params,
  amount: number,
  currency: string,
): Stripe.PaymentIntent {
  const id = newId("pi");
  const pi: Stripe.PaymentIntent = {
    id,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method:
      params.oneOf("capture_method", CAPTURE_METHODS) ?? "automatic_async",
    client_secret: `${id}_secret_${newId("x").slice(2)}`,
    confirmation_method: "automatic",
    created: seconds(ctx.clock),
    currency,
    customer: null,
    customer_account: null,
    description: params.nullableString("description") ?? null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: mergeMetadata({}, params.metadata("metadata")),
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: cardOptions(),
    // API 2026-11-18 dropped the payment_method_types param; cards only here.
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: params.string("receipt_email") ?? null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix:
      params.string("statement_descriptor_suffix") ?? null,
    status: "requires_payment_method",
    transfer_data: null,
    transfer_group: null,
  };

  applyPaymentDetails(pi, params);
  ctx.state.paymentIntents.set(id, pi);
  remember(ctx.state, id);
  return pi;
}

function cardOptions(): Stripe.PaymentIntent.PaymentMethodOptions {
  return {
    card: {
      installments: null,
      mandate_options: null,
      network: null,
      request_three_d_secure: "automatic",
    },
  };
}

function applyPaymentDetails(pi: Stripe.PaymentIntent, params: Params): void {
  const details = params.hash("payment_details");
  if (!details) return;

  details.allowOnly(["customer_reference", "order_reference"]);
  pi.payment_details = {
    customer_reference: details.nullableString("customer_reference") ?? null,
    order_reference: details.nullableString("order_reference") ?? null,
  };
}

const STATE_MESSAGES: Record<string, (status: string) => string> = {
  capture: (s) =>
    `This PaymentIntent could not be captured because it has a status of ${s}.`,
  cancel: (s) =>
    `You cannot cancel this PaymentIntent because it has a status of ${s}.`,
  confirm: (s) =>
    `You cannot confirm this PaymentIntent because it has a status of ${s}.`,
  authenticate: (s) =>
    `This PaymentIntent cannot be authenticated because it has a status of ${s}.`,
};

function requireStatus(
  pi: Stripe.PaymentIntent,
  action: "capture" | "cancel" | "confirm" | "authenticate",
  allowed: readonly Stripe.PaymentIntent.Status[],
): void {
  if (allowed.includes(pi.status)) return;

  const lead = STATE_MESSAGES[action]?.(pi.status) ?? "";
  throw invalidState({
    code: "payment_intent_unexpected_state",
    message: `${lead} Only a PaymentIntent with one of the following statuses may be ${action === "cancel" ? "canceled" : `${action.replace(/e$/, "")}ed`}: ${allowed.join(", ")}.`,
    payment_intent: clone(pi),
  });
}

function runConfirmation(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
  options: ConfirmOptions,
): Stripe.PaymentIntent {
  if (options.captureMethod) pi.capture_method = options.captureMethod;
  const pm = requireAttachedPaymentMethod(ctx, pi);
  const outcome = confirmationOutcome(ctx, pm);

  if (outcome.kind === "decline") return decline(ctx, pi, pm, outcome);
  if (outcome.kind === "success") return authorize(ctx, pi, pm);

  if (options.errorOnRequiresAction || options.offSession) {
    return decline(ctx, pi, pm, AUTHENTICATION_DECLINE);
  }
  return requireAction(ctx, pi, options.returnUrl);
}

const AUTHENTICATION_DECLINE = {
  kind: "decline",
  code: "authentication_required",
  declineCode: "authentication_required",
  message: "Your card was declined. This transaction requires authentication.",
} as const;

function confirmationOutcome(
  ctx: RequestContext,
  pm: EmulatedPaymentMethod,
): CardOutcome {
  if (ctx.forcedDecline) return declineOutcome(ctx.forcedDecline);
  return testCardOf(ctx.state, pm.id).outcome;
}

function requireAttachedPaymentMethod(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
): EmulatedPaymentMethod {
  const pmId = typeof pi.payment_method === "string" ? pi.payment_method : null;
  const pm = pmId ? ctx.state.paymentMethods.get(pmId) : undefined;
  if (pm) return pm;

  throw invalidState({
    code: "payment_intent_unexpected_state",
    message:
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the payment_method or pass payment_method_data when confirming.",
    payment_intent: clone(pi),
  });
}

function authorize(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
  pm: EmulatedPaymentMethod,
): Stripe.PaymentIntent {
  const manual = pi.capture_method === "manual";
  const charge = createCharge(ctx, {
    paymentIntent: pi,
    paymentMethod: pm,
    card: testCardOf(ctx.state, pm.id),
    captured: !manual,
    failure: null,
  });

  pi.latest_charge = charge.id;
  pi.next_action = null;
  pi.last_payment_error = null;
  consumeTokenOf(ctx, pm);
  ctx.emit("charge.succeeded", charge);

  if (manual) {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
    ctx.emit("payment_intent.amount_capturable_updated", pi);
    return pi;
  }

  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  recordCapture(ctx, pm.shared_payment_granted_token, pi.amount, pi.currency);
  ctx.emit("payment_intent.succeeded", pi);
  return pi;
}

function consumeTokenOf(ctx: RequestContext, pm: EmulatedPaymentMethod): void {
  const tokenId = pm.shared_payment_granted_token;
  const token = tokenId ? ctx.state.grantedTokens.get(tokenId) : undefined;
  if (token) consumeToken(ctx, token);
}

type Decline = Extract<CardOutcome, { kind: "decline" }>;

function decline(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
  pm: EmulatedPaymentMethod,
  outcome: Decline,
): never {
  const charge = createCharge(ctx, {
    paymentIntent: pi,
    paymentMethod: pm,
    card: testCardOf(ctx.state, pm.id),
    captured: false,
    failure: outcome,
  });

  // Stripe detaches the failed PaymentMethod and reports it in the error.
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.latest_charge = charge.id;
  pi.next_action = null;
  pi.last_payment_error = lastPaymentError(outcome, charge.id, pm);
  ctx.emit("charge.failed", charge);
  ctx.emit("payment_intent.payment_failed", pi);

  throw cardError({
    code: outcome.code,
    decline_code: outcome.declineCode,
    message: outcome.message,
    charge: charge.id,
    payment_method_type: "card",
    payment_intent: clone(pi),
    payment_method: clone(pm),
  });
}

function lastPaymentError(
  outcome: Decline,
  chargeId: string,
  pm: EmulatedPaymentMethod,
): Stripe.PaymentIntent.LastPaymentError {
  return {
    charge: chargeId,
    code: outcome.code,
    decline_code: outcome.declineCode,
    doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replaceAll("_", "-")}`,
    message: outcome.message,
    payment_method: clone(pm),
    payment_method_type: "card",
    type: "card_error",
  };
}

function requireAction(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
  returnUrl: string | null,
): Stripe.PaymentIntent {
  pi.status = "requires_action";
  pi.next_action = returnUrl
    ? {
        type: "redirect_to_url",
        redirect_to_url: {
          url: `https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_emulator&payment_intent=${pi.id}`,
          return_url: returnUrl,
        },
      }
    : {
        type: "use_stripe_sdk",
        use_stripe_sdk: {},
      };

  ctx.emit("payment_intent.requires_action", pi);
  return pi;
}

function failAuthentication(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
  pm: EmulatedPaymentMethod,
): void {
  pi.status = "requires_payment_method";
  pi.payment_method = null;
  pi.last_payment_error = {
    code: "payment_intent_authentication_failure",
    doc_url:
      "https://stripe.com/docs/error-codes/payment-intent-authentication-failure",
    message:
      "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
    payment_method: clone(pm),
    type: "invalid_request_error",
  };
  ctx.emit("payment_intent.payment_failed", pi);
}

function checkCaptureAmount(pi: Stripe.PaymentIntent, amount: number): void {
  if (amount > pi.amount_capturable) {
    throw invalidState({
      code: "amount_too_large",
      message: `The amount to capture (${amount}) cannot be greater than the amount capturable (${pi.amount_capturable}).`,
      param: "amount_to_capture",
    });
  }
  if (amount <= 0) {
    throw invalidRequest({
      message: "Amount to capture must be greater than 0.",
      param: "amount_to_capture",
    });
  }
}

/**
 * Captures `amount` and releases the rest of the authorization. The released
 * part shows as neither refunded nor received, matching today's Charge
 * (`amount_captured` < `amount`, `amount_refunded` 0).
 */
function capture(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
  amount: number,
): void {
  const charge = ctx.state.charges.get(String(pi.latest_charge));
  if (charge) {
    charge.captured = true;
    charge.amount_captured = amount;
    charge.balance_transaction = newId("txn");
  }

  pi.status = "succeeded";
  pi.amount_capturable = 0;
  pi.amount_received = amount;
  const pm = ctx.state.paymentMethods.get(String(pi.payment_method));
  recordCapture(
    ctx,
    pm?.shared_payment_granted_token ?? null,
    amount,
    pi.currency,
  );

  if (charge) ctx.emit("charge.captured", charge);
  ctx.emit("payment_intent.succeeded", pi);
}

/**
 * Cancelling an authorized PaymentIntent releases the hold. Stripe then
 * shows the uncaptured charge as refunded in full and sends charge.refunded
 * (UNVERIFIED for the current API version; an app should treat a
 * charge.refunded of an uncaptured charge as a release, not a refund).
 */
function releaseAuthorization(
  ctx: RequestContext,
  pi: Stripe.PaymentIntent,
): void {
  const charge = ctx.state.charges.get(String(pi.latest_charge));
  if (!charge) return;

  charge.refunded = true;
  charge.amount_refunded = charge.amount;
  ctx.emit("charge.refunded", charge);
}
