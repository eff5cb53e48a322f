/**
 * The emulator's memory: one test-mode Stripe account. Objects are stored in
 * Stripe's own shapes (the `stripe` package's types where it has them), so
 * a response is the stored object, expanded on the way out.
 */
import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import type { TestCard } from "./test-cards";
import type { EmulatorEvent } from "./webhooks";

export interface Clock {
  /** Milliseconds since the epoch, like Date.now(). */
  now(): number;
}

export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export function createManualClock(startMs = Date.now()): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/**
 * SharedPaymentGrantedToken as the notes (§1.1) describe it; the `stripe`
 * package 23.2.0 has no type for it (only the beta SDK does).
 */
export interface GrantedToken {
  id: string;
  object: "shared_payment.granted_token";
  agent_details: { network_business_profile: string | null };
  created: number;
  deactivated_at: number | null;
  deactivated_reason: "consumed" | "expired" | "resolved" | "revoked" | null;
  livemode: false;
  payment_method_details: {
    type: "card";
    billing_details: Stripe.PaymentMethod.BillingDetails;
    card: GrantedTokenCard;
  } | null;
  risk_details: {
    insights: Record<
      | "bot"
      | "card_issuer_decline"
      | "card_testing"
      | "fraudulent_dispute"
      | "stolen_card",
      { score: number; recommended_action: string }
    >;
  };
  shared_metadata: Record<string, string> | null;
  usage_details: {
    amount_captured: { currency: string; value: number } | null;
  };
  usage_limits: {
    currency: string;
    expires_at: number | null;
    max_amount: number;
  };
}

export interface GrantedTokenCard {
  brand: string;
  country: string;
  display_brand: string;
  exp_month: number;
  exp_year: number;
  funding: string;
  last4: string;
  wallet: null;
}

/** The 23.2.0 type lacks the field the SPT preview adds to PaymentMethods. */
export type EmulatedPaymentMethod = Stripe.PaymentMethod & {
  shared_payment_granted_token: string | null;
};

export interface StoredEvent {
  event: EmulatorEvent;
  /** The exact JSON delivered and served, so signatures stay valid. */
  payload: string;
}

export interface EmulatorState {
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  paymentMethods: Map<string, EmulatedPaymentMethod>;
  /** The test card behind each PaymentMethod: what confirming it does. */
  testCards: Map<string, TestCard>;
  grantedTokens: Map<string, GrantedToken>;
  events: Map<string, StoredEvent>;
  /** The PaymentMethod each granted token was made from. */
  paymentMethodOfToken: Map<string, string>;
  /** Insertion order breaks ties in `created` for list pagination. */
  sequence: Map<string, number>;
  nextSequence: number;
}

export function createState(): EmulatorState {
  return {
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    paymentMethods: new Map(),
    testCards: new Map(),
    grantedTokens: new Map(),
    events: new Map(),
    paymentMethodOfToken: new Map(),
    sequence: new Map(),
    nextSequence: 0,
  };
}

export function remember(state: EmulatorState, id: string): void {
  state.sequence.set(id, state.nextSequence++);
}

const ALPHABET =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `pi_3Q...` style ids: a prefix and 24 base-62 characters. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

export function seconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
