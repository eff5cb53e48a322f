/**
 * Conformance of the whole ACP pipeline, version by version: requests
 * spelled as each supported version spells them, and every answer, a
 * session or an error, checked against that version's JSON Schema
 * (app/acp/spec/<version>/). The official request examples
 * (tests/acp/examples/) are replayed over the pipeline too.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  validateDefinition,
  validateResponse,
  type ResponseOperation,
} from "../../app/acp/schemas.server";
import {
  LATEST_VERSION,
  SUPPORTED_VERSIONS,
  type ApiVersion,
} from "../../app/acp/versions";
import type { AcpDeps } from "../../app/acp-api/handle-acp-request.server";
import { db } from "../../app/lib/db.server";
import {
  requestBodiesFor,
  STANDARD_SHIPPING,
  type JsonBody,
  type VersionBodies,
} from "../support/acp-bodies";
import {
  agentHeaders,
  setUpAgentShop,
  sendAcp,
  type AcpAnswer,
} from "../support/acp-client";
import { type CheckoutHarness } from "../support/checkout";

const BASE = "/acp/demo-store/checkout_sessions";

let h: CheckoutHarness;
let deps: AcpDeps;
let apiKey: string;

beforeEach(async () => {
  ({ h, deps, apiKey } = await setUpAgentShop());
});

/** Sends a request as an agent of `version`: a GET without a body. */
function send(version: ApiVersion, route: string, body?: unknown) {
  return sendAcp(deps, {
    method: body === undefined && !route.endsWith("/cancel") ? "GET" : "POST",
    path: `${BASE}${route}`,
    body,
    headers: agentHeaders(apiKey, { "api-version": version }),
  });
}

function expectSession(
  answer: AcpAnswer,
  status: number,
  version: ApiVersion,
  operation: ResponseOperation,
) {
  expect(answer.status).toBe(status);
  expect(validateResponse(version, operation, answer.body)).toEqual([]);
}

function expectError(
  answer: AcpAnswer,
  status: number,
  code: string,
  version: ApiVersion,
) {
  expect({ status: answer.status, code: answer.body.code }).toEqual({
    status,
    code,
  });
  expect(validateDefinition(version, "Error", answer.body)).toEqual([]);
}

async function createSession(version: ApiVersion, bodies: VersionBodies) {
  const created = await send(version, "", bodies.create);
  expectSession(created, 201, version, "create");

  return String(created.body.id);
}

async function createReadySession(version: ApiVersion) {
  const bodies = requestBodiesFor(version, h.catalog);
  const id = await createSession(version, bodies);
  const ready = await send(version, `/${id}`, bodies.selectShipping);
  expect(ready.body.status).toBe("ready_for_payment");

  return { id, bodies };
}

