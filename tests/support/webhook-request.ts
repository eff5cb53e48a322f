import { createHmac, randomUUID } from "node:crypto";

export interface WebhookRequestOptions {
  topic: string;
  shop: string;
  payload: unknown;
  /** Defaults to the test app's secret. */
  secret?: string;
  path?: string;
}

/** A webhook POST signed the way Shopify signs them. */
export function signedWebhookRequest(options: WebhookRequestOptions) {
  const body = JSON.stringify(options.payload);
  const secret = options.secret ?? process.env.SHOPIFY_API_SECRET ?? "";
  const hmac = createHmac("sha256", secret).update(body).digest("base64");
  const path = options.path ?? `/webhooks/${options.topic}`;

  return new Request(`${process.env.SHOPIFY_APP_URL}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": options.topic,
      "X-Shopify-Shop-Domain": options.shop,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-API-Version": "2026-07",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
      "X-Shopify-Event-Id": randomUUID(),
    },
  });
}
