/**
 * Bearer API keys that agent platforms use on a shop's ACP address.
 *
 * A key is `acpb_` and 43 base62 characters (256 random bits), shown to the
 * merchant once. Only its SHA-256 is stored, with the first characters as
 * a prefix to tell keys apart. SHA-256 without salt or stretching is right
 * here: the key is random, not a password, so there is nothing to guess.
 *
 * authenticateApiKey runs on every ACP request, so it avoids the database
 * when it can: a key found is remembered in this process for at most
 * AUTH_CACHE_TTL_MS. Revoking in this process forgets it at once; another
 * process stops accepting it within that TTL. lastUsedAt is written at most
 * once a minute per key, never per request.
 */
import { hash, randomInt, timingSafeEqual } from "node:crypto";
import { db } from "../lib/db.server";
import { TtlCache } from "../lib/ttl-cache";
import { logger, type Logger } from "../lib/logger.server";

export const API_KEY_PREFIX = "acpb_";
export const API_KEY_LABEL_MAX_LENGTH = 64;

/** How long a key found in the database is trusted without asking again. */
export const AUTH_CACHE_TTL_MS = 5_000;

/** lastUsedAt is precise to this much, to spare a write per request. */
export const LAST_USED_PRECISION_MS = 60_000;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 43; // 43 × log2(62) ≈ 256 bits
const DISPLAYED_LENGTH = API_KEY_PREFIX.length + 6;
const MAX_CACHED_KEYS = 10_000;

/** What the admin may see of a key: never the key or its hash. */
export interface ApiKeySummary {
  id: string;
  label: string;
  /** The key's first characters, e.g. `acpb_3fK9xQ`. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface CachedKey {
  id: string;
  shop: string;
  hash: string;
  revoked: boolean;
  lastUsedAt: Date | null;
}

const summaryFields = {
  id: true,
  label: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

const authFields = {
  id: true,
  shop: true,
  hash: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

// Keyed by hash.
const keyCache = new TtlCache<string, CachedKey>({
  ttlMs: AUTH_CACHE_TTL_MS,
  maxEntries: MAX_CACHED_KEYS,
});

export type LabelCheck =
  { ok: true; label: string } | { ok: false; message: string };

/** Checks a label as the merchant typed it; trims it. */
export function parseApiKeyLabel(input: unknown): LabelCheck {
  const label = typeof input === "string" ? input.trim() : "";
  if (label === "") return { ok: false, message: "Enter a name for the key" };
  if (label.length > API_KEY_LABEL_MAX_LENGTH) {
    const max = API_KEY_LABEL_MAX_LENGTH;

    return { ok: false, message: `Use ${max} characters or fewer` };
  }

  return { ok: true, label };
}

/** Issues a key. `key` is the only time the plaintext exists. */
export async function createApiKey(
  shop: string,
  label: string,
): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const checked = parseApiKeyLabel(label);
  if (!checked.ok) throw new TypeError(`Invalid key label: ${checked.message}`);

  const key = API_KEY_PREFIX + randomBase62(SECRET_LENGTH);
  const apiKey = await db.apiKey.create({
    data: {
      id: `key_${randomBase62(20)}`,
      shop,
      label: checked.label,
      prefix: key.slice(0, DISPLAYED_LENGTH),
      hash: hashApiKey(key),
    },
    select: summaryFields,
  });
  logger.info("api key created", { shop, keyId: apiKey.id });

  return { key, apiKey };
}

