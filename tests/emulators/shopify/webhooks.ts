/**
 * Webhook delivery as Shopify does it (notes on the Admin API, §4.5): a JSON
 * POST per subscription, signed with the app's secret over the raw body,
 * retried with the same webhook id until the app answers 2xx. Every
 * attempt is logged so tests can see duplicates and failures.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { WebhookEmitter } from "./context";
import type { ShopState } from "./store";

export interface WebhookSubscriptionOption {
  /** "app/uninstalled", "customers/redact", ... */
  topic: string;
  /** A path on the app ("/webhooks/app/uninstalled") or an absolute URL. */
  uri: string;
}

export interface WebhookDispatcherOptions {
  apiSecret: string;
  appUrl: string;
  /** The `api_version` of the app's webhook configuration. */
  apiVersion: string;
  subscriptions: WebhookSubscriptionOption[];
  /** Where deliveries go; the global fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
  /** Waits between attempts; one attempt more than there are delays. */
  retryDelaysMs?: number[];
  now: () => Date;
}

export interface WebhookAttempt {
  status: number | null;
  error: string | null;
}

export interface WebhookDelivery {
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  attempts: WebhookAttempt[];
  state: "pending" | "delivered" | "failed";
}

const defaultRetryDelaysMs = [100, 400, 1600];

export class WebhookDispatcher implements WebhookEmitter {
  private readonly deliveries: WebhookDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: WebhookDispatcherOptions) {}

  emit(shop: ShopState, topic: string, payload: unknown): void {
    for (const url of this.urlsFor(shop, topic)) {
      const delivery = this.prepare(shop.domain, topic, url, payload);
      this.deliveries.push(delivery);
      this.track(this.deliver(delivery));
    }
  }

  /** Every delivery so far, oldest first. */
  log(): readonly WebhookDelivery[] {
    return this.deliveries;
  }

  clearLog(): void {
    this.deliveries.length = 0;
  }

  /** Resolves once every delivery has succeeded or run out of retries. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  urlsFor(shop: ShopState, topic: string): string[] {
    const configured = this.options.subscriptions
      .filter((s) => s.topic === topic)
      .map((s) => new URL(s.uri, this.options.appUrl).toString());
    const created = shop.webhookSubscriptions
      .filter((s) => topicFromEnum(s.topic) === topic)
      .map((s) => s.callbackUrl);

    return [...new Set([...configured, ...created])];
  }

  private prepare(
    shop: string,
    topic: string,
    url: string,
    payload: unknown,
  ): WebhookDelivery {
    const body = JSON.stringify(payload);
    const webhookId = randomUUID();
    const eventId = randomUUID();

    const headers = {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": signWebhookBody(body, this.options.apiSecret),
      "x-shopify-shop-domain": shop,
      "x-shopify-api-version": this.options.apiVersion,
      "x-shopify-webhook-id": webhookId,
      "x-shopify-triggered-at": this.options.now().toISOString(),
      "x-shopify-event-id": eventId,
    };

    return {
      webhookId,
      eventId,
      topic,
      shop,
      url,
      body,
      headers,
      attempts: [],
      state: "pending",
    };
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const delays = this.options.retryDelaysMs ?? defaultRetryDelaysMs;

    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      if (attempt > 0) await sleep(delays[attempt - 1] ?? 0);

      const result = await this.attempt(delivery);
      delivery.attempts.push(result);
      if (result.status !== null && result.status < 300) {
        delivery.state = "delivered";
        return;
      }
    }

    delivery.state = "failed";
  }

  private async attempt(delivery: WebhookDelivery): Promise<WebhookAttempt> {
    const send = this.options.fetch ?? ((request: Request) => fetch(request));
    const request = new Request(delivery.url, {
      method: "POST",
      headers: delivery.headers,
      body: delivery.body,
    });

    try {
      const response = await send(request);
      // Drain the body so keep-alive sockets are released.
      await response.arrayBuffer().catch(() => undefined);

      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: String(error) };
    }
  }

  private track(promise: Promise<void>): void {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
  }
}

/** base64 HMAC-SHA256 of the raw body: X-Shopify-Hmac-Sha256. */
export function signWebhookBody(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

/** Resources whose name holds an underscore before the action. */
const compoundResources = [
  "BULK_OPERATIONS",
  "INVENTORY_LEVELS",
  "INVENTORY_ITEMS",
  "DRAFT_ORDERS",
  "ORDER_TRANSACTIONS",
  "FULFILLMENT_ORDERS",
  "FULFILLMENT_EVENTS",
  "PRODUCT_LISTINGS",
  "PRODUCT_FEEDS",
  "PRODUCT_PUBLICATIONS",
  "APP_SUBSCRIPTIONS",
  "APP_PURCHASES_ONE_TIME",
  "SELLING_PLAN_GROUPS",
  "CUSTOMER_GROUPS",
  "SHIPPING_ADDRESSES",
];

/** WebhookSubscriptionTopic value to topic name: ORDERS_PAID → orders/paid. */
export function topicFromEnum(value: string): string {
  const resource =
    compoundResources.find((prefix) => value.startsWith(`${prefix}_`)) ??
    value.slice(0, value.indexOf("_"));
  const action = value.slice(resource.length + 1);

  return `${resource}/${action}`.toLowerCase();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
