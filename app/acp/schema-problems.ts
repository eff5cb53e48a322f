/**
 * Turns ajv's errors into problems a person can read: a JSONPath `param`
 * and one plain sentence naming the field. A request gets exactly one
 * problem back (style.md, habit 3), so `pickProblem` chooses the most
 * useful one when ajv reports several.
 */
import type { ErrorObject } from "ajv";
import {
  formatJsonPath,
  pointerToSegments,
  type PathSegment,
} from "./json-path";

export interface SchemaProblem {
  /** `missing` for an absent required field, `invalid` for anything else. */
  code: "missing" | "invalid";
  param: string;
  message: string;
}

interface Located {
  error: ErrorObject;
  segments: PathSegment[];
}

/** Every error, described, in ajv's order. */
export function describeErrors(
  errors: readonly ErrorObject[],
  data: unknown,
): SchemaProblem[] {
  return errors.map((error) => describe(locate(error, data)));
}

/**
 * The one problem to report. Summary errors of `oneOf`/`anyOf`/`if` and
 * discriminator mismatches (`type` is not the branch's const) say little,
 * so they go first; then the deepest field wins, and at equal depth an
 * unknown field beats a missing one, which beats the rest.
 */
export function pickProblem(
  errors: readonly ErrorObject[],
  data: unknown,
): SchemaProblem {
  const located = errors.map((error) => locate(error, data));
  const telling = located.filter((entry) => !isUninformative(entry));
  const candidates = telling.length > 0 ? telling : located;
  const [best] = [...candidates].sort(byRelevance);

  return best ? describe(best) : bodyProblem();
}

function locate(error: ErrorObject, data: unknown): Located {
  const segments = pointerToSegments(error.instancePath, data);
  const field = fieldOf(error);

  return { error, segments: field ? [...segments, field] : segments };
}

// `required` and `additionalProperties` are reported on the parent object;
// the field they are about is one level deeper.
function fieldOf(error: ErrorObject): string | undefined {
  const { missingProperty, additionalProperty } = error.params as {
    missingProperty?: string;
    additionalProperty?: string;
  };
  if (error.keyword === "required") return missingProperty;
  if (error.keyword === "additionalProperties") return additionalProperty;

  return undefined;
}

const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "if", "not"]);

function isUninformative({ error, segments }: Located): boolean {
  if (SUMMARY_KEYWORDS.has(error.keyword)) return true;

  return error.keyword === "const" && segments.at(-1) === "type";
}

const KEYWORD_RANK: Record<string, number> = {
  additionalProperties: 0,
  required: 1,
  type: 2,
};

function byRelevance(a: Located, b: Located): number {
  const depth = b.segments.length - a.segments.length;
  if (depth !== 0) return depth;

  return rank(a) - rank(b);
}

function rank({ error }: Located): number {
  return KEYWORD_RANK[error.keyword] ?? 3;
}

function describe({ error, segments }: Located): SchemaProblem {
  const param = formatJsonPath(segments);
  const label = labelOf(param);
  if (segments.length === 0 && error.keyword === "type") return bodyProblem();
  if (error.keyword === "required") {
    return { code: "missing", param, message: `${label} is required.` };
  }

  return { code: "invalid", param, message: sentence(label, error) };
}

function bodyProblem(): SchemaProblem {
  return {
    code: "invalid",
    param: "$",
    message: "The body must be a JSON object.",
  };
}

function labelOf(param: string): string {
  return param === "$" ? "The value" : `Field ${param.slice(2)}`;
}

function sentence(label: string, error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const describeKeyword = KEYWORD_SENTENCES[error.keyword];
  const rest = describeKeyword
    ? describeKeyword(params)
    : (error.message ?? "is not valid");

  return `${label} ${rest}.`;
}

const KEYWORD_SENTENCES: Record<
  string,
  (params: Record<string, unknown>) => string
> = {
  additionalProperties: () => "is not a known field",
  type: ({ type }) => `must be ${withArticle(String(type))}`,
  enum: ({ allowedValues }) => `must be one of: ${listOf(allowedValues)}`,
  const: ({ allowedValue }) => `must be ${JSON.stringify(allowedValue)}`,
  minimum: ({ limit }) => `must be at least ${String(limit)}`,
  maximum: ({ limit }) => `must be at most ${String(limit)}`,
  exclusiveMinimum: ({ limit }) => `must be greater than ${String(limit)}`,
  exclusiveMaximum: ({ limit }) => `must be less than ${String(limit)}`,
  minItems: ({ limit }) => `must have at least ${String(limit)} item(s)`,
  maxItems: ({ limit }) => `must have at most ${String(limit)} item(s)`,
  minLength: ({ limit }) => `must be at least ${String(limit)} characters`,
  maxLength: ({ limit }) => `must be at most ${String(limit)} characters`,
  pattern: () => "is not in the expected format",
  format: ({ format }) => `must be a valid ${formatName(String(format))}`,
  uniqueItems: () => "must not contain duplicate items",
};

function withArticle(types: string): string {
  const names = types.split(",").map((name) => TYPE_NAMES[name] ?? name);

  return names.join(" or ");
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

function listOf(values: unknown): string {
  if (!Array.isArray(values)) return "the allowed values";
  const shown = values.slice(0, 12).map(String).join(", ");

  return values.length > 12 ? `${shown}, ...` : shown;
}

const FORMAT_NAMES: Record<string, string> = {
  email: "email address",
  uri: "absolute URL",
  "date-time": "RFC 3339 date-time",
};

function formatName(format: string): string {
  return FORMAT_NAMES[format] ?? format;
}
