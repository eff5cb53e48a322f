import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  decryptSecret,
  encryptSecret,
} from "../../app/lib/crypto.server";

const key = randomBytes(32);
const context = "shop:demo-store.myshopify.com:stripe_secret_key";

function tamper(sealed: string, part: number) {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  parts[part] = bytes.toString("base64url");

  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips a secret", () => {
    const sealed = encryptSecret("sk_test_123", key, context);

    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain("sk_test_123");
    expect(decryptSecret(sealed, key, context)).toBe("sk_test_123");
  });

  it("uses a fresh nonce for every value", () => {
    expect(encryptSecret("same", key, context)).not.toBe(
      encryptSecret("same", key, context),
    );
  });

  it.each([
    ["nonce", 1],
    ["tag", 2],
    ["ciphertext", 3],
  ])("rejects a tampered %s", (_name, part) => {
    const sealed = tamper(encryptSecret("sk_test_123", key, context), part);

    expect(() => decryptSecret(sealed, key, context)).toThrow(DecryptionError);
  });

  it("rejects a value sealed for another context", () => {
    const sealed = encryptSecret("sk_test_123", key, context);

    expect(() =>
      decryptSecret(sealed, key, "shop:other-store.myshopify.com:x"),
    ).toThrow(DecryptionError);
  });

  it("rejects a value sealed under another key", () => {
    const sealed = encryptSecret("sk_test_123", randomBytes(32), context);

    expect(() => decryptSecret(sealed, key, context)).toThrow(DecryptionError);
  });

  it.each(["", "v1.a.b", "v2.a.b.c", "v1.a.b.c.d"])(
    "rejects the malformed value %j",
    (sealed) => {
      expect(() => decryptSecret(sealed, key, context)).toThrow(
        DecryptionError,
      );
    },
  );
});
