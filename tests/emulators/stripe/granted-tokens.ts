/**
 * Shared payment granted tokens (`spt_...`), notes §1.1 and §2: the seller's
 * read-only view, the test helpers that grant and revoke them, and the checks
 * a PaymentIntent runs before charging one.
 *
 * Decisions where the notes leave Stripe's behaviour open (marked unverified
 * in the notes, §8):
 * - A token is single-use: a successful authorization consumes it
 *   (`deactivated_reason: "consumed"`), whatever the amount. A decline or a
 *   pending 3DS challenge does not.
 * - Cancelling the uncaptured PaymentIntent does NOT make the token usable
 *   again: the agent must grant a new one. This is the conservative reading
 *   of "single-transaction scoped grants"; the app must not count on reuse.
 * - Expiry is noticed lazily, when the token is next read or charged (and by
 *   `emulator.sweepExpiredTokens()`), which then emits the deactivated event.
 */
import type { Handler, RequestContext } from "./context";
import { invalidRequest, notFound } from "./errors";
import type { Params } from "./params";
import {
  emptyBillingDetails,
  requirePaymentMethod,
  testCardOf,
} from "./payment-methods";
import { newId, remember, seconds, type GrantedToken } from "./state";

export const SPT_PARAM = "payment_method_data[shared_payment_granted_token]";

export const retrieveGrantedToken: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand"]);
  return requireToken(ctx, id);
};

export const createGrantedToken: Handler = (ctx, params) => {
  params.allowOnly([
    "payment_method",
    "usage_limits",
    "customer",
    "shared_metadata",
    "seller_details",
    "expand",
  ]);

  const pmId = params.requireString("payment_method");
  const limits = readUsageLimits(ctx, params);
  const pm = requirePaymentMethod(ctx, pmId, "payment_method");
  const card = testCardOf(ctx.state, pm.id);
  const sharedMetadata = params.metadata("shared_metadata") ?? null;

  const token: GrantedToken = {
    id: newId("spt"),
    object: "shared_payment.granted_token",
    agent_details: { network_business_profile: null },
    created: seconds(ctx.clock),
    deactivated_at: null,
    deactivated_reason: null,
    livemode: false,
    payment_method_details: {
      type: "card",
      billing_details: emptyBillingDetails(),
      card: {
        brand: card.brand,
        country: card.country,
        display_brand: card.brand,
        exp_month: 12,
        exp_year: 2034,
        funding: card.funding,
        last4: card.last4,
        wallet: null,
      },
    },
    risk_details: { insights: lowRiskInsights() },
    shared_metadata: sharedMetadata,
    usage_details: { amount_captured: null },
    usage_limits: limits,
  };

  ctx.state.grantedTokens.set(token.id, token);
  ctx.state.paymentMethodOfToken.set(token.id, pm.id);
  remember(ctx.state, token.id);
  return token;
};

export const revokeGrantedToken: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand"]);
  const token = requireToken(ctx, id);

  // Revoking a token that is already inactive changes nothing.
  if (token.deactivated_at !== null) return token;

  deactivate(ctx, token, "revoked");
  return token;
};

function readUsageLimits(
  ctx: RequestContext,
  params: Params,
): GrantedToken["usage_limits"] {
  const limits = params.hash("usage_limits");
  if (!limits) throw params.missing("usage_limits");
  limits.allowOnly(["currency", "max_amount", "expires_at"]);

  const currency = limits.currency("currency");
  const maxAmount = limits.requireInteger("max_amount");
  const expiresAt = limits.integer("expires_at") ?? null;

  if (maxAmount <= 0) {
    throw invalidRequest({
      message: "usage_limits[max_amount] must be a positive integer.",
      param: "usage_limits[max_amount]",
    });
  }
  if (expiresAt !== null && expiresAt <= seconds(ctx.clock)) {
    throw invalidRequest({
      message: "usage_limits[expires_at] must be in the future.",
      param: "usage_limits[expires_at]",
    });
  }
  return { currency, expires_at: expiresAt, max_amount: maxAmount };
}

