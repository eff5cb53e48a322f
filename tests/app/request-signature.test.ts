import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  signRequest,
  verifyRequestSignature,
  type SignatureVerification,
  type VerifyRequestSignatureInput,
} from "../../app/acp/request-signature";

const secret = "acps_test-secret";
const now = new Date("2026-12-01T12:00:00.000Z");
const body = '{"items":[{"id":"gid://shopify/ProductVariant/1","quantity":1}]}';

/** Headers signed `offsetSeconds` from `now`, as an agent would. */
function signedAt(offsetSeconds: number, rawBody = body) {
  return signRequest({
    secret,
    rawBody,
    now: new Date(now.getTime() + offsetSeconds * 1000),
  });
}

function verify(overrides: Partial<VerifyRequestSignatureInput>) {
  const headers = signedAt(0);

  return verifyRequestSignature({
    secret,
    rawBody: body,
    now,
    ...headers,
    ...overrides,
  });
}

const ok: SignatureVerification = { ok: true };
const fails = (reason: string) => ({ ok: false, reason });

describe("verifyRequestSignature", () => {
  it.each<[string, Partial<VerifyRequestSignatureInput>, object]>([
    ["accepts a request signed just now", {}, ok],
    ["accepts a body given as bytes", { rawBody: Buffer.from(body) }, ok],
    ["accepts a timestamp 300 s old", signedAt(-300), ok],
    ["accepts a timestamp 300 s ahead", signedAt(300), ok],
    [
      "accepts a padded base64url signature",
      { signature: `${signedAt(0).signature}=` },
      ok,
    ],
    [
      "accepts an RFC 3339 offset instead of Z",
      reSigned("2026-12-01T13:00:00+01:00"),
      ok,
    ],
    [
      "refuses a tampered body",
      { rawBody: body.replace('"quantity":1', '"quantity":9') },
      fails("bad_signature"),
    ],
    [
      "refuses another secret",
      { secret: "acps_someone-else" },
      fails("bad_signature"),
    ],
    [
      "refuses a signature made with another timestamp",
      { timestamp: signedAt(1).timestamp },
      fails("bad_signature"),
    ],
    [
      "refuses a standard base64 signature of other bytes",
      { signature: "not+a/signature==" },
      fails("bad_signature"),
    ],
    [
      "refuses a missing Signature",
      { signature: null },
      fails("missing_signature"),
    ],
    [
      "refuses an empty Signature",
      { signature: "" },
      fails("missing_signature"),
    ],
    [
      "refuses a missing Timestamp",
      { timestamp: undefined },
      fails("missing_timestamp"),
    ],
    ["refuses a timestamp 301 s old", signedAt(-301), fails("stale_timestamp")],
    [
      "refuses a timestamp 301 s ahead",
      signedAt(301),
      fails("stale_timestamp"),
    ],
    ["refuses Unix seconds", reSigned("1796126400"), fails("bad_timestamp")],
    ["refuses a date alone", reSigned("2026-12-01"), fails("bad_timestamp")],
    [
      "refuses a time without an offset",
      reSigned("2026-12-01T12:00:00"),
      fails("bad_timestamp"),
    ],
    [
      "refuses an impossible hour",
      reSigned("2026-12-01T24:00:00Z"),
      fails("bad_timestamp"),
    ],
    ["refuses words", reSigned("yesterday"), fails("bad_timestamp")],
  ])("%s", (_name, overrides, expected) => {
    expect(verify(overrides)).toEqual(expected);
  });

  it("signs a GET over the empty body", () => {
    const headers = signRequest({ secret, rawBody: "", now });

    expect(
      verifyRequestSignature({ secret, rawBody: "", now, ...headers }),
    ).toEqual(ok);
    expect(
      verifyRequestSignature({ secret, rawBody: "{}", now, ...headers }),
    ).toEqual(fails("bad_signature"));
  });
});

describe("signRequest", () => {
  it("follows the documented scheme byte for byte", () => {
    const { timestamp, signature } = signRequest({
      secret,
      rawBody: body,
      now,
    });

    const expected = createHmac("sha256", secret)
      .update(`2026-12-01T12:00:00.000Z.${body}`)
      .digest("base64url");
    expect(timestamp).toBe("2026-12-01T12:00:00.000Z");
    expect(signature).toBe(expected);
  });
});

/** A request whose Timestamp header is `timestamp`, correctly signed. */
function reSigned(timestamp: string) {
  const signature = createHmac("sha256", secret)
    .update(`${timestamp}.${body}`)
    .digest("base64url");

  return { timestamp, signature };
}
