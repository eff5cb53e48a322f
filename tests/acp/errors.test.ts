import { describe, expect, it } from "vitest";
import { AcpError, errorBody } from "../../app/acp/errors";
import { validateDefinition } from "../../app/acp/schemas.server";
import { parseApiVersion, SUPPORTED_VERSIONS } from "../../app/acp/versions";

describe("AcpError constructors", () => {
  it.each([
    [
      "invalidJson",
      AcpError.invalidJson(),
      400,
      "invalid_request",
      "invalid_json",
      {},
    ],
    [
      "bodyTooLarge",
      AcpError.bodyTooLarge(65536),
      413,
      "invalid_request",
      "request_too_large",
      {},
    ],
    [
      "unsupportedMediaType",
      AcpError.unsupportedMediaType(),
      415,
      "invalid_request",
      "unsupported_media_type",
      {},
    ],
    ["notFound", AcpError.notFound(), 404, "invalid_request", "not_found", {}],
    [
      "methodNotAllowed",
      AcpError.methodNotAllowed(["GET", "POST"]),
      405,
      "invalid_request",
      "method_not_allowed",
      { Allow: "GET, POST" },
    ],
    [
      "notCancelable",
      AcpError.notCancelable("completed"),
      405,
      "invalid_request",
      "not_cancelable",
      {},
    ],
    [
      "unauthorized",
      AcpError.unauthorized(),
      401,
      "invalid_request",
      "unauthorized",
      { "WWW-Authenticate": "Bearer" },
    ],
    [
      "rateLimited",
      AcpError.rateLimited(1.2),
      429,
      "invalid_request",
      "rate_limited",
      { "Retry-After": "2" },
    ],
    [
      "idempotencyKeyRequired",
      AcpError.idempotencyKeyRequired(),
      400,
      "invalid_request",
      "idempotency_key_required",
      {},
    ],
    [
      "idempotencyConflict",
      AcpError.idempotencyConflict(),
      422,
      "invalid_request",
      "idempotency_conflict",
      {},
    ],
    [
      "idempotencyInFlight",
      AcpError.idempotencyInFlight(0),
      409,
      "invalid_request",
      "idempotency_in_flight",
      { "Retry-After": "1" },
    ],
    [
      "serviceUnavailable",
      AcpError.serviceUnavailable(30),
      503,
      "service_unavailable",
      "service_unavailable",
      { "Retry-After": "30" },
    ],
    [
      "internal",
      AcpError.internal(),
      500,
      "processing_error",
      "internal_error",
      {},
    ],
  ] as const)("%s gives %i", (_name, error, status, type, code, headers) => {
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status, type, code, headers });
  });

  it("turns an unknown error into a 500 that reveals nothing", () => {
    const error = AcpError.from(new Error("password=hunter2 at db.ts:12"));

    expect(error.status).toBe(500);
    expect(JSON.stringify(errorBody(error, "2026-04-17"))).not.toMatch(
      /hunter2|db\.ts/,
    );
  });

  it("keeps an AcpError as it is", () => {
    const error = AcpError.notFound();

    expect(AcpError.from(error)).toBe(error);
  });
});

describe("errorBody", () => {
  const unsupported = parseApiVersion("2024-01-01");
  const samples = [
    AcpError.invalidField("$.line_items[0].quantity", "Too few."),
    AcpError.idempotencyConflict(),
    AcpError.idempotencyInFlight(2),
    AcpError.internal(),
    AcpError.serviceUnavailable(5),
    unsupported instanceof AcpError ? unsupported : AcpError.internal(),
  ];

  describe.each(SUPPORTED_VERSIONS)("for %s", (version) => {
    it.each(samples.map((error) => [error.code, error] as const))(
      "writes %s as a valid Error",
      (_code, error) => {
        const body = errorBody(error, version);

        expect(validateDefinition(version, "Error", body)).toEqual([]);
      },
    );
  });

  it.each([
    ["2026-04-17", "idempotency_conflict", "invalid_request"],
    ["2026-01-30", "idempotency_conflict", "request_not_idempotent"],
    ["2025-09-29", "idempotency_in_flight", "request_not_idempotent"],
    ["2025-09-29", "idempotency_key_required", "invalid_request"],
  ] as const)("in %s types %s as %s", (version, code, type) => {
    const error = new AcpError({ status: 409, code, message: "m" });

    expect(errorBody(error, version).type).toBe(type);
  });

  it("lists supported versions only where the schema has the field", () => {
    const error = parseApiVersion(null);
    if (!(error instanceof AcpError)) throw new Error("expected an error");

    expect(errorBody(error, "2026-04-17").supported_versions).toEqual([
      ...SUPPORTED_VERSIONS,
    ]);
    expect(errorBody(error, "2026-01-30")).not.toHaveProperty(
      "supported_versions",
    );
  });

  it("carries the param", () => {
    const error = AcpError.missingField(
      "$.currency",
      "Field currency is required.",
    );

    expect(errorBody(error, "2026-04-17")).toEqual({
      type: "invalid_request",
      code: "missing",
      message: "Field currency is required.",
      param: "$.currency",
    });
  });
});
