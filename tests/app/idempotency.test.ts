import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  IDEMPOTENCY_RETENTION_MS,
  IN_FLIGHT_TIMEOUT_MS,
  purgeExpiredIdempotencyRecords,
  type IdempotentRequest,
} from "../../app/acp/idempotency.server";
import {
  fingerprintRequestBody,
  UncanonicalBodyError,
} from "../../app/acp/request-fingerprint";
import { HOUR_MS, scheduledJobs } from "../../app/jobs/scheduled-jobs.server";
import { startSchedule } from "../../app/jobs/scheduler.server";
import { db } from "../../app/lib/db.server";
import { logger } from "../../app/lib/logger.server";

const t0 = new Date("2026-12-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

const createBody = {
  items: [{ id: "gid://shopify/ProductVariant/1", quantity: 1 }],
};

function request(
  overrides: Partial<IdempotentRequest> = {},
): IdempotentRequest {
  return {
    shop: "demo-store.myshopify.com",
    endpoint: "POST /checkout_sessions",
    key: "0f8fad5b-d9cb-469f-a165-70867728950e",
    body: createBody,
    now: t0,
    ...overrides,
  };
}

/** Begins and expects to proceed; returns the record id. */
async function proceed(overrides: Partial<IdempotentRequest> = {}) {
  const decision = await beginIdempotentRequest(request(overrides));
  if (decision.kind !== "proceed") {
    throw new Error(`expected proceed, got ${decision.kind}`);
  }

  return decision.recordId;
}

beforeEach(async () => {
  await db.idempotencyRecord.deleteMany();
});

describe("beginIdempotentRequest", () => {
  it("lets the first request proceed, marked in flight", async () => {
    const recordId = await proceed();

    const record = await db.idempotencyRecord.findUniqueOrThrow({
      where: { id: recordId },
    });
    expect(record.state).toBe("in_flight");
    expect(record.expiresAt).toEqual(at(IDEMPOTENCY_RETENTION_MS));
  });

  it("replays the stored status and body for the same body", async () => {
    const recordId = await proceed();
    const answer = { id: "cs_123", status: "ready_for_payment" };
    await completeIdempotentRequest(recordId, 201, JSON.stringify(answer), {
      now: at(500),
    });

    const again = await beginIdempotentRequest(request({ now: at(1000) }));

    expect(again).toEqual({
      kind: "replay",
      status: 201,
      body: JSON.stringify(answer),
    });
  });

  it("replays a 4xx answer too: only 5xx answers are forgotten", async () => {
    const recordId = await proceed();
    const error = { type: "invalid_request", code: "invalid", message: "x" };
    await completeIdempotentRequest(recordId, 400, JSON.stringify(error), {
      now: t0,
    });

    const again = await beginIdempotentRequest(request());

    expect(again).toEqual({
      kind: "replay",
      status: 400,
      body: JSON.stringify(error),
    });
  });

  it("answers conflict to the same key with another body", async () => {
    const recordId = await proceed();
    await completeIdempotentRequest(
      recordId,
      201,
      JSON.stringify({ id: "cs_1" }),
      { now: t0 },
    );

    const other = await beginIdempotentRequest(
      request({ body: { items: [{ id: "gid://x/2", quantity: 3 }] } }),
    );

    expect(other).toEqual({ kind: "conflict" });
  });

  it("answers conflict to another body even while in flight", async () => {
    await proceed();

    const other = await beginIdempotentRequest(request({ body: {} }));

    expect(other).toEqual({ kind: "conflict" });
  });

  it("answers in flight with Retry-After while the first runs", async () => {
    await proceed();

    const again = await beginIdempotentRequest(request({ now: at(59_000) }));

    expect(again).toEqual({ kind: "in_flight", retryAfterSeconds: 1 });
  });

  it("forgets a 5xx answer, so a retry is a fresh request", async () => {
    const recordId = await proceed();

    await completeIdempotentRequest(
      recordId,
      502,
      JSON.stringify({ type: "x" }),
      { now: t0 },
    );

    expect(await db.idempotencyRecord.count()).toBe(0);
    const retry = await beginIdempotentRequest(request());
    expect(retry.kind).toBe("proceed");
  });

  it("scopes keys by shop and by endpoint", async () => {
    await proceed();

    const decisions = await Promise.all([
      beginIdempotentRequest(request({ shop: "other.myshopify.com" })),
      beginIdempotentRequest(
        request({ endpoint: "POST /checkout_sessions/cs_1/complete" }),
      ),
    ]);

    expect(decisions.map((d) => d.kind)).toEqual(["proceed", "proceed"]);
  });

  describe("after 24 hours", () => {
    it("still replays a moment before retention ends", async () => {
      const recordId = await proceed();
      await completeIdempotentRequest(
        recordId,
        200,
        JSON.stringify({ ok: 1 }),
        { now: t0 },
      );

      const late = request({ now: at(IDEMPOTENCY_RETENTION_MS - 1) });

      expect((await beginIdempotentRequest(late)).kind).toBe("replay");
    });

    it("treats a reused key as new, whatever its body", async () => {
      const recordId = await proceed();
      await completeIdempotentRequest(
        recordId,
        200,
        JSON.stringify({ ok: 1 }),
        { now: t0 },
      );

      const reused = await beginIdempotentRequest(
        request({ body: { other: true }, now: at(IDEMPOTENCY_RETENTION_MS) }),
      );

      expect(reused.kind).toBe("proceed");
      expect(await db.idempotencyRecord.count()).toBe(1);
    });
  });

  describe("a request that crashed in flight", () => {
    it("frees its key once the in-flight timeout has passed", async () => {
      await proceed();

      const retry = await beginIdempotentRequest(
        request({ now: at(IN_FLIGHT_TIMEOUT_MS) }),
      );

      expect(retry.kind).toBe("proceed");
    });

    it("cannot overwrite the answer of the retry that took over", async () => {
      const crashed = await proceed();
      const retry = await proceed({ now: at(IN_FLIGHT_TIMEOUT_MS) });
      await completeIdempotentRequest(
        retry,
        201,
        JSON.stringify({ id: "cs_retry" }),
      );

      await completeIdempotentRequest(
        crashed,
        201,
        JSON.stringify({ id: "cs_crashed" }),
      );

      const replay = await beginIdempotentRequest(
        request({ now: at(IN_FLIGHT_TIMEOUT_MS + 1) }),
      );
      expect(replay).toEqual({
        kind: "replay",
        status: 201,
        body: JSON.stringify({ id: "cs_retry" }),
      });
    });
  });

  describe("under concurrency", () => {
    it("lets exactly one of 20 simultaneous requests proceed", async () => {
      const decisions = await Promise.all(
        Array.from({ length: 20 }, () => beginIdempotentRequest(request())),
      );

      const kinds = decisions.map((d) => d.kind);
      expect(kinds.filter((kind) => kind === "proceed")).toHaveLength(1);
      expect(kinds.filter((kind) => kind === "in_flight")).toHaveLength(19);
      expect(await db.idempotencyRecord.count()).toBe(1);
    });

    it("lets exactly one of 20 take over an abandoned record", async () => {
      await proceed();
      const later = request({ now: at(IN_FLIGHT_TIMEOUT_MS + 1) });

      const decisions = await Promise.all(
        Array.from({ length: 20 }, () => beginIdempotentRequest(later)),
      );

      const kinds = decisions.map((d) => d.kind);
      expect(kinds.filter((kind) => kind === "proceed")).toHaveLength(1);
      expect(await db.idempotencyRecord.count()).toBe(1);
    });
  });
});

describe("fingerprintRequestBody (RFC 8785 canonical JSON)", () => {
  it.each([
    ["key order is ignored", '{"a":1,"b":[1,2]}', '{"b":[1,2],"a":1}', true],
    [
      "nested key order is ignored",
      '{"x":{"b":1,"a":2}}',
      '{"x":{"a":2,"b":1}}',
      true,
    ],
    ["1.0 equals 1", '{"quantity":1.0}', '{"quantity":1}', true],
    ["1e2 equals 100", '{"quantity":1e2}', '{"quantity":100}', true],
    ["escapes are decoded", '{"name":"caf\\u00e9"}', '{"name":"café"}', true],
    ["whitespace is ignored", '{ "a" : [ 1 ] }', '{"a":[1]}', true],
    ["array order matters", '{"items":[1,2]}', '{"items":[2,1]}', false],
    ["null differs from absent", '{"buyer":null}', "{}", false],
    ["a string differs from a number", '{"q":"1"}', '{"q":1}', false],
  ])("%s", (_name, a, b, same) => {
    const first = fingerprintRequestBody(JSON.parse(a));
    const second = fingerprintRequestBody(JSON.parse(b));

    expect(first === second).toBe(same);
  });

  it("fingerprints a missing body unlike any JSON body", () => {
    const missing = fingerprintRequestBody(undefined);

    expect(missing).toBe(fingerprintRequestBody(undefined));
    for (const body of [{}, null, "", []]) {
      expect(fingerprintRequestBody(body)).not.toBe(missing);
    }
  });

  it("replays a body that differs only in key order", async () => {
    const recordId = await proceed({ body: JSON.parse('{"a":1,"b":2}') });
    await completeIdempotentRequest(
      recordId,
      200,
      JSON.stringify({ ok: true }),
      { now: t0 },
    );

    const again = await beginIdempotentRequest(
      request({ body: JSON.parse('{"b":2,"a":1.0}') }),
    );

    expect(again.kind).toBe("replay");
  });

  it("refuses a body with no canonical form (a lone surrogate)", () => {
    const body = JSON.parse('{"name":"\\ud800"}') as unknown;

    expect(() => fingerprintRequestBody(body)).toThrow(UncanonicalBodyError);
  });
});

describe("purgeExpiredIdempotencyRecords", () => {
  it("removes only records past their retention", async () => {
    const old = await proceed({ key: "old" });
    await completeIdempotentRequest(old, 200, JSON.stringify({}), { now: t0 });
    await proceed({ key: "recent", now: at(60_000) });

    const count = await purgeExpiredIdempotencyRecords(
      at(IDEMPOTENCY_RETENTION_MS + 1),
    );

    expect(count).toBe(1);
    const left = await db.idempotencyRecord.findMany({ select: { key: true } });
    expect(left).toEqual([{ key: "recent" }]);
  });

  it("runs every hour as a scheduled job", async () => {
    const old = await proceed({ key: "old" });
    await completeIdempotentRequest(old, 200, JSON.stringify({}), { now: t0 });
    const purge = scheduledJobs().find(
      (job) => job.name === "purge-idempotency-records",
    );

    expect(purge?.intervalMs).toBe(HOUR_MS);

    await purge?.run(at(IDEMPOTENCY_RETENTION_MS));

    expect(await db.idempotencyRecord.count()).toBe(0);
  });
});

describe("scheduled jobs", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  const hour = 3_600_000;
  // random() = 0.5: the first run at 5% of the interval, then every hour.
  const options = { random: () => 0.5, now: () => t0 };

  it("runs a job early in its first interval, then hourly", async () => {
    const run = vi.fn(async () => undefined);
    const stop = startSchedule(
      [{ name: "probe", intervalMs: hour, run }],
      options,
    );

    await vi.advanceTimersByTimeAsync(0.05 * hour);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(t0);
    await vi.advanceTimersByTimeAsync(hour);
    expect(run).toHaveBeenCalledTimes(2);

    stop();
    await vi.advanceTimersByTimeAsync(2 * hour);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("logs a failing run and still runs the next one", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => {});
    const run = vi.fn(async () => {
      throw new Error("database away");
    });
    const stop = startSchedule(
      [{ name: "flaky", intervalMs: hour, run }],
      options,
    );

    await vi.advanceTimersByTimeAsync(1.05 * hour);

    stop();
    expect(run).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledWith(
      "scheduled job failed",
      expect.objectContaining({ job: "flaky", error: "Error: database away" }),
    );
  });
});
