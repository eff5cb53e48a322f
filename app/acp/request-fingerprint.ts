/**
 * The fingerprint of a request body for idempotency: SHA-256 over its
 * RFC 8785 canonical JSON, as the ACP idempotency RFC suggests (§6). Two
 * bodies that mean the same JSON (keys in another order, `1.0` for `1`)
 * share a fingerprint; array order and `null` versus absent still count.
 */
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * A body JSON.parse accepts but RFC 8785 cannot express (a lone UTF-16
 * surrogate in a string). The pipeline answers it with a 400.
 */
export class UncanonicalBodyError extends Error {
  constructor(reason: string) {
    super(`Request body has no canonical JSON form: ${reason}`);
    this.name = "UncanonicalBodyError";
  }
}

/** Stands in for a request without a body, unlike any JSON text. */
const NO_BODY = "";

/** `body` is the parsed JSON, or undefined when the request had none. */
export function fingerprintRequestBody(body: unknown): string {
  const canonical = body === undefined ? NO_BODY : canonicalJson(body);

  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

function canonicalJson(body: unknown): string {
  let canonical: string | undefined;
  try {
    canonical = canonicalize(body);
  } catch (error) {
    throw new UncanonicalBodyError(String(error));
  }
  if (canonical === undefined) throw new UncanonicalBodyError("not JSON");

  return canonical;
}
