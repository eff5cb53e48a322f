/**
 * Stripe's v1 API takes `application/x-www-form-urlencoded` bodies (and query
 * strings) with Rack-style brackets: `a[b][c]=1` nests, `a[]=x` appends and
 * `a[0]=x` indexes. Indexed keys stay objects here ("0", "1", ...); the
 * readers in params.ts accept both shapes, as Stripe does for array params,
 * while metadata keeps numeric keys as plain keys.
 */
import { invalidRequest } from "./errors";

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export function parseForm(text: string): FormObject {
  const root: FormObject = {};

  for (const [key, value] of new URLSearchParams(text)) {
    assign(root, splitKey(key), value, key);
  }

  return root;
}

/** `a[b][]` → ["a", "b", ""]; a key with broken brackets is one segment. */
export function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match || match[1] === undefined) return [key];

  const rest = match[2] ?? "";
  const inner = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "");
  return [match[1], ...inner];
}

function assign(
  container: FormObject | FormValue[],
  path: string[],
  value: string,
  fullKey: string,
): void {
  const [head, ...rest] = path;
  if (head === undefined) return;

  if (rest.length === 0) {
    setLeaf(container, head, value, fullKey);
    return;
  }

  const child = childContainer(container, head, rest[0] === "", fullKey);
  assign(child, rest, value, fullKey);
}

function setLeaf(
  container: FormObject | FormValue[],
  head: string,
  value: string,
  fullKey: string,
): void {
  if (Array.isArray(container)) {
    if (head !== "") throw mixedShapes(fullKey);
    container.push(value);
    return;
  }

  // A repeated scalar key keeps the last value, as Rack does.
  const existing = container[head];
  if (existing !== undefined && typeof existing !== "string") {
    throw mixedShapes(fullKey);
  }
  container[head] = value;
}

function childContainer(
  container: FormObject | FormValue[],
  head: string,
  wantsArray: boolean,
  fullKey: string,
): FormObject | FormValue[] {
  if (Array.isArray(container)) {
    // `a[][b]=1` builds an array of hashes; each new field starts an element
    // unless the last element lacks it (Rack's rule).
    return arrayElement(container, fullKey);
  }

  const existing = container[head];
  if (existing === undefined) {
    const created: FormObject | FormValue[] = wantsArray ? [] : {};
    container[head] = created;
    return created;
  }

  if (typeof existing === "string") throw mixedShapes(fullKey);
  if (Array.isArray(existing) !== wantsArray) throw mixedShapes(fullKey);
  return existing;
}

function arrayElement(array: FormValue[], fullKey: string): FormObject {
  const created: FormObject = {};
  const last = array[array.length - 1];
  if (last !== undefined && typeof last === "object" && !Array.isArray(last)) {
    const keyName = splitKey(fullKey).slice(-1)[0] ?? "";
    if (!(keyName in last)) return last;
  }
  array.push(created);
  return created;
}

function mixedShapes(key: string): Error {
  const name = splitKey(key)[0] ?? key;
  return invalidRequest({
    message: `Invalid hash or array for parameter ${key}: a parameter cannot be both a value and a hash or an array.`,
    param: name,
  });
}

/** Stable text of parsed params, for comparing idempotent requests. */
export function fingerprint(value: FormValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;

  const keys = Object.keys(value).sort();
  const parts = keys.map((k) => {
    const child = value[k];
    return `${JSON.stringify(k)}:${child === undefined ? "" : fingerprint(child)}`;
  });
  return `{${parts.join(",")}}`;
}
