/**
 * POST /admin/oauth/access_token with the token-exchange grant: the app
 * trades an App Bridge session token (an HS256 JWT signed with the app's
 * secret) for an offline or online access token. Answers follow shopify.dev
 * "Exchange a session token for an access token".
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { AccessTokenRecord, ShopState } from "./store";

export const tokenExchangeGrant =
  "urn:ietf:params:oauth:grant-type:token-exchange";
export const offlineTokenType =
  "urn:shopify:params:oauth:token-type:offline-access-token";
export const onlineTokenType =
  "urn:shopify:params:oauth:token-type:online-access-token";

/** App Bridge and @shopify/shopify-api allow ten seconds of clock skew. */
const clockToleranceSeconds = 10;
const onlineTokenLifetimeSeconds = 86_399;

export interface AppCredentials {
  apiKey: string;
  apiSecret: string;
}

export interface SessionTokenPayload {
  iss: string;
  dest: string;
  aud: string;
  sub?: string;
  exp: number;
  nbf: number;
  iat: number;
  jti?: string;
  sid?: string;
}

export type VerifiedToken =
  { ok: true; payload: SessionTokenPayload } | { ok: false; reason: string };

export function verifySessionToken(
  token: string,
  app: AppCredentials,
  shopDomain: string,
  now: Date,
): VerifiedToken {
  const [header, body, signature] = token.split(".");
  if (!header || !body || !signature) return failure("malformed token");

  if (decodePart(header)?.["alg"] !== "HS256") return failure("bad alg");
  const expected = createHmac("sha256", app.apiSecret)
    .update(`${header}.${body}`)
    .digest();
  if (!sameBytes(expected, Buffer.from(signature, "base64url"))) {
    return failure("signature verification failed");
  }

  const payload = decodePart(body) as SessionTokenPayload | null;
  if (!payload) return failure("malformed payload");

  return checkClaims(payload, app, shopDomain, now);
}

function checkClaims(
  payload: SessionTokenPayload,
  app: AppCredentials,
  shopDomain: string,
  now: Date,
): VerifiedToken {
  const seconds = now.getTime() / 1000;

  if (payload.exp + clockToleranceSeconds < seconds) {
    return failure("token expired");
  }
  if (payload.nbf - clockToleranceSeconds > seconds) {
    return failure("token not yet valid");
  }
  if (payload.aud !== app.apiKey) return failure("audience mismatch");
  if (payload.dest !== `https://${shopDomain}`) {
    return failure("destination mismatch");
  }

  return { ok: true, payload };
}

function failure(reason: string): VerifiedToken {
  return { ok: false, reason };
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(part, "base64url").toString("utf8"),
    );
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newAccessToken(online: boolean): string {
  return `${online ? "shpua" : "shpat"}_${randomBytes(16).toString("hex")}`;
}

/** The shop's offline token, issued on first install and kept after. */
export function ensureOfflineToken(
  shop: ShopState,
  scopes: string[],
): AccessTokenRecord {
  const existing = shop.accessTokens.find((t) => !t.online);
  if (existing) return existing;

  const record = { token: newAccessToken(false), scopes, online: false };
  shop.accessTokens.push(record);

  return record;
}

export interface ExchangeSettings extends AppCredentials {
  scopes: string[];
  now: () => Date;
}

/** Handles the token request for a shop the emulator knows. */
export async function exchangeToken(
  request: Request,
  shop: ShopState,
  settings: ExchangeSettings,
): Promise<Response> {
  const params = await readParams(request);

  if (
    params["client_id"] !== settings.apiKey ||
    params["client_secret"] !== settings.apiSecret
  ) {
    return oauthError(401, "invalid_client", "Client credentials are invalid");
  }
  if (params["grant_type"] !== tokenExchangeGrant) {
    return oauthError(400, "unsupported_grant_type", "Unsupported grant");
  }

  const verified = verifySessionToken(
    params["subject_token"] ?? "",
    settings,
    shop.domain,
    settings.now(),
  );
  if (!verified.ok) {
    return oauthError(400, "invalid_subject_token", verified.reason);
  }

  return Response.json(issue(shop, settings, params, verified.payload));
}

function issue(
  shop: ShopState,
  settings: ExchangeSettings,
  params: Record<string, string>,
  payload: SessionTokenPayload,
): Record<string, unknown> {
  const offline = ensureOfflineToken(shop, settings.scopes);
  const scope = offline.scopes.join(",");
  if (params["requested_token_type"] !== onlineTokenType) {
    return { access_token: offline.token, scope };
  }

  const online = {
    token: newAccessToken(true),
    scopes: offline.scopes,
    online: true,
  };
  shop.accessTokens.push(online);

  return {
    access_token: online.token,
    scope,
    expires_in: onlineTokenLifetimeSeconds,
    associated_user_scope: scope,
    session: payload.sid ?? null,
    associated_user: staffMember(shop, payload),
  };
}

function staffMember(shop: ShopState, payload: SessionTokenPayload) {
  return {
    id: Number(payload.sub ?? 1),
    first_name: "Shop",
    last_name: "Owner",
    email: shop.email,
    account_owner: true,
    locale: "en",
    collaborator: false,
    email_verified: true,
  };
}

async function readParams(request: Request): Promise<Record<string, string>> {
  const text = await request.text();
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("json")) {
    return Object.fromEntries(new URLSearchParams(text));
  }

  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null
      ? (parsed as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

function oauthError(status: number, error: string, description: string) {
  return Response.json({ error, error_description: description }, { status });
}
