/**
 * Events and their delivery to webhook endpoints, signed as Stripe signs
 * them: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`
 * with the endpoint's `whsec_` secret, so `stripe.webhooks.constructEvent`
 * accepts them. https://docs.stripe.com/webhooks#verify-manually
 *
 * Each attempt is re-signed with the clock's current time, like Stripe's
 * retries. The timestamp comes from the emulator clock: an app verifying
 * with a tolerance must read the same clock (or pass `receivedAt`).
 */
import { createHmac } from "node:crypto";
import type Stripe from "stripe";
import { clone, newId, seconds, type Clock } from "./state";

export interface WebhookEndpoint {
  url: string;
  /** `whsec_...`; the HMAC key is the whole string, as in Stripe. */
  secret: string;
  /** Event types to send; absent or ["*"] sends all. */
  enabledEvents?: string[];
}

/** Stripe's Event with the open `type` the SPT preview events need. */
export type EmulatorEvent = Omit<Stripe.EventBase, "type" | "data"> & {
  type: string;
  data: { object: unknown };
};

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  url: string;
  attempt: number;
  /** HTTP status, or null when the request failed. */
  status: number | null;
  error: string | null;
  at: number;
}

export interface WebhookRetryPolicy {
  /** Attempts in all, first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: WebhookRetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 50,
  maxDelayMs: 1_000,
};

export function signPayload(
  payload: string,
  secret: string,
  timestamp: number,
): string {
  const signature = createHmac("sha256", secret)
    .update(`${timestamp}.${payload}`, "utf8")
    .digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export function buildEvent(input: {
  type: string;
  object: unknown;
  clock: Clock;
  apiVersion: string;
  pendingWebhooks: number;
  request: { id: string | null; idempotency_key: string | null } | null;
}): EmulatorEvent {
  return {
    id: newId("evt"),
    object: "event",
    api_version: input.apiVersion,
    created: seconds(input.clock),
    data: { object: clone(input.object) },
    livemode: false,
    pending_webhooks: input.pendingWebhooks,
    request: input.request,
    type: input.type,
  };
}

export function subscribes(endpoint: WebhookEndpoint, type: string): boolean {
  const enabled = endpoint.enabledEvents;
  return !enabled || enabled.includes("*") || enabled.includes(type);
}

export interface DispatcherOptions {
  endpoints: WebhookEndpoint[];
  clock: Clock;
  retry: WebhookRetryPolicy;
  fetch: typeof fetch;
  /** "manual" holds deliveries until flush(), for step-by-step tests. */
  mode: "auto" | "manual";
}

export class WebhookDispatcher {
  readonly log: DeliveryAttempt[] = [];
  private readonly queued: Array<() => Promise<void>> = [];
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {}

  get endpoints(): WebhookEndpoint[] {
    return this.options.endpoints;
  }

  enqueue(event: EmulatorEvent, payload: string): void {
    for (const endpoint of this.endpoints) {
      if (!subscribes(endpoint, event.type)) continue;
      this.queued.push(() => this.deliver(event, payload, endpoint));
    }
    if (this.options.mode === "auto") this.startQueued();
  }

  /** Resolves when every queued delivery, retries included, has finished. */
  async flush(): Promise<void> {
    this.startQueued();
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
      this.startQueued();
    }
  }

  clear(): void {
    this.queued.length = 0;
    this.log.length = 0;
  }

  private startQueued(): void {
    for (const task of this.queued.splice(0)) {
      // After the current response: Stripe sends events asynchronously.
      const run = new Promise<void>((resolve) => setImmediate(resolve))
        .then(task)
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }
  }

  private async deliver(
    event: EmulatorEvent,
    payload: string,
    endpoint: WebhookEndpoint,
  ): Promise<void> {
    const { maxAttempts } = this.options.retry;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const ok = await this.attempt(event, payload, endpoint, attempt);
      if (ok) return;
      if (attempt < maxAttempts) await sleep(this.backoff(attempt));
    }
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    return Math.min(baseDelayMs * 2 ** (attempt - 1), maxDelayMs);
  }

  private async attempt(
    event: EmulatorEvent,
    payload: string,
    endpoint: WebhookEndpoint,
    attempt: number,
  ): Promise<boolean> {
    const at = seconds(this.options.clock);
    const entry = {
      eventId: event.id,
      type: event.type,
      url: endpoint.url,
      attempt,
      at,
    };

    try {
      const response = await this.options.fetch(endpoint.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signPayload(payload, endpoint.secret, at),
        },
        body: payload,
      });
      await response.arrayBuffer();
      this.log.push({ ...entry, status: response.status, error: null });
      return response.ok;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.push({ ...entry, status: null, error: message });
      return false;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