describe.each(SUPPORTED_VERSIONS)("API-Version %s", (version) => {
  it("answers a session's whole life with valid sessions", async () => {
    // Given the version's own spelling of each request
    const bodies = requestBodiesFor(version, h.catalog);

    // When an agent creates, ships, reads and cancels
    const created = await send(version, "", bodies.create);
    const id = String(created.body.id);
    const shipped = await send(version, `/${id}`, bodies.selectShipping);
    const read = await send(version, `/${id}`);
    const canceled = await send(version, `/${id}/cancel`, bodies.cancel);

    // Then each answer is a session of that version
    expectSession(created, 201, version, "create");
    expect(created.body.status).toBe("not_ready_for_payment");
    expectSession(shipped, 200, version, "update");
    expect(shipped.body.status).toBe("ready_for_payment");
    expectSession(read, 200, version, "get");
    expect(read.body).toEqual(shipped.body);
    expectSession(canceled, 200, version, "cancel");
    expect(canceled.body.status).toBe("canceled");
  });

  it("answers a cancel without a body", async () => {
    const id = await createSession(
      version,
      requestBodiesFor(version, h.catalog),
    );

    const canceled = await send(version, `/${id}/cancel`);

    expectSession(canceled, 200, version, "cancel");
  });

  it.each([
    ["an unknown session", "GET", "/cs_unknown", undefined, 404, "not_found"],
    ["an unknown address", "GET", "/cs_1/refund", undefined, 404, "not_found"],
    ["a wrong method", "DELETE", "/cs_1", undefined, 405, "method_not_allowed"],
    ["malformed JSON", "POST", "", "{", 400, "invalid_json"],
    [
      "a body that is not UTF-8",
      "POST",
      "",
      Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      400,
      "invalid_json",
    ],
    ["a body that is not an object", "POST", "", "[]", 400, "invalid"],
  ])(
    "answers %s with a valid Error",
    async (_case, method, route, rawBody, status, code) => {
      const answer = await sendAcp(deps, {
        method,
        path: `${BASE}${route}`,
        rawBody,
        headers: agentHeaders(apiKey, { "api-version": version }),
      });

      expectError(answer, status, code, version);
    },
  );

  // Each broke a later step with a 500 before body-limits.ts.
  it.each([
    [
      "nested deeper than 64 levels",
      `{"metadata":{"a":${"[".repeat(70)}${"]".repeat(70)}}}`,
      `$.metadata.a${"[0]".repeat(62)}`,
    ],
    [
      "holding a NUL character",
      '{"metadata":{"a":"x\\u0000"}}',
      "$.metadata.a",
    ],
    ["holding a lone surrogate", '{"order_notes":"\\ud800"}', "$.order_notes"],
  ])("refuses a body %s, naming where", async (_case, rawBody, param) => {
    const answer = await sendAcp(deps, {
      path: BASE,
      rawBody,
      headers: agentHeaders(apiKey, { "api-version": version }),
    });

    expectError(answer, 400, "invalid", version);
    expect(answer.body.param).toBe(param);
  });

  it("names the field at fault in a create the schema refuses", async () => {
    const { create } = requestBodiesFor(version, h.catalog);

    const answer = await send(version, "", { ...create, buyer: 42 });

    expectError(answer, 400, "invalid", version);
    expect(answer.body.param).toBe("$.buyer");
  });

  it.each([
    ["an item the shop does not sell", "999999999", 1, "invalid_item_id"],
    ["more than Shopify can count", null, 2 ** 31, "invalid"],
  ])("refuses %s with a valid Error", async (_case, item, quantity, code) => {
    const { create } = requestBodiesFor(version, h.catalog);
    const field = "items" in create ? "items" : "line_items";
    const line = { id: item ?? h.catalog.shirt, quantity };

    const answer = await send(version, "", { ...create, [field]: [line] });

    expectError(answer, 400, code, version);
    expect(await db.checkoutSession.count()).toBe(0);
  });

  it("refuses changes and a second cancel once canceled", async () => {
    const bodies = requestBodiesFor(version, h.catalog);
    const id = await createSession(version, bodies);
    await send(version, `/${id}/cancel`, bodies.cancel);

    const update = await send(version, `/${id}`, bodies.selectShipping);
    const again = await send(version, `/${id}/cancel`, bodies.cancel);

    expectError(update, 409, "checkout_session_canceled", version);
    expectError(again, 405, "not_cancelable", version);
  });

  it("speaks the version's Error type for a reused key", async () => {
    const bodies = requestBodiesFor(version, h.catalog);
    const headers = agentHeaders(apiKey, { "api-version": version });
    await sendAcp(deps, { path: BASE, body: bodies.create, headers });

    const reused = await sendAcp(deps, {
      path: BASE,
      body: { ...bodies.create, buyer: { email: "other@example.com" } },
      headers,
    });

    expectError(reused, 422, "idempotency_conflict", version);
    expect(reused.body.type).toBe(
      version === LATEST_VERSION ? "invalid_request" : "request_not_idempotent",
    );
  });

  describe("POST /checkout_sessions/:id/complete", () => {
    it("names the missing payment_data", async () => {
      const { id } = await createReadySession(version);

      const answer = await send(version, `/${id}/complete`, {});

      expectError(answer, 400, "missing", version);
      expect(answer.body.param).toBe("$.payment_data");
    });

    it("refuses a ready session plainly and charges nothing", async () => {
      // Given a ready session and a well-formed payment
      const { id, bodies } = await createReadySession(version);
      h.calls.length = 0;

      // When the agent completes it
      const answer = await send(version, `/${id}/complete`, bodies.complete);

      // Then it hears the documented refusal, and nothing happened
      expectError(answer, 501, "completion_unavailable", version);
      expect(answer.body.type).toBe("service_unavailable");
      expect(h.calls).toEqual([]);
      const after = await send(version, `/${id}`);
      expect(after.body.status).toBe("ready_for_payment");
    });

    it("refuses a session that is not ready for payment", async () => {
      const bodies = requestBodiesFor(version, h.catalog);
      const id = await createSession(version, bodies);

      const answer = await send(version, `/${id}/complete`, bodies.complete);

      expectError(answer, 400, "not_ready_for_payment", version);
    });
  });
});

/**
 * Decision: a session answers in the version of each request, not the one
 * that created it. The canonical model holds everything every version can
 * say, so an agent that upgrades mid-session keeps working; the creating
 * version is kept on the row for support and for the order webhooks.
 */
describe("a session created with one version and used with another", () => {
  it.each(SUPPORTED_VERSIONS)(
    "created with 2025-12-12, reads valid for %s",
    async (reader) => {
      const created = await createSession(
        "2025-12-12",
        requestBodiesFor("2025-12-12", h.catalog),
      );

      const read = await send(reader, `/${created}`);

      expectSession(read, 200, reader, "get");
      const row = await db.checkoutSession.findUniqueOrThrow({
        where: { id: created },
      });
      expect(row.apiVersion).toBe("2025-12-12");
    },
  );

  it("ships and cancels a 2025-09-29 session as 2026-04-17", async () => {
    const latest = requestBodiesFor(LATEST_VERSION, h.catalog);
    const id = await createSession(
      "2025-09-29",
      requestBodiesFor("2025-09-29", h.catalog),
    );

    const shipped = await send(LATEST_VERSION, `/${id}`, latest.selectShipping);
    const canceled = await send(LATEST_VERSION, `/${id}/cancel`);

    expectSession(shipped, 200, LATEST_VERSION, "update");
    expect(shipped.body.status).toBe("ready_for_payment");
    expectSession(canceled, 200, LATEST_VERSION, "cancel");
  });
});

