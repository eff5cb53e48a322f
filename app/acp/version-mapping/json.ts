/** Small helpers for reshaping parsed JSON without mutating it. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The object entries of an array; anything else reads as empty. */
export function objectsIn(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

export function stringAt(value: JsonObject, key: string): string | undefined {
  const field = value[key];

  return typeof field === "string" ? field : undefined;
}

/** A copy without `keys`. */
export function omit(value: JsonObject, keys: readonly string[]): JsonObject {
  const copy = { ...value };
  for (const key of keys) delete copy[key];

  return copy;
}

/** A copy where `key` is set, or removed when `field` is undefined. */
export function withField(
  value: JsonObject,
  key: string,
  field: unknown,
): JsonObject {
  if (field === undefined) return omit(value, [key]);

  return { ...value, [key]: field };
}
