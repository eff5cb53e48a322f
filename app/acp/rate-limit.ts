/**
 * Requests a minute per API key, as a token bucket held in memory: the
 * bucket refills at the shop's limit per minute and holds a sixth of it
 * (ten seconds of traffic), so an agent may burst a little but never runs
 * far above its limit in any minute (at most 7/6 of it).
 *
 * The buckets live in this process. With several app instances behind a
 * load balancer each keeps its own, so the effective limit is the setting
 * times the number of instances; the setting is a guard against runaway
 * agents, not a billing meter, and that is good enough for it.
 */

/** The limit when the shop has not set one. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** The bounds a merchant may choose between in the admin. */
export const MIN_RATE_LIMIT_PER_MINUTE = 1;
// A large agent platform may send thousands a second through one key.
export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(keyId: string, limitPerMinute: number, nowMs: number): RateLimitDecision;
  /** How many keys hold a bucket now; for tests and metrics. */
  size(): number;
}

export interface RateLimiterOptions {
  /** Buckets kept at most; the least recently used go first. */
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
}

const MINUTE_MS = 60_000;

/** The bucket's capacity for a limit: ten seconds' worth, at least one. */
export function burstFor(limitPerMinute: number): number {
  return Math.max(1, Math.ceil(limitPerMinute / 6));
}

export function createRateLimiter(
  options: RateLimiterOptions = {},
): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  // A Map iterates in insertion order; re-inserting a key on each use
  // keeps the least recently used first, so eviction is O(1).
  const buckets = new Map<string, Bucket>();

  function take(keyId: string, limitPerMinute: number, nowMs: number) {
    const limit = usableLimit(limitPerMinute);
    const bucket = refill(buckets.get(keyId), limit, nowMs);
    buckets.delete(keyId);
    buckets.set(keyId, bucket);
    evictIdle(buckets, maxKeys, nowMs);

    if (bucket.tokens < 1) {
      return {
        allowed: false as const,
        retryAfterSeconds: wait(bucket, limit),
      };
    }
    bucket.tokens -= 1;

    return { allowed: true as const, remaining: Math.floor(bucket.tokens) };
  }

  return { take, size: () => buckets.size };
}

function usableLimit(limitPerMinute: number): number {
  if (!Number.isFinite(limitPerMinute)) return DEFAULT_RATE_LIMIT_PER_MINUTE;

  return Math.max(1, limitPerMinute);
}

function refill(
  bucket: Bucket | undefined,
  limit: number,
  nowMs: number,
): Bucket {
  const capacity = burstFor(limit);
  if (!bucket) return { tokens: capacity, updatedAtMs: nowMs };

  // A clock that steps back refills nothing, now or when it catches up.
  const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs);
  const tokens = bucket.tokens + (elapsedMs * limit) / MINUTE_MS;

  return {
    tokens: Math.min(capacity, tokens),
    updatedAtMs: Math.max(bucket.updatedAtMs, nowMs),
  };
}

function wait(bucket: Bucket, limit: number): number {
  const missingMs = ((1 - bucket.tokens) * MINUTE_MS) / limit;

  return Math.max(1, Math.ceil(missingMs / 1000));
}

/**
 * Drops the oldest bucket when over the bound, and the oldest one or two
 * while they have been idle long enough to be full again (a full bucket
 * and no bucket are the same thing). Constant work per call.
 */
function evictIdle(
  buckets: Map<string, Bucket>,
  maxKeys: number,
  nowMs: number,
) {
  for (let checked = 0; checked < 2; checked++) {
    const oldest = buckets.entries().next();
    if (oldest.done) return;
    const [keyId, bucket] = oldest.value;
    const idle = nowMs - bucket.updatedAtMs >= MINUTE_MS;
    if (!idle && buckets.size <= maxKeys) return;
    buckets.delete(keyId);
  }
}

const processLimiter = createRateLimiter();

/** Takes one request from the key's bucket in this process. */
export function take(
  keyId: string,
  limitPerMinute: number,
  nowMs: number,
): RateLimitDecision {
  return processLimiter.take(keyId, limitPerMinute, nowMs);
}
