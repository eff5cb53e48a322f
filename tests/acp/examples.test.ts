/**
 * Replays the official examples (vendored in tests/acp/examples/, see
 * SOURCE.md there) through validation and version mapping.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  validateDefinition,
  validateRequest,
  validateResponse,
  type RequestOperation,
} from "../../app/acp/schemas.server";
import {
  fromCanonicalSession,
  toCanonicalRequest,
} from "../../app/acp/version-mapping";
import { pruneToSchema } from "../../app/acp/version-mapping/prune-to-schema";
import { SUPPORTED_VERSIONS, type ApiVersion } from "../../app/acp/versions";
import type { CheckoutSession } from "../../app/acp/wire-types";

type Example = { [key: string]: unknown };

const folder = path.join(import.meta.dirname, "examples");
const context = { shopCurrency: "usd", cardHandlerId: "card_tokenized" };

function readExamples(version: string, file: string): Record<string, Example> {
  const text = readFileSync(path.join(folder, version, file), "utf8");

  return JSON.parse(text) as Record<string, Example>;
}

function checkoutExamples(version: ApiVersion): [string, Example][] {
  return Object.entries(
    readExamples(version, "examples.agentic_checkout.json"),
  );
}

/**
 * Examples that break their own version's schema, each with the reason;
 * the tests below check they are still rejected, for that reason.
 */
const KNOWN_INVALID: Record<string, string> = {
  // Decimal quantity (commit fa7ecf4): we sell whole units (overlay).
  "2025-09-29 create_checkout_session_request": "$.items[0].quantity",
  // Complete answers without the order its schema requires (§14).
  "2025-09-29 complete_checkout_session_response": "$.order",
  // outcome "denied" with partial outcome_details.
  "2026-04-17 authentication_result_denied_example":
    "$.outcome_details.three_ds_cryptogram",
};

function requestOperation(name: string): RequestOperation | undefined {
  const match =
    /^(create|update|complete|cancel)_(checkout_)?session.*request/.exec(name);

  return match?.[1] as RequestOperation | undefined;
}

function isSession(name: string): boolean {
  return (
    /_response$|^checkout_session_/.test(name) && !name.startsWith("discovery")
  );
}

function responseOperation(name: string) {
  return name.startsWith("complete") ? "complete" : "get";
}

describe.each(SUPPORTED_VERSIONS)("official %s examples", (version) => {
  const examples = checkoutExamples(version);
  const requests = examples.filter(([name]) => requestOperation(name));
  const sessions = examples.filter(([name]) => isSession(name));

  it("include requests and sessions to replay", () => {
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(sessions.length).toBeGreaterThanOrEqual(5);
  });

  it.each(requests)("%s validates and maps to canonical", (name, body) => {
    const operation = requestOperation(name) ?? "create";
    const validation = validateRequest(
      version,
      operation,
      structuredClone(body),
    );
    const known = KNOWN_INVALID[`${version} ${name}`];
    if (known) {
      expect(validation.ok ? undefined : validation.error.param).toBe(known);
      return;
    }
    if (!validation.ok) throw validation.error;

    const request = toCanonicalRequest(
      version,
      operation,
      validation.value,
      context,
    );

    expect(validateRequest("2026-04-17", operation, request)).toMatchObject({
      ok: true,
    });
  });

  it.each(sessions)(
    "%s validates and survives its own pruning",
    (name, body) => {
      const operation = responseOperation(name);
      const problems = validateResponse(version, operation, body);
      const known = KNOWN_INVALID[`${version} ${name}`];
      if (known) {
        expect(problems.map((problem) => problem.param)).toContain(known);
        return;
      }

      expect(problems).toEqual([]);
      const definition =
        operation === "complete"
          ? "CheckoutSessionWithOrder"
          : "CheckoutSession";
      expect(pruneToSchema(version, definition, body)).toEqual(body);
    },
  );

  it.each(examples.filter(([name]) => name.startsWith("error_")))(
    "%s is a valid Error",
    (_name, body) => {
      expect(validateDefinition(version, "Error", body)).toEqual([]);
    },
  );
});

