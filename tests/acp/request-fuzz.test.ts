/**
 * Properties of request validation over arbitrary input: it never
 * throws, and a refusal is always one AcpError whose body is a valid
 * `Error` of the request's version.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AcpError, errorBody } from "../../app/acp/errors";
import {
  validateDefinition,
  validateRequest,
  type RequestOperation,
} from "../../app/acp/schemas.server";
import { toCanonicalRequest } from "../../app/acp/version-mapping";
import { SUPPORTED_VERSIONS, type ApiVersion } from "../../app/acp/versions";

const operations: RequestOperation[] = [
  "create",
  "update",
  "complete",
  "cancel",
];
const context = { shopCurrency: "usd", cardHandlerId: "card_tokenized" };

const address = {
  name: "A",
  line_one: "1 Main St",
  city: "X",
  state: "IL",
  country: "US",
  postal_code: "1",
};
const legacyCreate = {
  items: [{ id: "v1", quantity: 2 }],
  buyer: { first_name: "A", last_name: "B", email: "a@b.co" },
};
const legacyComplete = {
  payment_data: {
    token: "spt_1",
    provider: "stripe",
    billing_address: address,
  },
};
const currentComplete = {
  payment_data: {
    handler_id: "card_tokenized",
    instrument: { type: "card", credential: { type: "spt", token: "spt_1" } },
  },
};

/** A valid body of each version and operation, to mutate. */
const VALID: Record<ApiVersion, Record<RequestOperation, unknown>> = {
  "2025-09-29": {
    create: { ...legacyCreate, fulfillment_address: address },
    update: {
      fulfillment_option_id: "ship",
      items: [{ id: "v1", quantity: 1 }],
    },
    complete: legacyComplete,
    cancel: {},
  },
  "2025-12-12": {
    create: { ...legacyCreate, fulfillment_details: { address } },
    update: {
      selected_fulfillment_options: [
        { type: "shipping", shipping: { option_id: "s", item_ids: ["v1"] } },
      ],
    },
    complete: legacyComplete,
    cancel: { intent_trace: { reason_code: "comparison" } },
  },
  "2026-01-16": {
    create: { ...legacyCreate, fulfillment_details: { address } },
    update: { items: [{ id: "v1", quantity: 3 }] },
    complete: {
      ...legacyComplete,
      authentication_result: { outcome: "failed" },
    },
    cancel: { intent_trace: { reason_code: "other", trace_summary: "later" } },
  },
  "2026-01-30": {
    create: {
      line_items: [{ id: "v1" }],
      currency: "usd",
      capabilities: { extensions: ["discount"] },
    },
    update: {
      selected_fulfillment_options: [
        { type: "pickup", option_id: "p", item_ids: ["v1"] },
      ],
    },
    complete: currentComplete,
    cancel: {},
  },
  "2026-04-17": {
    create: {
      line_items: [{ id: "v1", quantity: 2 }],
      currency: "usd",
      capabilities: {},
      fulfillment_details: { address },
    },
    update: { discounts: { codes: ["SAVE10"] }, order_notes: "ring twice" },
    complete: {
      ...currentComplete,
      marketing_consents: [{ channel: "email", opted_in: true }],
    },
    cancel: { intent_trace: { reason_code: "timing_deferred" } },
  },
};

function checkOutcome(
  version: ApiVersion,
  operation: RequestOperation,
  body: unknown,
) {
  const result = validateRequest(version, operation, body);
  if (result.ok) {
    toCanonicalRequest(version, operation, result.value, context);
    return;
  }

  expect(result.error).toBeInstanceOf(AcpError);
  expect(result.error.status).toBe(400);
  expect(result.error.param).toMatch(/^\$/);
  expect(
    validateDefinition(version, "Error", errorBody(result.error, version)),
  ).toEqual([]);
}

/** Every path to a value inside `value`, the root included. */
function pathsOf(
  value: unknown,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  if (Array.isArray(value)) {
    return [
      prefix,
      ...value.flatMap((entry, index) => pathsOf(entry, [...prefix, index])),
    ];
  }
  if (value !== null && typeof value === "object") {
    return [
      prefix,
      ...Object.entries(value).flatMap(([key, entry]) =>
        pathsOf(entry, [...prefix, key]),
      ),
    ];
  }

  return [prefix];
}

type Mutation = { path: (string | number)[]; value: unknown; remove: boolean };
type Node = Record<string | number, unknown>;

/** Applies one mutation, skipped if an earlier one removed its path. */
function mutate(body: unknown, { path, value, remove }: Mutation): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(body);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>(
      (node, key) => (isNode(node) ? node[key] : undefined),
      copy,
    );
  const last = path.at(-1) ?? "";
  if (!isNode(parent)) return copy;
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;

  return copy;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === "object";
}

function mutationOf(body: unknown): fc.Arbitrary<Mutation> {
  return fc.record({
    path: fc.constantFrom(...pathsOf(body)),
    value: fc.jsonValue({ maxDepth: 3 }),
    remove: fc.boolean(),
  });
}

describe.each(SUPPORTED_VERSIONS)("validateRequest on %s", (version) => {
  it.each(operations)("never throws on arbitrary JSON for %s", (operation) => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (body) => {
        checkOutcome(version, operation, body);
      }),
      { numRuns: 200 },
    );
  });

  it.each(operations)(
    "never throws on a mutated valid %s body",
    (operation) => {
      const valid = VALID[version][operation];
      expect(
        validateRequest(version, operation, structuredClone(valid)).ok,
      ).toBe(true);

      fc.assert(
        fc.property(
          fc.array(mutationOf(valid), { minLength: 1, maxLength: 3 }),
          (mutations) => {
            const body = mutations.reduce(mutate, valid);
            checkOutcome(version, operation, body);
          },
        ),
        { numRuns: 150 },
      );
    },
  );
});
