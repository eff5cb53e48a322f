/**
 * Stripe's test PaymentMethods and what confirming each one does.
 * https://docs.stripe.com/testing#cards and #declined-payments
 * A granted token made from one of these carries its behaviour.
 */

export type CardOutcome =
  | { kind: "success" }
  | { kind: "decline"; code: string; declineCode: string; message: string }
  | { kind: "authentication_required" };

export interface TestCard {
  brand: string;
  last4: string;
  country: string;
  funding: string;
  outcome: CardOutcome;
}

const GENERIC_DECLINE: CardOutcome = {
  kind: "decline",
  code: "card_declined",
  declineCode: "generic_decline",
  message: "Your card was declined.",
};

const visa = (last4: string, outcome: CardOutcome): TestCard => ({
  brand: "visa",
  last4,
  country: "US",
  funding: "credit",
  outcome,
});

const SUCCESS: CardOutcome = { kind: "success" };

export const TEST_CARDS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: visa("4242", SUCCESS),
  pm_card_visa_debit: { ...visa("5556", SUCCESS), funding: "debit" },
  pm_card_mastercard: { ...visa("4444", SUCCESS), brand: "mastercard" },
  pm_card_amex: { ...visa("8431", SUCCESS), brand: "amex" },
  pm_card_chargeDeclined: visa("0002", GENERIC_DECLINE),
  pm_card_visa_chargeDeclinedInsufficientFunds: visa("9995", {
    kind: "decline",
    code: "card_declined",
    declineCode: "insufficient_funds",
    message: "Your card has insufficient funds.",
  }),
  pm_card_visa_chargeDeclinedLostCard: visa("9987", {
    kind: "decline",
    code: "card_declined",
    declineCode: "lost_card",
    message: "Your card was declined.",
  }),
  pm_card_chargeDeclinedFraudulent: visa("0019", {
    kind: "decline",
    code: "card_declined",
    declineCode: "fraudulent",
    message: "Your card was declined.",
  }),
  pm_card_chargeDeclinedExpiredCard: visa("0069", {
    kind: "decline",
    code: "expired_card",
    declineCode: "expired_card",
    message: "Your card has expired.",
  }),
  pm_card_chargeDeclinedIncorrectCvc: visa("0127", {
    kind: "decline",
    code: "incorrect_cvc",
    declineCode: "incorrect_cvc",
    message: "Your card's security code is incorrect.",
  }),
  pm_card_chargeDeclinedProcessingError: visa("0119", {
    kind: "decline",
    code: "processing_error",
    declineCode: "processing_error",
    message:
      "An error occurred while processing your card. Try again in a little bit.",
  }),
  // 4000 0027 6000 3184: authentication on every transaction.
  pm_card_authenticationRequired: visa("3184", {
    kind: "authentication_required",
  }),
  pm_card_threeDSecure2Required: visa("3220", {
    kind: "authentication_required",
  }),
};

/** What a forced decline fault returns, by decline code. */
export function declineOutcome(declineCode: string): CardOutcome {
  if (declineCode === "generic_decline") return GENERIC_DECLINE;
  return {
    kind: "decline",
    code: "card_declined",
    declineCode,
    message:
      declineCode === "insufficient_funds"
        ? "Your card has insufficient funds."
        : "Your card was declined.",
  };
}