describe("official 2026-04-17 sessions mapped down", () => {
  const sessions = checkoutExamples("2026-04-17").filter(([name]) =>
    isSession(name),
  );

  describe.each(SUPPORTED_VERSIONS)("to %s", (version) => {
    it.each(sessions)("%s validates", (name, body) => {
      const operation = responseOperation(name);
      const session = body as unknown as CheckoutSession;

      const mapped = fromCanonicalSession(version, operation, session);

      expect(validateResponse(version, operation, mapped)).toEqual([]);
    });
  });
});

describe("other official 2026-04-17 examples", () => {
  it.each(["discovery_response_full", "discovery_response_minimal"])(
    "%s is a valid DiscoveryResponse",
    (name) => {
      const body = readExamples("2026-04-17", "examples.agentic_checkout.json")[
        name
      ];

      expect(
        validateDefinition("2026-04-17", "DiscoveryResponse", body),
      ).toEqual([]);
    },
  );

  it.each(readdirSync(path.join(folder, "2026-04-17", "orders")))(
    "orders/%s is a valid Order",
    (file) => {
      const order = readExamples("2026-04-17/orders", file);
      const { $schema: _schema, _description: _note, ...body } = order;

      expect(validateDefinition("2026-04-17", "Order", body)).toEqual([]);
    },
  );

  it("the multi-item create request lacks the required capabilities", () => {
    const { create_multi_item_checkout_request: body } = readExamples(
      "2026-04-17",
      "examples.multi_item_checkout.json",
    );
    const validation = validateRequest("2026-04-17", "create", body);

    expect(validation.ok ? undefined : validation.error.param).toBe(
      "$.capabilities",
    );
  });
});

describe.each(["2026-01-30", "2026-04-17"] as const)(
  "official %s discount extension examples",
  (version) => {
    const files = readdirSync(path.join(folder, version, "discount-extension"));

    it.each(files)("%s: the request's quantities are accepted", (file) => {
      const { request } = readExamples(`${version}/discount-extension`, file);
      const body = { capabilities: { extensions: ["discount"] }, ...request };

      expect(validateRequest(version, "create", body)).toMatchObject({
        ok: true,
      });
    });

    it.each(files)("%s: the response's discounts are valid", (file) => {
      const { response } = readExamples(`${version}/discount-extension`, file);

      expect(
        validateDefinition(version, "DiscountsResponse", response?.discounts),
      ).toEqual([]);
    });
  },
);

describe.each(["2026-01-16", "2026-01-30", "2026-04-17"] as const)(
  "official %s 3DS results",
  (version) => {
    const results = checkoutExamples(version).filter(([name]) =>
      name.startsWith("authentication_result_"),
    );

    it.each(results)(
      "%s is checked against AuthenticationResult",
      (name, body) => {
        const problems = validateDefinition(
          version,
          "AuthenticationResult",
          body,
        );
        const known = KNOWN_INVALID[`${version} ${name}`];

        expect(problems.map((problem) => problem.param)).toEqual(
          known ? expect.arrayContaining([known]) : [],
        );
      },
    );
  },
);

describe("official 2026-01-16 capability negotiation examples", () => {
  const examples = Object.entries(
    readExamples("2026-01-16", "examples.capability_negotiation.json"),
  );

  // Capability negotiation existed only as examples in 2026-01-16, with
  // fields its schema does not define (spec notes §12.2).
  it.each(examples.filter(([name]) => name.endsWith("_request")))(
    "%s is refused for its agent_capabilities",
    (_name, body) => {
      const validation = validateRequest("2026-01-16", "create", body);

      expect(validation.ok ? undefined : validation.error.param).toBe(
        "$.agent_capabilities",
      );
    },
  );
});
