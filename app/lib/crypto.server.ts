/**
 * Encryption for the per-shop secrets the app stores (Stripe keys, webhook
 * signing secrets). AES-256-GCM under APP_ENCRYPTION_KEY, a fresh 96-bit
 * nonce per value, and a context string bound in as associated data so a
 * ciphertext copied to another shop or field does not decrypt there.
 *
 * Format: `v1.<nonce>.<tag>.<ciphertext>`, each part base64url. The version
 * prefix leaves room for key rotation without guessing formats.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  type CipherGCMTypes,
} from "node:crypto";

const ALGORITHM: CipherGCMTypes = "aes-256-gcm";
const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt secret: ${reason}`);
    this.name = "DecryptionError";
  }
}

export function encryptSecret(
  plaintext: string,
  key: Buffer,
  context: string,
): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, requireKey(key), nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([
    cipher.update(plaintext, "utf8"),
    cipher.final(),
  ]);

  return [VERSION, nonce, cipher.getAuthTag(), ciphertext]
    .map((part) =>
      typeof part === "string" ? part : part.toString("base64url"),
    )
    .join(".");
}

/** Throws a DecryptionError if the value was altered or the context differs. */
export function decryptSecret(
  sealed: string,
  key: Buffer,
  context: string,
): string {
  const [version, nonce, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || ciphertext === undefined || rest.length > 0) {
    throw new DecryptionError("unknown format");
  }
  const tagBytes = Buffer.from(tag ?? "", "base64url");
  if (tagBytes.length !== TAG_BYTES) throw new DecryptionError("bad tag");

  const decipher = createDecipheriv(
    ALGORITHM,
    requireKey(key),
    Buffer.from(nonce ?? "", "base64url"),
  );
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new DecryptionError("authentication failed");
  }
}

function requireKey(key: Buffer): Buffer {
  if (key.length !== 32) throw new Error("encryption key must be 32 bytes");

  return key;
}
