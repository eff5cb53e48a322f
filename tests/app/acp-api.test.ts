import { Writable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { createApiKey } from "../../app/acp/api-keys.server";
import { signRequest } from "../../app/acp/request-signature";
import { validateResponse } from "../../app/acp/schemas.server";
import type { AcpDeps } from "../../app/acp-api/handle-acp-request.server";
import { db } from "../../app/lib/db.server";
import { createLogger } from "../../app/lib/logger.server";
import {
  setRateLimit,
  setRequestSigningSecret,
} from "../../app/shops/shop-settings.server";
import {
  agentHeaders,
  setUpAgentShop,
  sendAcp,
  type AcpCall,
} from "../support/acp-client";
import { ADDRESSES, type CheckoutHarness } from "../support/checkout";
import { TEST_SHOP } from "../support/shopify";

const OTHER_SHOP = "other-store.myshopify.com";
const BASE = "/acp/demo-store/checkout_sessions";

let h: CheckoutHarness;
let deps: AcpDeps;
let apiKey: string;
let otherKey: string;

beforeEach(async () => {
  ({ h, deps, apiKey } = await setUpAgentShop());
  await db.shop.upsert({
    where: { domain: OTHER_SHOP },
    create: { domain: OTHER_SHOP },
    update: {},
  });
  otherKey = (await createApiKey(OTHER_SHOP, "Agent")).key;
});

function createBody() {
  return {
    currency: "usd",
    line_items: [{ id: h.catalog.shirt, quantity: 1 }],
    capabilities: {},
    buyer: { email: "ada@example.com" },
    fulfillment_details: { address: ADDRESSES.CA },
  };
}

function create(headers: Record<string, string | undefined> = {}) {
  return sendAcp(deps, {
    path: BASE,
    body: createBody(),
    headers: agentHeaders(apiKey, headers),
  });
}

describe("POST /acp/{shop}/checkout_sessions", () => {
  it("answers 201 with a session valid against the 2026-04-17 schema", async () => {
    const answer = await create({ "request-id": "req_test_1" });

    expect(answer.status).toBe(201);
    expect(answer.headers["Request-Id"]).toBe("req_test_1");
    expect(answer.headers["Idempotency-Key"]).toBeDefined();
    expect(validateResponse("2026-04-17", "create", answer.body)).toEqual([]);
  });
});

describe("the header matrix", () => {
  const cases: [string, () => AcpCall, number, string][] = [
    [
      "no Authorization",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders(apiKey, { authorization: undefined }),
      }),
      401,
      "unauthorized",
    ],
    [
      "an unknown key",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders("acpb_not_a_key"),
      }),
      401,
      "unauthorized",
    ],
    [
      "another shop's key",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders(otherKey),
      }),
      401,
      "unauthorized",
    ],
    [
      "no API-Version",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders(apiKey, { "api-version": undefined }),
      }),
      400,
      "missing_api_version",
    ],
    [
      "an unknown API-Version",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders(apiKey, { "api-version": "2024-01-01" }),
      }),
      400,
      "unsupported_api_version",
    ],
    [
      "no Idempotency-Key on 2026-04-17",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders(apiKey, { "idempotency-key": undefined }),
      }),
      400,
      "idempotency_key_required",
    ],
    [
      "a wrong content type",
      () => ({
        path: BASE,
        body: createBody(),
        headers: agentHeaders(apiKey, { "content-type": "text/plain" }),
      }),
      415,
      "unsupported_media_type",
    ],
    [
      "malformed JSON",
      () => ({ path: BASE, rawBody: "{", headers: agentHeaders(apiKey) }),
      400,
      "invalid_json",
    ],
    [
      "a body over 1 MB",
      () => ({
        path: BASE,
        rawBody: "",
        method: "POST",
        bodyTooLarge: true,
        headers: agentHeaders(apiKey),
      }),
      413,
      "request_too_large",
    ],
    [
      "a shop that never installed the app",
      () => ({
        path: "/acp/nobody-store/checkout_sessions",
        body: createBody(),
        headers: agentHeaders(apiKey),
      }),
      404,
      "not_found",
    ],
    [
      "an unknown address",
      () => ({ path: "/acp/demo-store/carts", headers: agentHeaders(apiKey) }),
      404,
      "not_found",
    ],
    [
      "a wrong method",
      () => ({
        method: "DELETE",
        path: `${BASE}/cs_1`,
        headers: agentHeaders(apiKey),
      }),
      405,
      "method_not_allowed",
    ],
  ];

  it.each(cases)("answers %s", async (_case, call, status, code) => {
    const answer = await sendAcp(deps, call());

    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(code);
    expect(answer.body.type).toMatch(
      /^(invalid_request|processing_error|service_unavailable)$/,
    );
    expect(answer.headers["Request-Id"]).toMatch(/^req_/);
    expect(await db.checkoutSession.count()).toBe(0);
  });

  it("lists the supported versions, newest first", async () => {
    const answer = await create({ "api-version": "1999-01-01" });

    expect(answer.body.supported_versions).toEqual([
      "2026-04-17",
      "2026-01-30",
      "2026-01-16",
      "2025-12-12",
      "2025-09-29",
    ]);
  });

  it("honours requests without Idempotency-Key from older versions", async () => {
    const answer = await sendAcp(deps, {
      path: BASE,
      body: {
        items: [{ id: h.catalog.shirt, quantity: 1 }],
        buyer: { email: "ada@example.com", first_name: "Ada", last_name: "L" },
      },
      headers: agentHeaders(apiKey, {
        "api-version": "2025-09-29",
        "idempotency-key": undefined,
      }),
    });

    expect(answer.status).toBe(201);
    expect(validateResponse("2025-09-29", "create", answer.body)).toEqual([]);
  });
});

