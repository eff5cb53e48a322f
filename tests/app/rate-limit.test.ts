import { describe, expect, it } from "vitest";
import {
  burstFor,
  createRateLimiter,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
} from "../../app/acp/rate-limit";

const start = Date.parse("2026-12-01T12:00:00Z");

/** Takes `count` requests at `nowMs`; returns the decisions. */
function takeMany(
  limiter: ReturnType<typeof createRateLimiter>,
  count: number,
  limit: number,
  nowMs = start,
) {
  return Array.from({ length: count }, () =>
    limiter.take("key_a", limit, nowMs),
  );
}

describe("rate limit per API key", () => {
  it("allows a burst of a sixth of the minute's limit, then refuses", () => {
    const limiter = createRateLimiter();

    const decisions = takeMany(limiter, 11, 60);

    expect(burstFor(60)).toBe(10);
    expect(decisions.slice(0, 10).every((d) => d.allowed)).toBe(true);
    expect(decisions[9]).toEqual({ allowed: true, remaining: 0 });
    expect(decisions[10]).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it.each([
    // limit a minute, Retry-After in seconds once the burst is spent
    [60, 1],
    [6, 10],
    [1, 60],
  ])("at %i a minute asks an empty bucket to wait %i s", (limit, wait) => {
    const limiter = createRateLimiter();
    takeMany(limiter, burstFor(limit), limit);

    const refused = limiter.take("key_a", limit, start);

    expect(refused).toEqual({ allowed: false, retryAfterSeconds: wait });
  });

  it("refills with time: one request a second at 60 a minute", () => {
    const limiter = createRateLimiter();
    takeMany(limiter, 10, 60);

    expect(limiter.take("key_a", 60, start + 999).allowed).toBe(false);
    expect(limiter.take("key_a", 60, start + 1000).allowed).toBe(true);
    expect(limiter.take("key_a", 60, start + 1000).allowed).toBe(false);
  });

  it("refills no further than the burst after a long pause", () => {
    const limiter = createRateLimiter();
    takeMany(limiter, 10, 60);

    const later = takeMany(limiter, 11, 60, start + 3_600_000);

    expect(later.filter((d) => d.allowed)).toHaveLength(10);
  });

  it("keeps each key's bucket apart", () => {
    const limiter = createRateLimiter();
    takeMany(limiter, 10, 60);

    expect(limiter.take("key_a", 60, start).allowed).toBe(false);
    expect(limiter.take("key_b", 60, start).allowed).toBe(true);
  });

  it("lets the default limit through a generous burst", () => {
    const limiter = createRateLimiter();

    const decisions = takeMany(limiter, 100, DEFAULT_RATE_LIMIT_PER_MINUTE);

    expect(decisions.every((d) => d.allowed)).toBe(true);
  });

  it("holds no more buckets than its bound", () => {
    const limiter = createRateLimiter({ maxKeys: 3 });

    for (const key of ["a", "b", "c", "d", "e"]) {
      limiter.take(key, 60, start);
    }

    expect(limiter.size()).toBe(3);
  });

  it("forgets keys idle for a minute, as their buckets are full again", () => {
    const limiter = createRateLimiter();
    limiter.take("idle_1", 60, start);
    limiter.take("idle_2", 60, start);

    limiter.take("busy", 60, start + 60_000);

    expect(limiter.size()).toBe(1);
  });

  it("never refills when the clock steps back", () => {
    const limiter = createRateLimiter();
    takeMany(limiter, 10, 60);

    expect(limiter.take("key_a", 60, start - 60_000).allowed).toBe(false);
    expect(limiter.take("key_a", 60, start + 999).allowed).toBe(false);
  });
});
