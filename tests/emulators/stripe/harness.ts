/**
 * Test harness: the emulator on a free port, a real `stripe` client pointed
 * at it, and a webhook receiver that records what arrives.
 *
 * stripe 23.2.0 has no typed methods or params for shared payment tokens
 * (they exist only in the beta SDK, notes §3), so the token helpers and the
 * token charge go through `stripe.rawRequest`, which sends the same form
 * encoding.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import {
  createStripeEmulator,
  DEFAULT_STRIPE_TEST_KEY,
  startStripeEmulatorServer,
  type GrantedToken,
  type StripeEmulator,
  type StripeEmulatorOptions,
  type StripeEmulatorServer,
} from "./index";

export interface Harness {
  emulator: StripeEmulator;
  server: StripeEmulatorServer;
  stripe: Stripe;
  client(config?: Stripe.StripeConfig): Stripe;
  close(): Promise<void>;
}

export async function startHarness(
  options: StripeEmulatorOptions = {},
): Promise<Harness> {
  const emulator = createStripeEmulator(options);
  const server = await startStripeEmulatorServer(emulator, { port: 0 });
  const client = (config: Stripe.StripeConfig = {}) =>
    new Stripe(DEFAULT_STRIPE_TEST_KEY, {
      host: server.host,
      port: server.port,
      protocol: "http",
      maxNetworkRetries: 0,
      telemetry: false,
      ...config,
    });

  return {
    emulator,
    server,
    stripe: client(),
    client,
    close: () => server.close(),
  };
}

export interface TokenInput {
  payment_method?: string;
  currency?: string;
  max_amount?: number;
  expires_at?: number;
  shared_metadata?: Record<string, string>;
}

export async function grantToken(
  stripe: Stripe,
  input: TokenInput = {},
): Promise<GrantedToken> {
  const usageLimits: Record<string, string | number> = {
    currency: input.currency ?? "usd",
    max_amount: input.max_amount ?? 10_000,
  };
  if (input.expires_at !== undefined)
    usageLimits["expires_at"] = input.expires_at;

  return stripe.rawRequest(
    "POST",
    "/v1/test_helpers/shared_payment/granted_tokens",
    {
      payment_method: input.payment_method ?? "pm_card_visa",
      usage_limits: usageLimits,
      ...(input.shared_metadata
        ? { shared_metadata: input.shared_metadata }
        : {}),
    },
  );
}

export interface TokenCharge {
  token: string;
  amount: number;
  currency?: string;
  capture_method?: "manual" | "automatic" | "automatic_async";
  metadata?: Record<string, string>;
}

/** Create + confirm with the token, as the app does (notes §3). */
export async function chargeToken(
  stripe: Stripe,
  input: TokenCharge,
  options: Stripe.RawRequestOptions = {},
): Promise<Stripe.Response<Stripe.PaymentIntent>> {
  return stripe.rawRequest(
    "POST",
    "/v1/payment_intents",
    {
      amount: input.amount,
      currency: input.currency ?? "usd",
      confirm: true,
      capture_method: input.capture_method ?? "manual",
      payment_method_data: { shared_payment_granted_token: input.token },
      ...(input.metadata ? { metadata: input.metadata } : {}),
    },
    options,
  );
}

/** Runs `fn` expecting a Stripe error, and returns it. */
export async function stripeError(
  fn: () => Promise<unknown>,
): Promise<Stripe.errors.StripeError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected a Stripe error, got a success");
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer in turn; 200 once they run out. */
  respondWith: number[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const respondWith: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(respondWith.shift() ?? 200).end();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    received,
    respondWith,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
