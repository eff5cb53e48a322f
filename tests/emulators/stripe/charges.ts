/**
 * Charges: one per confirmation attempt of a PaymentIntent, succeeded
 * (captured or not) or failed. Read-only through the API here.
 */
import type Stripe from "stripe";
import type { Handler, RequestContext } from "./context";
import { notFound } from "./errors";
import { newId, remember, seconds, type EmulatedPaymentMethod } from "./state";
import type { TestCard } from "./test-cards";

export const retrieveCharge: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand"]);
  return requireCharge(ctx, id);
};

export function requireCharge(ctx: RequestContext, id: string): Stripe.Charge {
  const charge = ctx.state.charges.get(id);
  if (!charge) throw notFound("charge", id);
  return charge;
}

export interface ChargeInput {
  paymentIntent: Stripe.PaymentIntent;
  paymentMethod: EmulatedPaymentMethod;
  card: TestCard;
  captured: boolean;
  failure: { code: string; declineCode: string; message: string } | null;
}

export function createCharge(
  ctx: RequestContext,
  input: ChargeInput,
): Stripe.Charge {
  const { paymentIntent: pi, failure } = input;
  const charge: Stripe.Charge = {
    id: newId("ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: input.captured && !failure ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: input.captured && !failure ? newId("txn") : null,
    billing_details: input.paymentMethod.billing_details,
    calculated_statement_descriptor: "ACP BRIDGE TEST",
    captured: input.captured && !failure,
    created: seconds(ctx.clock),
    currency: pi.currency,
    customer: null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: outcome(failure),
    paid: !failure,
    payment_intent: pi.id,
    payment_method: input.paymentMethod.id,
    payment_method_details: { type: "card", card: cardDetails(input, pi) },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: failure ? "failed" : "succeeded",
    transfer_data: null,
    transfer_group: null,
  };

  ctx.state.charges.set(charge.id, charge);
  remember(ctx.state, charge.id);
  return charge;
}

function outcome(failure: ChargeInput["failure"]): Stripe.Charge.Outcome {
  if (!failure) {
    return {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      risk_score: 12,
      seller_message: "Payment complete.",
      type: "authorized",
    };
  }
  return {
    advice_code: null,
    network_advice_code: null,
    network_decline_code: null,
    network_status: "declined_by_network",
    reason: failure.declineCode,
    risk_level: "normal",
    risk_score: 40,
    seller_message:
      "The bank did not return any further details with this decline.",
    type: "issuer_declined",
  };
}

function cardDetails(
  input: ChargeInput,
  pi: Stripe.PaymentIntent,
): Stripe.Charge.PaymentMethodDetails.Card {
  return {
    amount_authorized: input.failure ? null : pi.amount,
    authorization_code: input.failure ? null : "123456",
    brand: input.card.brand,
    checks: {
      address_line1_check: null,
      address_postal_code_check: null,
      cvc_check: "pass",
    },
    country: input.card.country,
    electronic_commerce_indicator: null,
    exp_month: 12,
    exp_year: 2034,
    funding: input.card.funding,
    installments: null,
    last4: input.card.last4,
    mandate: null,
    network: input.card.brand,
    network_transaction_id: input.failure ? null : "1234567890",
    regulated_status: "unregulated",
    three_d_secure: null,
    transaction_link_id: null,
    wallet: null,
  };
}
