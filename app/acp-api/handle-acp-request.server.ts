/**
 * The ACP API's request pipeline, free of any web framework: route, shop,
 * API key, version, rate limit, signature, body, idempotency, schema, then
 * the checkout service, and the answer mapped back to the caller's version.
 * Every failure is an AcpError, answered in the protocol's flat Error shape;
 * anything unexpected becomes a logged, generic 500.
 */
import { randomUUID } from "node:crypto";
import { authenticateApiKey } from "../acp/api-keys.server";
import { findBodyLimitProblem } from "../acp/body-limits";
import { AcpError, errorBody } from "../acp/errors";
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  isValidIdempotencyKey,
} from "../acp/idempotency.server";
import type { RateLimiter } from "../acp/rate-limit";
import { UncanonicalBodyError } from "../acp/request-fingerprint";
import {
  verifyRequestSignature,
  type SignatureFailure,
} from "../acp/request-signature";
import {
  isApiVersion,
  LATEST_VERSION,
  parseApiVersion,
  type ApiVersion,
} from "../acp/versions";
import type { CheckoutService } from "../checkout/checkout-sessions.server";
import type { Logger } from "../lib/logger.server";
import {
  getRateLimitPerMinute,
  getRequestSigningSecret,
} from "../shops/shop-settings.server";
import { matchAcpRoute, type AcpRoute } from "./acp-routes";
import { discoveryResponse } from "./discovery-response";
import { runOperation } from "./run-operation.server";

export interface AcpHttpRequest {
  method: string;
  /** The path, without the query string. */
  path: string;
  header(name: string): string | null;
  rawBody: Buffer;
  /** Set when the body was cut off at the size limit. */
  bodyTooLarge: boolean;
}

export interface AcpHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AcpDeps {
  checkout: CheckoutService;
  rateLimiter: RateLimiter;
  isShopServed(shop: string): Promise<boolean>;
  /** The app's public URL, for the discovery document. */
  appUrl: string;
  now(): Date;
  /** Each request logs through a child of this, with its Request-Id. */
  logger: Logger;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export async function handleAcpRequest(
  deps: AcpDeps,
  request: AcpHttpRequest,
): Promise<AcpHttpResponse> {
  const started = performance.now();
  const requestId = requestIdOf(request);
  // Every line this request logs carries its Request-Id, and its shop once
  // the address names one.
  const scope = { log: deps.logger.child({ requestId }) };
  const version = versionForErrors(request);
  const response = await serve(deps, request, scope).catch((error: unknown) =>
    errorResponse(error, version, request, scope.log),
  );

  return withHeaders(response, {
    "Request-Id": requestId,
    "Server-Timing": serverTiming(response, performance.now() - started),
  });
}

async function serve(
  deps: AcpDeps,
  request: AcpHttpRequest,
  scope: { log: Logger },
): Promise<AcpHttpResponse> {
  const route = routeOf(request);
  const log = scope.log.child({ shop: route.shop });
  scope.log = log;
  if (!(await deps.isShopServed(route.shop))) throw AcpError.notFound("store");
  if (route.operation === "discovery") {
    return discoveryResponse(deps.appUrl, route.shop);
  }

  await authenticate(route, request, deps, log);
  const version = requireVersion(request);
  await checkSignature(route, request, deps);
  const body = parseBody(route, request);

  return idempotent(route, request, version, body, log, () =>
    runOperation(deps, route, version, body, log),
  );
}

function routeOf(request: AcpHttpRequest): AcpRoute {
  const match = matchAcpRoute(request.method, request.path);
  if (match.kind === "not_found") throw AcpError.notFound("address");
  if (match.kind === "method_not_allowed") {
    throw AcpError.methodNotAllowed(match.allowed);
  }

  return match.route;
}

async function authenticate(
  route: AcpRoute,
  request: AcpHttpRequest,
  deps: AcpDeps,
  log: Logger,
): Promise<void> {
  const key = await authenticateApiKey(
    route.shop,
    request.header("authorization"),
    deps.now(),
    log,
  );
  if (!key) throw AcpError.unauthorized();

  const limit = await getRateLimitPerMinute(route.shop);
  const decision = deps.rateLimiter.take(
    key.keyId,
    limit,
    deps.now().getTime(),
  );
  if (!decision.allowed) throw AcpError.rateLimited(decision.retryAfterSeconds);
}

function requireVersion(request: AcpHttpRequest): ApiVersion {
  const version = parseApiVersion(request.header("api-version"));
  if (version instanceof AcpError) throw version;

  return version;
}

/** When the merchant turned signing on, every request must be signed. */
async function checkSignature(
  route: AcpRoute,
  request: AcpHttpRequest,
  deps: AcpDeps,
) {
  const secret = await getRequestSigningSecret(route.shop);
  if (!secret) return;

  const result = verifyRequestSignature({
    secret,
    timestamp: request.header("timestamp"),
    signature: request.header("signature"),
    rawBody: request.rawBody,
    now: deps.now(),
  });
  if (!result.ok) throw signatureRejected(result.reason);
}

const SIGNATURE_PROBLEMS: Record<SignatureFailure, string> = {
  missing_signature: "This store requires signed requests (Signature).",
  missing_timestamp: "Signed requests need a Timestamp header.",
  bad_timestamp: "Timestamp must be an RFC 3339 date-time.",
  stale_timestamp: "Timestamp is more than 300 seconds from now.",
  bad_signature: "Signature does not match the request.",
};

function signatureRejected(reason: SignatureFailure): AcpError {
  return new AcpError({
    status: 401,
    code: reason,
    message: SIGNATURE_PROBLEMS[reason],
  });
}

/** The JSON body of a POST; undefined for GET and for an empty cancel. */
function parseBody(route: AcpRoute, request: AcpHttpRequest): unknown {
  if (request.method !== "POST") return undefined;
  if (request.bodyTooLarge) throw AcpError.bodyTooLarge(MAX_BODY_BYTES);

  const empty = request.rawBody.length === 0;
  if (empty && route.operation === "cancel") return undefined;
  if (empty) throw AcpError.missingField("$", "The request needs a JSON body.");
  if (!isJson(request.header("content-type"))) {
    throw AcpError.unsupportedMediaType();
  }

  let text: string;
  try {
    text = UTF8.decode(request.rawBody);
  } catch {
    throw AcpError.invalidJson("The request body is not valid UTF-8.");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw AcpError.invalidJson();
  }
  const problem = findBodyLimitProblem(body);
  if (problem) throw AcpError.invalidField(problem.param, problem.message);

  return body;
}

/** JSON is UTF-8 (RFC 8259 §8.1): other bytes are refused, not replaced. */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();