describe("GET /acp/{shop}/.well-known/acp.json", () => {
  const discovery = "/acp/demo-store/.well-known/acp.json";

  it("needs no key nor version, validates and is cacheable", async () => {
    const answer = await sendAcp(deps, { path: discovery });

    expect(answer.status).toBe(200);
    expect(
      validateDefinition(LATEST_VERSION, "DiscoveryResponse", answer.body),
    ).toEqual([]);
    expect(answer.headers["Cache-Control"]).toMatch(/^public, max-age=\d+$/);
    const maxAge = /max-age=(\d+)/.exec(answer.headers["Cache-Control"] ?? "");
    expect(Number(maxAge?.[1])).toBeGreaterThanOrEqual(3600);
    expect(answer.body).toMatchObject({
      api_base_url: "https://acp-bridge.test/acp/demo-store",
      protocol: { supported_versions: [...SUPPORTED_VERSIONS].reverse() },
    });
  });

  it("answers another method with 405 and Allow", async () => {
    const answer = await sendAcp(deps, {
      method: "POST",
      path: discovery,
      body: {},
    });

    expectError(answer, 405, "method_not_allowed", LATEST_VERSION);
    expect(answer.headers.Allow).toBe("GET");
  });
});

type Example = { [key: string]: unknown };
type Operation = "create" | "update" | "complete" | "cancel";

const examplesFolder = path.join(import.meta.dirname, "..", "acp", "examples");

function requestExamples(version: ApiVersion): [string, Operation, Example][] {
  const file = path.join(
    examplesFolder,
    version,
    "examples.agentic_checkout.json",
  );
  const examples = JSON.parse(readFileSync(file, "utf8")) as Record<
    string,
    Example
  >;

  return Object.entries(examples).flatMap(([name, body]) => {
    const match = /^(create|update|complete|cancel)_.*request/.exec(name);
    const operation = match?.[1] as Operation | undefined;

    return operation ? [[name, operation, body]] : [];
  });
}

/**
 * The official examples name an item and an option the emulated shop does
 * not have: the shirt and the standard rate stand in for them. Their
 * address (San Francisco) is one the shop ships to.
 */
function withCatalogIds(value: unknown): unknown {
  if (value === "item_123") return h.catalog.shirt;
  if (value === "fulfillment_option_456") return STANDARD_SHIPPING;
  if (Array.isArray(value)) return value.map(withCatalogIds);
  if (typeof value !== "object" || value === null) return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, withCatalogIds(entry)]),
  );
}

/**
 * Examples the pipeline refuses on purpose, with the field it names. Each
 * is in tests/acp/examples.test.ts's own list of known-invalid examples.
 */
const REFUSED: Record<string, string> = {
  // A quantity of 2.5 (commit fa7ecf4): the app sells whole units.
  "2025-09-29 create_checkout_session_request": "$.items[0].quantity",
};

/**
 * What each replayed example must get. Complete answers the documented
 * refusal (checkout-errors.ts, `completionUnavailable`) on a ready session.
 */
const EXPECTED_STATUS: Record<Exclude<Operation, "complete">, number> = {
  create: 201,
  update: 200,
  cancel: 200,
};

describe.each(SUPPORTED_VERSIONS)(
  "official %s request examples over the pipeline",
  (version) => {
    const examples = requestExamples(version);

    it("include a create and an update", () => {
      const operations = examples.map(([, operation]) => operation);

      expect(operations).toEqual(expect.arrayContaining(["create", "update"]));
    });

    it.each(examples)(
      "%s is answered validly",
      async (name, operation, example) => {
        const body = withCatalogIds(example) as JsonBody;

        const answer = await send(version, await routeFor(operation), body);

        const refused = REFUSED[`${version} ${name}`];
        if (refused) {
          expectError(answer, 400, "invalid", version);
          expect(answer.body.param).toBe(refused);
          return;
        }
        if (operation === "complete") {
          expectError(answer, 501, "completion_unavailable", version);
          return;
        }
        expectSession(answer, EXPECTED_STATUS[operation], version, operation);
        // The update examples choose the shipping the session was missing.
        if (operation === "update") {
          expect(answer.body.status).toBe("ready_for_payment");
        }
      },
    );

    /** A session in the state the example expects, as a route. */
    async function routeFor(operation: Operation): Promise<string> {
      if (operation === "create") return "";
      const bodies = requestBodiesFor(version, h.catalog);
      if (operation === "update") {
        return `/${await createSession(version, bodies)}`;
      }
      const { id } = await createReadySession(version);

      return `/${id}/${operation}`;
    }
  },
);