describe("request signing", () => {
  let secret: string;

  beforeEach(async () => {
    secret = await setRequestSigningSecret(TEST_SHOP);
  });

  it.each([
    ["unsigned", {}, "missing_signature"],
    ["signed with another secret", { signWith: "sk_other" }, "bad_signature"],
  ])("refuses a request %s", async (_case, extra, code) => {
    const answer = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers: agentHeaders(apiKey),
      ...extra,
    });

    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe(code);
  });

  it.each([
    ["301 s old", -301_000, 401],
    ["301 s ahead", 301_000, 401],
    ["299 s old", -299_000, 201],
  ])("checks a timestamp %s", async (_case, skewMs, status) => {
    const signedAt = new Date(h.clock.now.getTime() + skewMs);
    const body = createBody();

    const answer = await sendAcp(deps, {
      path: BASE,
      body,
      headers: {
        ...agentHeaders(apiKey),
        ...signedHeaders(secret, body, signedAt),
      },
    });

    expect(answer.status).toBe(status);
  });

  it("accepts a correctly signed request", async () => {
    const answer = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers: agentHeaders(apiKey),
      signWith: secret,
    });

    expect(answer.status).toBe(201);
  });
});

function signedHeaders(secret: string, body: unknown, at: Date) {
  return signRequest({ secret, rawBody: JSON.stringify(body), now: at });
}

describe("idempotency", () => {
  it("replays the stored answer for the same key and body", async () => {
    const headers = agentHeaders(apiKey);
    const first = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers,
    });

    const second = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers,
    });

    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers["Idempotent-Replayed"]).toBe("true");
    expect(await db.checkoutSession.count()).toBe(1);
  });

  it("refuses the same key with another body (422)", async () => {
    const headers = agentHeaders(apiKey);
    await sendAcp(deps, { path: BASE, body: createBody(), headers });

    const other = await sendAcp(deps, {
      path: BASE,
      body: { ...createBody(), currency: "eur" },
      headers,
    });

    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_conflict");
  });

  it("answers 409 with Retry-After while the first is in flight", async () => {
    const headers = agentHeaders(apiKey);
    // Shopify takes its time over the first request's quote.
    h.emulator.faults.add({ kind: "latency", ms: 300, times: 1 });
    const first = sendAcp(deps, { path: BASE, body: createBody(), headers });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const answer = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers,
    });

    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe("idempotency_in_flight");
    expect(Number(answer.headers["Retry-After"])).toBeGreaterThan(0);
    expect((await first).status).toBe(201);
  });

  it("does not store a 5xx: the retry runs afresh", async () => {
    const headers = agentHeaders(apiKey);
    const fault = h.emulator.faults.add({ kind: "http", status: 503 });
    const failed = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers,
    });
    h.emulator.faults.remove(fault);

    const retried = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers,
    });

    expect(failed.status).toBe(503);
    expect(failed.body.type).toBe("service_unavailable");
    expect(retried.status).toBe(201);
    expect(retried.headers["Idempotent-Replayed"]).toBeUndefined();
  });

  it("creates one session from 20 concurrent identical requests", async () => {
    const headers = agentHeaders(apiKey);

    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        sendAcp(deps, { path: BASE, body: createBody(), headers }),
      ),
    );

    expect(await db.checkoutSession.count()).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    const ids = new Set(created.map((answer) => answer.body.id));
    expect(ids.size).toBe(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
  });
});