  return type === "application/json" || !!type?.endsWith("+json");
}

/**
 * Idempotency-Key is required on every POST from 2026-04-17 and honoured
 * when sent by earlier versions (spec notes §1.4).
 */
async function idempotent(
  route: AcpRoute,
  request: AcpHttpRequest,
  version: ApiVersion,
  body: unknown,
  log: Logger,
  run: () => Promise<AcpHttpResponse>,
): Promise<AcpHttpResponse> {
  if (request.method !== "POST") return run();

  const key = request.header("idempotency-key");
  if (key === null && version !== LATEST_VERSION) return run();
  if (!isValidIdempotencyKey(key)) throw AcpError.idempotencyKeyRequired();

  // The stored answer is in the first caller's version, so the version is
  // part of what must match for a replay.
  const decision = await beginIdempotentRequest({
    shop: route.shop,
    endpoint: route.endpoint,
    key,
    body: { api_version: version, body },
    log,
  }).catch((error: unknown) => {
    // JSON.parse accepts lone surrogates; RFC 8785 cannot fingerprint them.
    if (error instanceof UncanonicalBodyError) {
      throw AcpError.invalidField("$", "The body is not valid Unicode text.");
    }
    throw error;
  });
  if (decision.kind === "conflict") throw AcpError.idempotencyConflict();
  if (decision.kind === "in_flight") {
    throw AcpError.idempotencyInFlight(decision.retryAfterSeconds);
  }
  if (decision.kind === "replay") {
    return replayed(decision.status, decision.body, key);
  }

  const response = await runRecorded(decision.recordId, run, version, log);

  return withHeaders(response, { "Idempotency-Key": key });
}

/** Runs the request and records its answer, a failure's included. */
async function runRecorded(
  recordId: string,
  run: () => Promise<AcpHttpResponse>,
  version: ApiVersion,
  log: Logger,
): Promise<AcpHttpResponse> {
  let response: AcpHttpResponse;
  try {
    response = await run();
  } catch (error) {
    const failure = AcpError.from(error);
    await completeIdempotentRequest(
      recordId,
      failure.status,
      JSON.stringify(errorBody(failure, version)),
      { log },
    );
    throw error;
  }
  await completeIdempotentRequest(recordId, response.status, response.body, {
    log,
  });

  return response;
}

function replayed(status: number, body: string, key: string): AcpHttpResponse {
  return textResponse(status, body, {
    "Idempotency-Key": key,
    "Idempotent-Replayed": "true",
  });
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): AcpHttpResponse {
  return textResponse(status, JSON.stringify(body), headers);
}

/** A JSON answer whose body is already serialized. */
export function textResponse(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): AcpHttpResponse {
  return {
    status,
    headers: { "Content-Type": "application/json", ...headers },
    body,
  };
}

function withHeaders(
  response: AcpHttpResponse,
  headers: Record<string, string>,
): AcpHttpResponse {
  return { ...response, headers: { ...response.headers, ...headers } };
}

function errorResponse(
  error: unknown,
  version: ApiVersion,
  request: AcpHttpRequest,
  log: Logger,
): AcpHttpResponse {
  const failure = AcpError.from(error);
  if (!(error instanceof AcpError)) {
    log.error("ACP request failed", {
      method: request.method,
      path: request.path,
      error: error instanceof Error ? error.stack : String(error),
    });
  } else if (failure.status >= 500) {
    log.warn("ACP request answered with a server error", {
      code: failure.code,
    });
  }

  return jsonResponse(failure.status, errorBody(failure, version), {
    ...failure.headers,
  });
}

/**
 * How long the app took, and how much of it was Shopify's: lets a load
 * test tell the app's own latency from its upstream's.
 * https://www.w3.org/TR/server-timing/
 */
function serverTiming(response: AcpHttpResponse, totalMs: number): string {
  const shopify = response.headers["Server-Timing"];
  const total = `total;dur=${totalMs.toFixed(2)}`;

  return shopify ? `${shopify}, ${total}` : total;
}

/** Errors speak the caller's version when it named a valid one. */
function versionForErrors(request: AcpHttpRequest): ApiVersion {
  const header = request.header("api-version")?.trim() ?? "";

  return isApiVersion(header) ? header : LATEST_VERSION;
}

/** The caller's Request-Id when it is a sane token, else a new one. */
function requestIdOf(request: AcpHttpRequest): string {
  const given = request.header("request-id");
  if (given && /^[\w.:-]{1,128}$/.test(given)) return given;

  // randomUUID draws from a pooled buffer: far cheaper per call than
  // randomBytes on this hot path.
  return `req_${randomUUID().replaceAll("-", "")}`;
}