function lowRiskInsights(): GrantedToken["risk_details"]["insights"] {
  const low = { score: 0.01, recommended_action: "continue" };
  return {
    bot: { ...low },
    card_issuer_decline: { ...low },
    card_testing: { ...low },
    fraudulent_dispute: { ...low },
    stolen_card: { ...low },
  };
}

function requireToken(ctx: RequestContext, id: string): GrantedToken {
  const token = ctx.state.grantedTokens.get(id);
  if (!token) throw notFound("shared_payment.granted_token", id);

  expireIfDue(ctx, token);
  return token;
}

export function expireIfDue(ctx: RequestContext, token: GrantedToken): void {
  const expiresAt = token.usage_limits.expires_at;
  if (token.deactivated_at !== null || expiresAt === null) return;
  if (seconds(ctx.clock) < expiresAt) return;

  deactivate(ctx, token, "expired", expiresAt);
}

function deactivate(
  ctx: RequestContext,
  token: GrantedToken,
  reason: "expired" | "revoked",
  at = seconds(ctx.clock),
): void {
  token.deactivated_at = at;
  token.deactivated_reason = reason;

  // Current docs: "The SPT has been deactivated (revoked or expired)" (§4).
  ctx.emit("shared_payment.granted_token.deactivated", token);
}

/**
 * The token a PaymentIntent names, checked against its limits. Failures are
 * 400 invalid_request_error naming the token's param, before any
 * PaymentIntent exists. UNVERIFIED: the notes give no error codes for these
 * cases; the codes below are existing Stripe codes that fit best, so the app
 * should branch on `type` and `param`, not on `code`.
 */
export function requireUsableToken(
  ctx: RequestContext,
  id: string,
  amount: number,
  currency: string,
): GrantedToken {
  const token = ctx.state.grantedTokens.get(id);
  if (!token) throw notFound("shared_payment.granted_token", id, SPT_PARAM);

  expireIfDue(ctx, token);
  checkActive(token);
  checkLimits(token, amount, currency);
  return token;
}

function checkActive(token: GrantedToken): void {
  if (token.deactivated_reason === "consumed") {
    throw invalidRequest({
      code: "token_already_used",
      message: `The shared payment granted token ${token.id} has already been used. Ask the agent for a new token.`,
      param: SPT_PARAM,
    });
  }
  if (token.deactivated_reason !== null) {
    throw invalidRequest({
      code: "payment_method_unexpected_state",
      message: `The shared payment granted token ${token.id} is deactivated (${token.deactivated_reason}) and cannot be used.`,
      param: SPT_PARAM,
    });
  }
}

function checkLimits(
  token: GrantedToken,
  amount: number,
  currency: string,
): void {
  const limits = token.usage_limits;
  if (currency !== limits.currency) {
    throw invalidRequest({
      code: "payment_method_currency_mismatch",
      message: `The currency (${currency}) does not match the currency allowed by shared payment granted token ${token.id} (${limits.currency}).`,
      param: "currency",
    });
  }
  if (amount > limits.max_amount) {
    throw invalidRequest({
      code: "amount_too_large",
      message: `The amount (${amount}) exceeds the maximum amount allowed by shared payment granted token ${token.id} (${limits.max_amount}).`,
      param: "amount",
    });
  }
}

/** A successful authorization uses the token up (see the header). */
export function consumeToken(ctx: RequestContext, token: GrantedToken): void {
  token.deactivated_at = seconds(ctx.clock);
  token.deactivated_reason = "consumed";

  // Older docs name this event; current docs only say Stripe sends "events"
  // when the seller uses a token (§4). Not a deactivated event: current docs
  // describe that one as "revoked or expired".
  ctx.emit("shared_payment.granted_token.used", token);
}

export function recordCapture(
  ctx: RequestContext,
  tokenId: string | null,
  amount: number,
  currency: string,
): void {
  const token = tokenId ? ctx.state.grantedTokens.get(tokenId) : undefined;
  if (!token) return;

  const before = token.usage_details.amount_captured?.value ?? 0;
  token.usage_details.amount_captured = { currency, value: before + amount };
}
