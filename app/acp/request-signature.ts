/**
 * Request signing for shops that turn it on in the admin. ACP leaves the
 * algorithm to each server ("published out-of-band", RFC §1.1), so this is
 * ours, and the README documents it for agent platforms:
 *
 *   Timestamp: an RFC 3339 time within 300 seconds of the server's clock
 *   Signature: base64url(HMAC-SHA256(secret, timestamp + "." + rawBody))
 *
 * The HMAC key is the secret exactly as the admin shows it (UTF-8), the
 * timestamp is the header's value byte for byte, and the body is the raw
 * request body (the empty string for a GET). Signing the raw bytes rather
 * than canonical JSON means agents need no JCS library to sign.
 *
 * Pure: no I/O, the clock is an argument.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far a Timestamp may be from the server's clock, either side. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureFailure =
  | "missing_signature"
  | "missing_timestamp"
  | "stale_timestamp"
  | "bad_timestamp"
  | "bad_signature";

export type SignatureVerification =
  { ok: true } | { ok: false; reason: SignatureFailure };

export interface VerifyRequestSignatureInput {
  secret: string;
  /** The Timestamp header, if any. */
  timestamp: string | null | undefined;
  /** The Signature header, if any. */
  signature: string | null | undefined;
  rawBody: string | Uint8Array;
  now: Date;
}

export interface SignRequestInput {
  secret: string;
  rawBody: string | Uint8Array;
  now: Date;
}

// Date.parse also takes forms RFC 3339 does not (and rolls "24:00" over),
// so the shape is checked first. Seconds may be 60 (a leap second).
const DATE = String.raw`\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])`;
const TIME = String.raw`([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?`;
const OFFSET = String.raw`(Z|[+-]([01]\d|2[0-3]):[0-5]\d)`;
const RFC_3339 = new RegExp(`^${DATE}T${TIME}${OFFSET}$`, "i");

export function verifyRequestSignature(
  input: VerifyRequestSignatureInput,
): SignatureVerification {
  const { timestamp, signature } = input;
  if (!signature) return { ok: false, reason: "missing_signature" };
  if (!timestamp) return { ok: false, reason: "missing_timestamp" };

  const signedAt = parseTimestamp(timestamp);
  if (signedAt === undefined) return { ok: false, reason: "bad_timestamp" };
  const skewMs = Math.abs(input.now.getTime() - signedAt);
  if (skewMs > SIGNATURE_TOLERANCE_SECONDS * 1000) {
    return { ok: false, reason: "stale_timestamp" };
  }

  const expected = computeSignature(input.secret, timestamp, input.rawBody);
  if (!equalInConstantTime(stripPadding(signature), expected)) {
    return { ok: false, reason: "bad_signature" };
  }

  return { ok: true };
}

/** The two headers an agent sends with a request whose body is `rawBody`. */
export function signRequest(input: SignRequestInput): {
  timestamp: string;
  signature: string;
} {
  const timestamp = input.now.toISOString();

  return {
    timestamp,
    signature: computeSignature(input.secret, timestamp, input.rawBody),
  };
}

function computeSignature(
  secret: string,
  timestamp: string,
  rawBody: string | Uint8Array,
): string {
  return createHmac("sha256", secret)
    .update(`${timestamp}.`, "utf8")
    .update(rawBody)
    .digest("base64url");
}

function parseTimestamp(value: string): number | undefined {
  if (!RFC_3339.test(value)) return undefined;
  const ms = Date.parse(value.toUpperCase());

  return Number.isNaN(ms) ? undefined : ms;
}

// Some base64url encoders pad with "="; the signature is the same.
function stripPadding(signature: string): string {
  return signature.trim().replace(/=+$/, "");
}

function equalInConstantTime(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");

  // Only the length can leak, and an HMAC's length is public.
  return a.length === b.length && timingSafeEqual(a, b);
}
