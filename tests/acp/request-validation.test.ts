import { describe, expect, it } from "vitest";
import {
  validateRequest,
  validator,
  warmUpValidators,
  type RequestOperation,
} from "../../app/acp/schemas.server";
import type { ApiVersion } from "../../app/acp/versions";

const createBody = {
  currency: "usd",
  line_items: [{ id: "v1" }],
  capabilities: {},
};

function errorOf(
  version: ApiVersion,
  operation: RequestOperation,
  body: unknown,
) {
  const result = validateRequest(version, operation, body);
  if (result.ok) throw new Error("expected the body to be refused");

  return result.error;
}

describe("validateRequest", () => {
  it.each([
    ["a JSON array", "create", [], "invalid", "$"],
    ["null", "create", null, "invalid", "$"],
    ["a string", "update", "hello", "invalid", "$"],
    [
      "a missing currency",
      "create",
      { line_items: [{ id: "v1" }], capabilities: {} },
      "missing",
      "$.currency",
    ],
    [
      "an empty line item list",
      "create",
      { ...createBody, line_items: [] },
      "invalid",
      "$.line_items",
    ],
    [
      "a line item without id",
      "create",
      { ...createBody, line_items: [{}] },
      "missing",
      "$.line_items[0].id",
    ],
    [
      "a numeric item id",
      "update",
      { line_items: [{ id: 7 }] },
      "invalid",
      "$.line_items[0].id",
    ],
    [
      "quantity 0",
      "create",
      { ...createBody, line_items: [{ id: "v1", quantity: 0 }] },
      "invalid",
      "$.line_items[0].quantity",
    ],
    [
      "a decimal quantity",
      "update",
      { line_items: [{ id: "v1" }, { id: "v2", quantity: 1.5 }] },
      "invalid",
      "$.line_items[1].quantity",
    ],
    [
      "the 2025 field items",
      "create",
      { ...createBody, items: [] },
      "invalid",
      "$.items",
    ],
    [
      "an unknown address field",
      "update",
      {
        fulfillment_details: {
          address: {
            name: "A",
            line_one: "1",
            city: "X",
            state: "Y",
            country: "US",
            postal_code: "1",
            floor: 3,
          },
        },
      },
      "invalid",
      "$.fulfillment_details.address.floor",
    ],
    [
      "a bad email",
      "update",
      { buyer: { email: "not an email" } },
      "invalid",
      "$.buyer.email",
    ],
    [
      "an unknown fulfillment type",
      "update",
      {
        selected_fulfillment_options: [
          { type: "drone", option_id: "o", item_ids: [] },
        ],
      },
      "invalid",
      "$.selected_fulfillment_options[0].type",
    ],
    [
      "payment data without handler or PO",
      "complete",
      { payment_data: {} },
      "missing",
      "$.payment_data.handler_id",
    ],
    [
      "a credential without token",
      "complete",
      {
        payment_data: {
          handler_id: "h",
          instrument: { type: "card", credential: { type: "spt" } },
        },
      },
      "missing",
      "$.payment_data.instrument.credential.token",
    ],
    [
      "an unknown cancel reason type",
      "cancel",
      { intent_trace: { reason_code: 5 } },
      "invalid",
      "$.intent_trace.reason_code",
    ],
    ["a cancel body that is not an object", "cancel", [1], "invalid", "$"],
    [
      "order notes over 5000 characters",
      "update",
      { order_notes: "x".repeat(5001) },
      "invalid",
      "$.order_notes",
    ],
    [
      "a metadata key needing brackets",
      "create",
      {
        ...createBody,
        affiliate_attribution: {
          provider: "p",
          token: "t",
          metadata: { "a b": [] },
        },
      },
      "invalid",
      "$.affiliate_attribution.metadata['a b']",
    ],
  ] as const)(
    "refuses %s with one error",
    (_case, operation, body, code, param) => {
      const error = errorOf("2026-04-17", operation, structuredClone(body));

      expect(error).toMatchObject({
        status: 400,
        type: "invalid_request",
        code,
        param,
      });
      expect(error.message).toMatch(/\.$/);
    },
  );

  it("names the field in plain words", () => {
    const error = errorOf("2026-04-17", "create", {
      ...createBody,
      line_items: [{ id: "v1", quantity: 0 }],
    });

    expect(error.message).toBe(
      "Field line_items[0].quantity must be at least 1.",
    );
  });

  it.each([
    [
      "2025-09-29",
      "create",
      { items: [{ id: "v1", quantity: 0 }] },
      "$.items[0].quantity",
    ],
    [
      "2025-09-29",
      "create",
      { items: [{ id: "v1", quantity: 2.5 }] },
      "$.items[0].quantity",
    ],
    [
      "2025-09-29",
      "update",
      { fulfillment_details: {} },
      "$.fulfillment_details",
    ],
    ["2025-12-12", "create", { items: [{ id: "v1" }] }, "$.items[0].quantity"],
    [
      "2025-12-12",
      "update",
      { selected_fulfillment_options: [{ type: "shipping" }] },
      "$.selected_fulfillment_options[0].shipping",
    ],
    [
      "2026-01-16",
      "complete",
      { payment_data: { token: "t", provider: "adyen" } },
      "$.payment_data.provider",
    ],
    ["2026-01-30", "create", { items: [{ id: "v1", quantity: 1 }] }, "$.items"],
  ] as const)(
    "in %s refuses a %s body %j at %s",
    (version, operation, body, param) => {
      expect(errorOf(version, operation, body).param).toBe(param);
    },
  );

  describe("request line item quantity (overlay for issue #264)", () => {
    it.each(["2026-01-30", "2026-04-17"] as const)(
      "in %s accepts a quantity and defaults it to 1",
      (version) => {
        const body = {
          ...createBody,
          line_items: [{ id: "v1" }, { id: "v2", quantity: 4 }],
        };

        const result = validateRequest(version, "create", body);

        expect(result).toEqual({
          ok: true,
          value: {
            ...createBody,
            line_items: [
              { id: "v1", quantity: 1 },
              { id: "v2", quantity: 4 },
            ],
          },
        });
      },
    );

    it("refuses quantity 0 at $.line_items[0].quantity", () => {
      const body = { ...createBody, line_items: [{ id: "v1", quantity: 0 }] };

      expect(errorOf("2026-04-17", "create", body)).toMatchObject({
        code: "invalid",
        param: "$.line_items[0].quantity",
      });
    });
  });

  it("accepts an empty extension list (overlay for the oneOf defect)", () => {
    const body = { ...createBody, capabilities: { extensions: [] } };

    expect(validateRequest("2026-04-17", "create", body).ok).toBe(true);
  });

  it.each([
    ["2025-09-29", undefined],
    ["2025-09-29", { anything: true }],
    ["2026-04-17", undefined],
    ["2026-04-17", {}],
  ] as const)("in %s accepts the optional cancel body %j", (version, body) => {
    expect(validateRequest(version, "cancel", body).ok).toBe(true);
  });
});

describe("validators", () => {
  it("are compiled once and reused", () => {
    warmUpValidators();
    const first = validator(
      "2026-01-30",
      "request",
      "CheckoutSessionCreateRequest",
    );

    expect(
      validator("2026-01-30", "request", "CheckoutSessionCreateRequest"),
    ).toBe(first);
    expect(
      validator("2026-01-30", "response", "CheckoutSessionCreateRequest"),
    ).not.toBe(first);
  });

  it("throw on a definition the schema does not have", () => {
    expect(() => validator("2026-04-17", "response", "Nope")).toThrow();
  });
});
