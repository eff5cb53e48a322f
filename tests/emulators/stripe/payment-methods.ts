/**
 * PaymentMethods. Like Stripe, a magic test id (`pm_card_visa`) used on a
 * PaymentIntent becomes a new `pm_...` object, and confirming with a granted
 * token clones the token's PaymentMethod into a new one that names the token
 * in `shared_payment_granted_token` (notes §3).
 */
import type Stripe from "stripe";
import type { RequestContext } from "./context";
import { notFound } from "./errors";
import {
  newId,
  remember,
  seconds,
  type EmulatedPaymentMethod,
  type EmulatorState,
} from "./state";
import { TEST_CARDS, type TestCard } from "./test-cards";

export function testCardOf(state: EmulatorState, pmId: string): TestCard {
  const card = state.testCards.get(pmId);
  if (!card) throw new Error(`emulator: ${pmId} has no test card`);
  return card;
}

/** Resolves `pm_card_*` or a stored `pm_...`; unknown ids are a 400. */
export function requirePaymentMethod(
  ctx: RequestContext,
  id: string,
  param: string,
): EmulatedPaymentMethod {
  const stored = ctx.state.paymentMethods.get(id);
  if (stored) return stored;

  const card = TEST_CARDS[id];
  if (!card) throw notFound("PaymentMethod", id, param);
  return createPaymentMethod(ctx, card, null);
}

export function createPaymentMethod(
  ctx: RequestContext,
  card: TestCard,
  tokenId: string | null,
): EmulatedPaymentMethod {
  const pm: EmulatedPaymentMethod = {
    id: newId("pm"),
    object: "payment_method",
    allow_redisplay: "unspecified",
    billing_details: emptyBillingDetails(),
    card: cardDetails(card),
    created: seconds(ctx.clock),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    shared_payment_granted_token: tokenId,
    type: "card",
  };

  ctx.state.testCards.set(pm.id, card);
  ctx.state.paymentMethods.set(pm.id, pm);
  remember(ctx.state, pm.id);
  return pm;
}

export function emptyBillingDetails(): Stripe.PaymentMethod.BillingDetails {
  return { address: null, email: null, name: null, phone: null, tax_id: null };
}

function cardDetails(card: TestCard): Stripe.PaymentMethod.Card {
  return {
    brand: card.brand,
    checks: {
      address_line1_check: null,
      address_postal_code_check: null,
      cvc_check: "pass",
    },
    country: card.country,
    display_brand: card.brand,
    exp_month: 12,
    exp_year: 2034,
    funding: card.funding,
    generated_from: null,
    last4: card.last4,
    networks: { available: [card.brand], preferred: null },
    regulated_status: "unregulated",
    three_d_secure_usage: { supported: true },
    wallet: null,
  };
}
