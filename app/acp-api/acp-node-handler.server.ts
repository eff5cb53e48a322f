/**
 * The ACP API on Node's own HTTP server, in front of Remix (server.mjs):
 * reads the body up to the size limit, runs the pipeline, writes the
 * answer. Remix never sees these requests; its per-request cost would
 * dominate the hot path (design brief, last section).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRateLimiter } from "../acp/rate-limit";
import type { AdminGraphql } from "../shopify/admin-client.server";
import { warmUpValidators } from "../acp/schemas.server";
import { createCheckoutService } from "../checkout/checkout-sessions.server";
import { databaseFlavour } from "../lib/database-url";
import { getEnv } from "../lib/env.server";
import { logger } from "../lib/logger.server";
import { TtlCache } from "../lib/ttl-cache";
import { isShopServed } from "../shops/shop-lifecycle.server";
import { unauthenticated } from "../shopify.server";
import {
  handleAcpRequest,
  MAX_BODY_BYTES,
  type AcpDeps,
  type AcpHttpRequest,
} from "./handle-acp-request.server";

export function createAcpDeps(): AcpDeps {
  const now = () => new Date();
  const env = getEnv();

  return {
    checkout: createCheckoutService({
      graphqlFor: adminGraphqlCache(),
      now,
      // On SQLite this process is the only writer (one instance), so
      // sessions can be kept in memory; on PostgreSQL others write too.
      cacheSessions: databaseFlavour(env.DATABASE_URL) === "sqlite",
    }),
    rateLimiter: createRateLimiter(),
    isShopServed,
    appUrl: env.SHOPIFY_APP_URL,
    now,
    logger,
  };
}

/**
 * The Admin API client of a shop, kept a few seconds: building one reads
 * the shop's offline session from the database, on every create and
 * update otherwise. An uninstall stops the shop's ACP address as quickly
 * (shop-lifecycle.server.ts keeps the same few seconds).
 */
function adminGraphqlCache(ttlMs = 5_000) {
  const clients = new TtlCache<string, AdminGraphql>({ ttlMs });

  return (shop: string): Promise<AdminGraphql> =>
    clients.getOrLoad(shop, async () => {
      const { admin } = await unauthenticated.admin(shop);

      return admin.graphql;
    });
}

export function createAcpNodeHandler(deps: AcpDeps = createAcpDeps()) {
  // Compiling the official schemas takes about a second: do it at start,
  // not on the first agent's request.
  warmUpValidators();

  return async (req: IncomingMessage, res: ServerResponse) => {
    const request = await readRequest(req);
    const response = await handleAcpRequest(deps, request);
    res.writeHead(response.status, {
      ...response.headers,
      "Content-Length": Buffer.byteLength(response.body),
      // An oversized upload is not read: end the connection with it.
      ...(request.bodyTooLarge && { Connection: "close" }),
    });
    res.end(response.body);
  };
}

async function readRequest(req: IncomingMessage): Promise<AcpHttpRequest> {
  const { body, tooLarge } = hasBody(req)
    ? await readBody(req)
    : { body: EMPTY, tooLarge: false };
  const url = req.url ?? "/";
  const query = url.indexOf("?");

  return {
    method: req.method ?? "GET",
    path: query === -1 ? url : url.slice(0, query),
    header: (name) => headerValue(req.headers[name.toLowerCase()]),
    rawBody: body,
    bodyTooLarge: tooLarge,
  };
}

const EMPTY = Buffer.alloc(0);

/** A request without Content-Length or chunked encoding has no body. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];

  return (
    (length !== undefined && length !== "0") ||
    req.headers["transfer-encoding"] !== undefined
  );
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value.join(", ");

  return value ?? null;
}

/** Reads at most MAX_BODY_BYTES, and nothing of a body declared larger. */
async function readBody(req: IncomingMessage) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES)
    return { body: Buffer.alloc(0), tooLarge: true };

  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(buffer);
  }

  return { body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
}
