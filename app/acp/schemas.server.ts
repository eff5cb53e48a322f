/**
 * Request and response validation against the official ACP JSON Schemas
 * (with the overlays of schema-overlays.ts), for every supported version.
 *
 * Each validator is compiled once, on first use, and cached: compiling a
 * version's validators takes a few tens of milliseconds, validating a body
 * a few microseconds. `warmUpValidators()` compiles them all at start so no
 * agent request pays for it.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { AcpError } from "./errors";
import { loadCheckoutSchema } from "./schema-overlays";
import {
  describeErrors,
  pickProblem,
  type SchemaProblem,
} from "./schema-problems";
import { SUPPORTED_VERSIONS, type ApiVersion } from "./versions";

export type RequestOperation = "create" | "update" | "complete" | "cancel";
export type ResponseOperation = RequestOperation | "get";
export type JsonObject = { [key: string]: unknown };
export type { SchemaProblem };

export type RequestValidation =
  { ok: true; value: JsonObject } | { ok: false; error: AcpError };

const REQUEST_DEFINITIONS: Record<RequestOperation, string> = {
  create: "CheckoutSessionCreateRequest",
  update: "CheckoutSessionUpdateRequest",
  complete: "CheckoutSessionCompleteRequest",
  cancel: "CancelSessionRequest",
};

const RESPONSE_DEFINITIONS: Record<ResponseOperation, string> = {
  create: "CheckoutSession",
  update: "CheckoutSession",
  get: "CheckoutSession",
  cancel: "CheckoutSession",
  complete: "CheckoutSessionWithOrder",
};

/**
 * Validates a parsed request body. On success `value` is the body itself,
 * with the schema's defaults filled in (ajv `useDefaults`, e.g. a request
 * line item's `quantity` of 1). Cancel's body is optional (openapi
 * `requestBody.required: false`), so `undefined` is an empty cancel.
 */
export function validateRequest(
  version: ApiVersion,
  operation: RequestOperation,
  body: unknown,
): RequestValidation {
  if (operation === "cancel" && body === undefined) {
    return { ok: true, value: {} };
  }
  const validate = validator(
    version,
    "request",
    REQUEST_DEFINITIONS[operation],
  );
  if (validate(body)) return { ok: true, value: body as JsonObject };

  const problem = pickProblem(validate.errors ?? [], body);

  return { ok: false, error: new AcpError({ status: 400, ...problem }) };
}

/** Every way `body` breaks the version's response schema; empty if none. */
export function validateResponse(
  version: ApiVersion,
  operation: ResponseOperation,
  body: unknown,
): SchemaProblem[] {
  return validateDefinition(version, RESPONSE_DEFINITIONS[operation], body);
}

/**
 * Validates a value against any `$defs` entry of the version's bundle
 * (`Error`, `Order`, `DiscoveryResponse`, ...), for conformance tests.
 */
export function validateDefinition(
  version: ApiVersion,
  definition: string,
  value: unknown,
): SchemaProblem[] {
  const validate = validator(version, "response", definition);
  if (validate(value)) return [];

  return describeErrors(validate.errors ?? [], value);
}

/** Compiles every request and response validator now, not on first use. */
export function warmUpValidators(): void {
  for (const version of SUPPORTED_VERSIONS) {
    for (const definition of Object.values(REQUEST_DEFINITIONS)) {
      validator(version, "request", definition);
    }
    for (const definition of new Set(Object.values(RESPONSE_DEFINITIONS))) {
      validator(version, "response", definition);
    }
  }
}

/**
 * Requests and responses use separate ajv instances: requests fill in
 * defaults, responses must be checked exactly as they will be sent.
 */
type Direction = "request" | "response";

const instances = new Map<string, Ajv2020>();
const validators = new Map<string, ValidateFunction>();

export function validator(
  version: ApiVersion,
  direction: Direction,
  definition: string,
): ValidateFunction {
  const key = `${version} ${direction} ${definition}`;
  const cached = validators.get(key);
  if (cached) return cached;

  const ajv = ajvFor(version, direction);
  const compiled = ajv.getSchema(`checkout#/$defs/${definition}`);
  if (!compiled) throw new Error(`No ACP schema definition ${definition}`);
  validators.set(key, compiled);

  return compiled;
}

function ajvFor(version: ApiVersion, direction: Direction): Ajv2020 {
  const key = `${version} ${direction}`;
  const cached = instances.get(key);
  if (cached) return cached;

  const ajv = createAjv(direction);
  ajv.addSchema(loadCheckoutSchema(version), "checkout");
  instances.set(key, ajv);

  return ajv;
}

function createAjv(direction: Direction): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    useDefaults: direction === "request",
    // Strict, except for habits of the official schemas that are valid
    // JSON Schema: `required` inside `anyOf` branches, union types, and
    // `properties` without `type: object` in `if` clauses.
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
  });
  // The schemas carry OpenAPI-style `example` annotations.
  ajv.addVocabulary(["example"]);
  addFormats(ajv);

  return ajv;
}
