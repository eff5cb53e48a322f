/**
 * Requests to the ACP pipeline in-process, as an agent would send them:
 * bearer key, API-Version, Idempotency-Key, and a signature when the shop
 * asks for one.
 */
import { randomUUID } from "node:crypto";
import { createRateLimiter } from "../../app/acp/rate-limit";
import { signRequest } from "../../app/acp/request-signature";
import {
  handleAcpRequest,
  type AcpDeps,
  type AcpHttpRequest,
  type AcpHttpResponse,
} from "../../app/acp-api/handle-acp-request.server";
import { createApiKey } from "../../app/acp/api-keys.server";
import { db } from "../../app/lib/db.server";
import { logger } from "../../app/lib/logger.server";
import { isShopServed } from "../../app/shops/shop-lifecycle.server";
import { clearShopConfigCacheForTests } from "../../app/shops/shop-settings.server";
import { createCheckoutHarness, type CheckoutHarness } from "./checkout";
import { TEST_SHOP } from "./shopify";

export interface AcpCall {
  method?: string;
  path: string;
  body?: unknown;
  /** Sent as is instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  headers?: Record<string, string | undefined>;
  /** Signs the request with this secret (Timestamp + Signature). */
  signWith?: string;
  bodyTooLarge?: boolean;
}

export interface AcpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export function createAcpDepsFor(harness: CheckoutHarness): AcpDeps {
  return {
    checkout: harness.service,
    rateLimiter: createRateLimiter(),
    isShopServed,
    appUrl: "https://acp-bridge.test",
    now: () => harness.clock.now,
    logger,
  };
}

export interface AgentShop {
  h: CheckoutHarness;
  deps: AcpDeps;
  /** An API key of the demo shop. */
  apiKey: string;
}

/**
 * A fresh demo shop an agent can call: no sessions, keys or settings left
 * from an earlier test, the checkout harness, and one API key.
 */
export async function setUpAgentShop(): Promise<AgentShop> {
  await db.checkoutSession.deleteMany();
  await db.idempotencyRecord.deleteMany();
  await db.apiKey.deleteMany();
  await db.shop.deleteMany();
  clearShopConfigCacheForTests();
  const h = await createCheckoutHarness();
  const { key } = await createApiKey(TEST_SHOP, "Agent");

  return { h, deps: createAcpDepsFor(h), apiKey: key };
}

export function acpRequest(call: AcpCall, now: Date): AcpHttpRequest {
  const raw =
    call.rawBody ?? (call.body === undefined ? "" : JSON.stringify(call.body));
  const signed = call.signWith
    ? signRequest({ secret: call.signWith, rawBody: raw, now })
    : undefined;
  const headers = new Headers();
  const all = {
    "content-type": raw ? "application/json" : undefined,
    ...(signed && { timestamp: signed.timestamp, signature: signed.signature }),
    ...call.headers,
  };
  for (const [name, value] of Object.entries(all)) {
    if (value !== undefined) headers.set(name, value);
  }

  return {
    method: call.method ?? (raw === "" ? "GET" : "POST"),
    path: call.path,
    header: (name) => headers.get(name),
    rawBody: Buffer.from(raw),
    bodyTooLarge: call.bodyTooLarge ?? false,
  };
}

export async function sendAcp(
  deps: AcpDeps,
  call: AcpCall,
): Promise<AcpAnswer> {
  const response: AcpHttpResponse = await handleAcpRequest(
    deps,
    acpRequest(call, deps.now()),
  );

  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(response.body) as Record<string, unknown>,
  };
}

/** Headers of a well-formed 2026-04-17 POST with a fresh key. */
export function agentHeaders(
  apiKey: string,
  overrides: Record<string, string | undefined> = {},
) {
  return {
    authorization: `Bearer ${apiKey}`,
    "api-version": "2026-04-17",
    "idempotency-key": randomUUID(),
    ...overrides,
  };
}
