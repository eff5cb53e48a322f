/**
 * Refunds of captured charges, full or partial, named by payment_intent or
 * charge. https://docs.stripe.com/api/refunds
 * Card refunds in test mode succeed at once.
 */
import type Stripe from "stripe";
import type { Handler, RequestContext } from "./context";
import { invalidRequest, invalidState, notFound } from "./errors";
import { mergeMetadata, type Params } from "./params";
import { newId, remember, seconds } from "./state";

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

export const createRefund: Handler = (ctx, params) => {
  params.allowOnly(
    ["payment_intent", "charge", "amount", "reason", "metadata", "expand"],
    [
      "currency",
      "customer",
      "instructions_email",
      "origin",
      "refund_application_fee",
      "reverse_transfer",
    ],
  );

  const charge = chargeToRefund(ctx, params);
  const refundable = charge.amount_captured - charge.amount_refunded;
  const amount = params.integer("amount") ?? refundable;
  const reason = params.oneOf("reason", REASONS) ?? null;
  checkRefundable(charge, amount, refundable);

  const refund = newRefund(ctx, charge, amount, reason);
  refund.metadata = mergeMetadata({}, params.metadata("metadata"));
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded >= charge.amount_captured;

  ctx.emit("refund.created", refund);
  ctx.emit("charge.refunded", charge);
  return refund;
};

export const retrieveRefund: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand"]);
  const refund = ctx.state.refunds.get(id);
  if (!refund) throw notFound("refund", id);
  return refund;
};

function chargeToRefund(ctx: RequestContext, params: Params): Stripe.Charge {
  const piId = params.string("payment_intent");
  const chargeId = params.string("charge");
  if (piId === undefined && chargeId === undefined) {
    throw invalidRequest({
      message:
        "One of the following params should be provided for this request: payment_intent or charge.",
    });
  }

  if (chargeId !== undefined) {
    const charge = ctx.state.charges.get(chargeId);
    if (!charge) throw notFound("charge", chargeId, "charge");
    return charge;
  }
  return chargeOfPaymentIntent(ctx, piId ?? "");
}

function chargeOfPaymentIntent(
  ctx: RequestContext,
  piId: string,
): Stripe.Charge {
  const pi = ctx.state.paymentIntents.get(piId);
  if (!pi) throw notFound("payment_intent", piId, "payment_intent");

  const charge = ctx.state.charges.get(String(pi.latest_charge));
  if (pi.status !== "succeeded" || !charge) {
    throw invalidState({
      message: `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`,
      param: "payment_intent",
    });
  }
  return charge;
}

function checkRefundable(
  charge: Stripe.Charge,
  amount: number,
  refundable: number,
): void {
  if (!charge.captured) {
    throw invalidState({
      message: `Charge ${charge.id} has not been captured; cancel its PaymentIntent to release the funds.`,
      param: "charge",
    });
  }
  if (charge.refunded || refundable <= 0) {
    throw invalidState({
      code: "charge_already_refunded",
      message: `Charge ${charge.id} has already been refunded.`,
    });
  }
  if (amount <= 0) {
    throw invalidRequest({
      message: "Refund amount must be a positive integer.",
      param: "amount",
    });
  }
  if (amount > refundable) {
    throw invalidState({
      code: "amount_too_large",
      message: `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(refundable, charge.currency)})`,
      param: "amount",
    });
  }
}

function money(amount: number, currency: string): string {
  return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

function newRefund(
  ctx: RequestContext,
  charge: Stripe.Charge,
  amount: number,
  reason: Stripe.Refund.Reason | null,
): Stripe.Refund {
  const refund: Stripe.Refund = {
    id: newId("re"),
    object: "refund",
    amount,
    application: null,
    balance_transaction: newId("txn"),
    charge: charge.id,
    created: seconds(ctx.clock),
    currency: charge.currency,
    customer: null,
    customer_account: null,
    destination_details: {
      card: {
        reference_status: "pending",
        reference_type: "acquirer_reference_number",
        type: "refund",
      },
      type: "card",
    },
    metadata: {},
    payment_intent:
      typeof charge.payment_intent === "string" ? charge.payment_intent : null,
    payment_method: charge.payment_method,
    reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: "succeeded",
    transfer_reversal: null,
  };

  ctx.state.refunds.set(refund.id, refund);
  remember(ctx.state, refund.id);
  return refund;
}
