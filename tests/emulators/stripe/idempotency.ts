/**
 * Stripe's idempotent requests: https://docs.stripe.com/api/idempotent_requests
 * - A POST with a key that was seen before replays the saved status and body
 *   (with `Idempotent-Replayed: true` and `Original-Request`).
 * - The same key on another endpoint or with other parameters is a 400
 *   `idempotency_error`.
 * - The same key while the first request still runs is a 409.
 * - Only requests whose endpoint started executing are saved: parameter
 *   validation failures are not (errors.ts marks them).
 * - Keys are pruned after 24 hours.
 */
import { StripeApiError } from "./errors";
import type { Clock } from "./state";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface SavedResponse {
  endpoint: string;
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
  savedAt: number;
}

export class IdempotencyStore {
  private readonly saved = new Map<string, SavedResponse>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** The saved response to replay, or null to run the request. */
  lookup(
    key: string,
    endpoint: string,
    fingerprint: string,
  ): SavedResponse | null {
    this.prune();
    const saved = this.saved.get(key);
    if (!saved) {
      if (this.inFlight.has(key)) throw inUse(key);
      return null;
    }

    if (saved.endpoint !== endpoint)
      throw otherEndpoint(key, saved.endpoint, endpoint);
    if (saved.fingerprint !== fingerprint) throw otherParams(key);
    return saved;
  }

  begin(key: string): void {
    this.inFlight.add(key);
  }

  isInFlight(key: string): boolean {
    return this.inFlight.has(key);
  }

  end(key: string): void {
    this.inFlight.delete(key);
  }

  save(key: string, response: Omit<SavedResponse, "savedAt">): void {
    this.saved.set(key, { ...response, savedAt: this.clock.now() });
  }

  clear(): void {
    this.saved.clear();
    this.inFlight.clear();
  }

  private prune(): void {
    const cutoff = this.clock.now() - IDEMPOTENCY_TTL_MS;
    for (const [key, saved] of this.saved) {
      if (saved.savedAt <= cutoff) this.saved.delete(key);
    }
  }
}

function otherParams(key: string): StripeApiError {
  return new StripeApiError(
    400,
    {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    },
    "validation",
  );
}

function otherEndpoint(
  key: string,
  first: string,
  now: string,
): StripeApiError {
  return new StripeApiError(
    400,
    {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${first}' vs '${now}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    },
    "validation",
  );
}

function inUse(key: string): StripeApiError {
  return new StripeApiError(
    409,
    {
      type: "invalid_request_error",
      code: "idempotency_key_in_use",
      message: `There is currently another in-progress request using this Stripe Idempotency-Key ('${key}'). Please try again later.`,
    },
    "validation",
    { "Stripe-Should-Retry": "true" },
  );
}