describe("abuse limits", () => {
  it("answers 429 with Retry-After past the shop's limit", async () => {
    await setRateLimit(TEST_SHOP, 1);

    const first = await create();
    const second = await create();

    expect(first.status).toBe(201);
    expect(second.status).toBe(429);
    expect(second.body.code).toBe("rate_limited");
    expect(Number(second.headers["Retry-After"])).toBeGreaterThan(0);
  });
});

describe("GET and cancel over the API", () => {
  it("reads a session, and keeps it from other shops' keys", async () => {
    const created = await create();
    const path = `${BASE}/${String(created.body.id)}`;

    const mine = await sendAcp(deps, { path, headers: agentHeaders(apiKey) });
    const theirs = await sendAcp(deps, {
      path: `/acp/other-store/checkout_sessions/${String(created.body.id)}`,
      headers: agentHeaders(otherKey),
    });

    expect(mine.status).toBe(200);
    expect(validateResponse("2026-04-17", "get", mine.body)).toEqual([]);
    expect(theirs.status).toBe(404);
  });

  it("cancels with an optional body, then answers 405", async () => {
    const created = await create();
    const path = `${BASE}/${String(created.body.id)}/cancel`;

    const canceled = await sendAcp(deps, {
      method: "POST",
      path,
      headers: agentHeaders(apiKey),
    });
    const again = await sendAcp(deps, {
      method: "POST",
      path,
      headers: agentHeaders(apiKey),
    });

    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    expect(again.status).toBe(405);
  });
});

describe("bodies that are JSON but not Unicode", () => {
  it("answers 400, not 500, to a lone surrogate", async () => {
    const answer = await sendAcp(deps, {
      path: BASE,
      rawBody: '{"currency":"\\ud800","line_items":[],"capabilities":{}}',
      headers: agentHeaders(apiKey),
    });

    expect(answer.status).toBe(400);
    expect(answer.body.param).toBe("$.currency");
  });
});

describe("a key reused under another API version", () => {
  it("is a conflict, since the stored answer speaks the first version", async () => {
    const headers = agentHeaders(apiKey);
    await sendAcp(deps, { path: BASE, body: createBody(), headers });

    const other = await sendAcp(deps, {
      path: BASE,
      body: createBody(),
      headers: { ...headers, "api-version": "2026-01-30" },
    });

    expect(other.status).toBe(422);
  });
});

describe("fields named as the agent's version names them", () => {
  const legacy = { "api-version": "2025-09-29", "idempotency-key": undefined };

  it("points a 2025-09-29 agent at `items`, which it sent", async () => {
    const answer = await sendAcp(deps, {
      path: BASE,
      body: { items: [{ id: "999999999", quantity: 1 }] },
      headers: agentHeaders(apiKey, legacy),
    });

    expect(answer.status).toBe(400);
    expect(answer.body.param).toBe("$.items[0].id");
  });

  it("asks a 2025-09-29 agent for its fulfillment_address", async () => {
    const answer = await sendAcp(deps, {
      path: BASE,
      body: { items: [{ id: h.catalog.shirt, quantity: 1 }] },
      headers: agentHeaders(apiKey, legacy),
    });

    const params = (answer.body.messages as { param?: string }[]).map(
      (message) => message.param,
    );
    expect(answer.status).toBe(201);
    expect(params).toContain("$.fulfillment_address");
    expect(params).not.toContain("$.fulfillment_details.address");
  });
});

describe("logs", () => {
  function capturedLogger() {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });

    return { lines, logger: createLogger({ level: "debug", destination }) };
  }

  it("carry the Request-Id and the shop on every line of a request", async () => {
    const { lines, logger } = capturedLogger();
    // Shopify throttles the first quote once: the retry is logged too.
    h.emulator.faults.add({ kind: "throttle", times: 1 });

    const answer = await sendAcp(
      { ...deps, logger },
      {
        path: BASE,
        body: createBody(),
        headers: agentHeaders(apiKey, { "request-id": "req_logged_1" }),
      },
    );

    expect(answer.status).toBe(201);
    expect(lines.map((line) => line.msg)).toEqual([
      "retrying Shopify call",
      "checkout session created",
      "checkout priced by Shopify",
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({
        requestId: "req_logged_1",
        shop: TEST_SHOP,
      });
    }
  });
});
