/**
 * The one error type of the ACP API, and its wire form.
 *
 * An `AcpError` is thrown (or returned) anywhere in the protocol layer and
 * turned into an HTTP response in one place. Its body is the protocol's
 * flat `Error` object (no envelope), written for the request's API version
 * by `errorBody`. Business problems with a valid session are not errors:
 * they travel as `messages[]` inside a 2xx session (spec notes §1.5).
 */
import { paramForVersion } from "./version-mapping/params";
import type { ApiVersion } from "./versions";

/** `Error.type` of 2026-04-17 (schema.agentic_checkout.json). */
export type ErrorType =
  "invalid_request" | "processing_error" | "service_unavailable";

/**
 * Versions before 2026-04-17 also had `request_not_idempotent`, which
 * 2026-04-17 folded into `invalid_request` (changelog/2026-04-17.md).
 */
type WireErrorType = ErrorType | "request_not_idempotent";

/** The protocol's `Error` object as sent on the wire. */
export interface ErrorBody {
  type: WireErrorType;
  code: string;
  message: string;
  param?: string;
  supported_versions?: string[];
}

export interface AcpErrorInit {
  status: number;
  /**
   * Defaults from the status: 503 → service_unavailable, other 5xx →
   * processing_error, the rest → invalid_request.
   */
  type?: ErrorType;
  code: string;
  message: string;
  /** RFC 9535 JSONPath of the field at fault: `$.line_items[0].quantity`. */
  param?: string;
  supportedVersions?: string[];
  /** Extra response headers, e.g. `Retry-After` or `Allow`. */
  headers?: Record<string, string>;
}

export class AcpError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string;
  readonly param: string | undefined;
  readonly supportedVersions: string[] | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: AcpErrorInit) {
    super(init.message);
    this.name = "AcpError";
    this.status = init.status;
    this.type = init.type ?? typeForStatus(init.status);
    this.code = init.code;
    this.param = init.param;
    this.supportedVersions = init.supportedVersions;
    this.headers = init.headers ?? {};
  }

  /** Any thrown value as an AcpError; unknown ones become a generic 500. */
  static from(error: unknown): AcpError {
    return error instanceof AcpError ? error : AcpError.internal();
  }

  static invalidJson(
    message = "The request body is not valid JSON.",
  ): AcpError {
    return new AcpError({ status: 400, code: "invalid_json", message });
  }

  static invalidField(param: string, message: string): AcpError {
    return new AcpError({ status: 400, code: "invalid", message, param });
  }

  static missingField(param: string, message: string): AcpError {
    return new AcpError({ status: 400, code: "missing", message, param });
  }

  static bodyTooLarge(limitBytes: number): AcpError {
    return new AcpError({
      status: 413,
      code: "request_too_large",
      message: `The request body is larger than ${limitBytes} bytes.`,
    });
  }

  static unsupportedMediaType(): AcpError {
    return new AcpError({
      status: 415,
      code: "unsupported_media_type",
      message: "The request body must be sent as application/json.",
    });
  }

  static notFound(what = "checkout session"): AcpError {
    return new AcpError({
      status: 404,
      code: "not_found",
      message: `The ${what} was not found.`,
    });
  }

  static methodNotAllowed(allowed: readonly string[]): AcpError {
    return new AcpError({
      status: 405,
      code: "method_not_allowed",
      message: `This endpoint accepts ${allowed.join(", ")} only.`,
      headers: { Allow: allowed.join(", ") },
    });
  }

  /**
   * Cancel of a completed or canceled session: the spec answers 405
   * ("Not cancelable", openapi.agentic_checkout.yaml, cancel responses).
   */
  static notCancelable(status: string): AcpError {
    return new AcpError({
      status: 405,
      code: "not_cancelable",
      message: `A ${status} checkout session cannot be canceled.`,
    });
  }

  static unauthorized(): AcpError {
    return new AcpError({
      status: 401,
      code: "unauthorized",
      message: "A valid API key is required (Authorization: Bearer).",
      headers: { "WWW-Authenticate": "Bearer" },
    });
  }

  /**
   * Too many requests is the caller's doing, so `invalid_request`: the
   * checkout `Error.type` enum has no rate-limit type.
   */
  static rateLimited(retryAfterSeconds: number): AcpError {
    return new AcpError({
      status: 429,
      type: "invalid_request",
      code: "rate_limited",
      message: "Too many requests. Retry after the Retry-After delay.",
      headers: retryAfter(retryAfterSeconds),
    });
  }

  /** Idempotency codes and statuses: rfc.agentic_checkout.md §6 (SEP #120). */
  static idempotencyKeyRequired(): AcpError {
    return new AcpError({
      status: 400,
      code: "idempotency_key_required",
      message: "The Idempotency-Key header is required on every POST.",
    });
  }

  static idempotencyConflict(): AcpError {
    return new AcpError({
      status: 422,
      code: "idempotency_conflict",
      message:
        "This Idempotency-Key was already used with a different request body.",
    });
  }

  static idempotencyInFlight(retryAfterSeconds: number): AcpError {
    return new AcpError({
      status: 409,
      code: "idempotency_in_flight",
      message: "A request with this Idempotency-Key is still being processed.",
      headers: retryAfter(retryAfterSeconds),
    });
  }

  static serviceUnavailable(retryAfterSeconds: number): AcpError {
    return new AcpError({
      status: 503,
      code: "service_unavailable",
      message: "The service is temporarily unavailable. Try again later.",
      headers: retryAfter(retryAfterSeconds),
    });
  }

  /** Says nothing about the cause: the stack goes to the log, not the agent. */
  static internal(): AcpError {
    return new AcpError({
      status: 500,
      code: "internal_error",
      message: "An unexpected error occurred. Try again later.",
    });
  }
}

/**
 * The `Error` body for `version`, holding only fields that version's
 * schema allows (`additionalProperties: false` in every version).
 */
export function errorBody(error: AcpError, version: ApiVersion): ErrorBody {
  const body: ErrorBody = {
    type: wireType(error, version),
    code: error.code,
    message: error.message,
  };
  // An error names a field of the request, as the agent's version spells it.
  if (error.param !== undefined) {
    body.param = paramForVersion(error.param, version, "request");
  }

  // `supported_versions` first appears in the 2026-04-17 JSON Schema.
  if (error.supportedVersions && version >= "2026-04-17") {
    body.supported_versions = error.supportedVersions;
  }

  return body;
}

const NOT_IDEMPOTENT_CODES = new Set([
  "idempotency_conflict",
  "idempotency_in_flight",
]);

/**
 * Before 2026-04-17 a reused or busy key was reported with the type
 * `request_not_idempotent`; agents of those versions look for it.
 */
function wireType(error: AcpError, version: ApiVersion): WireErrorType {
  if (version < "2026-04-17" && NOT_IDEMPOTENT_CODES.has(error.code)) {
    return "request_not_idempotent";
  }

  return error.type;
}

function typeForStatus(status: number): ErrorType {
  if (status === 503) return "service_unavailable";

  return status >= 500 ? "processing_error" : "invalid_request";
}

function retryAfter(seconds: number): Record<string, string> {
  const whole = Number.isFinite(seconds) ? Math.ceil(seconds) : 1;

  return { "Retry-After": String(Math.max(1, whole)) };
}
