/**
 * Session tokens as App Bridge hands them to an embedded app: HS256 JWTs
 * signed with the app's secret, for a shop and a staff member.
 * https://shopify.dev/docs/apps/build/authentication-authorization/session-tokens
 */
import { createHmac, randomUUID } from "node:crypto";

export interface SessionTokenOptions {
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** The staff member's id; Shopify's is numeric. */
  userId?: string;
  lifetimeSeconds?: number;
  now?: Date;
}

export function mintSessionToken(options: SessionTokenOptions): string {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const payload = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: options.userId ?? "42",
    exp: issuedAt + (options.lifetimeSeconds ?? 60),
    nbf: issuedAt,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomUUID(),
  };
  const unsigned = [{ alg: "HS256", typ: "JWT" }, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
    .join(".");
  const signature = createHmac("sha256", options.apiSecret)
    .update(unsigned)
    .digest("base64url");

  return `${unsigned}.${signature}`;
}

/** The `host` query parameter the admin gives an embedded app. */
export function adminHost(shop: string): string {
  const store = shop.replace(/\.myshopify\.com$/, "");

  return Buffer.from(`admin.shopify.com/store/${store}`).toString("base64url");
}

/** The URL the admin loads for an embedded app's page. */
export function embeddedAppUrl(
  appUrl: string,
  path: string,
  token: SessionTokenOptions,
): string {
  const url = new URL(path, appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", token.shop);
  url.searchParams.set("host", adminHost(token.shop));
  url.searchParams.set("locale", "en");
  url.searchParams.set("id_token", mintSessionToken(token));

  return url.toString();
}
