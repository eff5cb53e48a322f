import Stripe from "stripe";
import { getEnv } from "../lib/env.server";

/**
 * A Stripe client for one shop's secret key. STRIPE_API_BASE_URL, when
 * set, sends its calls elsewhere than api.stripe.com (the sandbox's and the
 * tests' Stripe emulator). The library's own retries stay off: callers
 * retry with their idempotency keys, where they know it is safe.
 */
export function createStripeClient(secretKey: string): Stripe {
  const base = getEnv().STRIPE_API_BASE_URL;
  const endpoint = base ? new URL(base) : null;

  return new Stripe(secretKey, {
    maxNetworkRetries: 0,
    telemetry: false,
    ...(endpoint && {
      host: endpoint.hostname,
      port: Number(
        endpoint.port || (endpoint.protocol === "https:" ? 443 : 80),
      ),
      protocol: endpoint.protocol === "https:" ? "https" : "http",
    }),
  });
}