/** The shop's keys, newest first, revoked ones included. */
export async function listApiKeys(shop: string): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({
    where: { shop },
    select: summaryFields,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

/** Revokes one of the shop's keys; false if it has no such live key. */
export async function revokeApiKey(
  shop: string,
  id: string,
  now = new Date(),
): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({
    where: { id, shop, revokedAt: null },
    data: { revokedAt: now },
  });
  forgetCachedKey(id);
  if (count > 0) logger.info("api key revoked", { shop, keyId: id });

  return count > 0;
}

/**
 * The key behind an `Authorization: Bearer …` header, if it is a live key
 * of `shop` (the myshopify domain); null otherwise, whatever the reason,
 * so that an agent learns nothing about other shops' keys.
 */
export async function authenticateApiKey(
  shop: string,
  authorizationHeader: string | null | undefined,
  now = new Date(),
  log: Logger = logger,
): Promise<{ keyId: string } | null> {
  const presented = parseBearer(authorizationHeader);
  if (!presented) return null;

  const keyHash = hashApiKey(presented);
  const found = await findKey(keyHash, now.getTime());
  if (!found || !sameHash(found.hash, keyHash)) return null;
  if (found.shop !== shop || found.revoked) return null;

  await touchLastUsed(found, now, log);

  return { keyId: found.id };
}

export function hashApiKey(key: string): string {
  return hash("sha256", key, "hex");
}

/** Forgets every cached key; for tests that play another process. */
export function clearApiKeyCacheForTests() {
  keyCache.clear();
}

function parseBearer(header: string | null | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? "");
  const key = match?.[1];

  // Cheap checks before hashing: anything else cannot be one of ours.
  return key && isApiKeyFormat(key) ? key : null;
}

/** Whether `key` has the shape of the keys this app issues. */
export function isApiKeyFormat(key: string): boolean {
  return (
    key.startsWith(API_KEY_PREFIX) &&
    key.length === API_KEY_PREFIX.length + SECRET_LENGTH
  );
}

/**
 * Stores a key chosen elsewhere (the sandbox's fixed key), hashed like
 * any other. It must have the shape of the keys the app issues.
 */
export async function importApiKey(
  shop: string,
  label: string,
  key: string,
): Promise<ApiKeySummary> {
  if (!isApiKeyFormat(key)) {
    throw new TypeError(
      `An API key is ${API_KEY_PREFIX} and ${SECRET_LENGTH} letters or digits`,
    );
  }

  return db.apiKey.create({
    data: {
      id: `key_${randomBase62(20)}`,
      shop,
      label,
      prefix: key.slice(0, DISPLAYED_LENGTH),
      hash: hashApiKey(key),
    },
    select: summaryFields,
  });
}

async function findKey(hash: string, nowMs: number): Promise<CachedKey | null> {
  const cached = keyCache.get(hash, nowMs);
  if (cached) return cached;

  const row = await db.apiKey.findUnique({
    where: { hash },
    select: authFields,
  });
  // Unknown keys are not remembered: a key created a moment ago in
  // another process must work at once.
  if (!row) return null;

  const { revokedAt, ...key } = row;
  const entry = { ...key, revoked: revokedAt !== null };
  keyCache.set(hash, entry, nowMs);

  return entry;
}

function forgetCachedKey(id: string) {
  keyCache.deleteWhere((entry) => entry.id === id);
}

/**
 * The lookup was by hash already; comparing again in constant time keeps
 * the check honest should the lookup ever become a prefix or range match.
 */
function sameHash(stored: string, presented: string): boolean {
  const a = Buffer.from(stored, "hex");
  const b = Buffer.from(presented, "hex");

  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Writes lastUsedAt when it is a minute old. The condition sits in the
 * update too, so several processes still write about once a minute.
 */
async function touchLastUsed(key: CachedKey, now: Date, log: Logger) {
  const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (key.lastUsedAt && key.lastUsedAt > staleBefore) return;

  // Set first, so concurrent requests in this process skip the write.
  key.lastUsedAt = now;
  try {
    await db.apiKey.updateMany({
      where: {
        id: key.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }],
      },
      data: { lastUsedAt: now },
    });
  } catch (error) {
    // A bookkeeping field: the request goes on without it.
    log.warn("api key lastUsedAt not saved", {
      keyId: key.id,
      error: String(error),
    });
  }
}

function randomBase62(length: number): string {
  let text = "";
  // randomInt draws without modulo bias.
  for (let i = 0; i < length; i++) text += BASE62[randomInt(62)];

  return text;
}
