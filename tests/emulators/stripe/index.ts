/**
 * A Stripe emulator for the app's tests and sandbox: PaymentIntents with
 * shared payment granted tokens, capture, cancel, refunds, signed webhooks,
 * idempotency and faults, in Stripe's wire shapes. See README.md.
 */
export {
  createStripeEmulator,
  DEFAULT_STRIPE_TEST_KEY,
  EMULATED_API_VERSION,
  type Outcome,
  type StripeEmulator,
  type StripeEmulatorOptions,
} from "./emulator";
export {
  startStripeEmulatorServer,
  type ServerOptions,
  type StripeEmulatorServer,
} from "./server";
export type { Fault, FaultAction } from "./faults";
export { IDEMPOTENCY_TTL_MS } from "./idempotency";
export {
  createManualClock,
  systemClock,
  type Clock,
  type GrantedToken,
  type ManualClock,
} from "./state";
export { TEST_CARDS } from "./test-cards";
export {
  signPayload,
  type DeliveryAttempt,
  type EmulatorEvent,
  type WebhookEndpoint,
  type WebhookRetryPolicy,
} from "./webhooks";
