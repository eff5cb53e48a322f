/**
 * Errors in Stripe's v1 wire shape:
 * `{ error: { type, code, decline_code, message, param, doc_url, ... } }`.
 * https://docs.stripe.com/api/errors
 */

export type StripeErrorType =
  "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  charge?: string;
  advice_code?: string;
  payment_method_type?: string;
  /** Full objects, as Stripe nests them in card errors. */
  payment_intent?: unknown;
  payment_method?: unknown;
}

/**
 * `validation` errors happen before an endpoint starts executing, so Stripe
 * saves no idempotent result for them; `execution` errors are saved and
 * replayed like successes. https://docs.stripe.com/api/idempotent_requests
 */
export type ErrorStage = "validation" | "execution";

export class StripeApiError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;
  readonly stage: ErrorStage;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    fields: StripeErrorFields,
    stage: ErrorStage,
    headers: Record<string, string> = {},
  ) {
    super(fields.message);
    this.status = status;
    this.fields = fields;
    this.stage = stage;
    this.headers = headers;
  }

  body(requestId: string): { error: Record<string, unknown> } {
    const { code } = this.fields;
    const docUrl = code
      ? `https://stripe.com/docs/error-codes/${docSlug(code)}`
      : undefined;

    return {
      error: {
        ...this.fields,
        ...(docUrl ? { doc_url: docUrl } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}`,
      },
    };
  }
}

function docSlug(code: string): string {
  return code.replaceAll("_", "-");
}

type Detail = Omit<StripeErrorFields, "type">;

/** A 400 raised while reading parameters: never saved for idempotency. */
export function invalidRequest(detail: Detail): StripeApiError {
  return new StripeApiError(
    400,
    { type: "invalid_request_error", ...detail },
    "validation",
  );
}

/** A 400 raised by the endpoint's own logic: saved and replayed. */
export function invalidState(detail: Detail): StripeApiError {
  return new StripeApiError(
    400,
    { type: "invalid_request_error", ...detail },
    "execution",
  );
}

export function notFound(
  kind: string,
  id: string,
  param?: string,
): StripeApiError {
  // A missing object in the URL is a 404; one named in a parameter is a 400.
  return new StripeApiError(
    param ? 400 : 404,
    {
      type: "invalid_request_error",
      code: "resource_missing",
      message: `No such ${kind}: '${id}'`,
      ...(param ? { param } : {}),
    },
    param ? "validation" : "execution",
  );
}

export function cardError(detail: Detail): StripeApiError {
  return new StripeApiError(
    402,
    { type: "card_error", ...detail },
    "execution",
  );
}

export function unknownRoute(method: string, path: string): StripeApiError {
  return new StripeApiError(
    404,
    {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    },
    "validation",
  );
}
