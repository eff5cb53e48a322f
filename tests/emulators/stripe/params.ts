/**
 * Typed readers over parsed form params, failing with Stripe's messages
 * ("Missing required param: amount.", "Invalid integer: abc", "Received
 * unknown parameter: foo"). Rejecting unknown parameters matters: real Stripe
 * does, so a typo or a field the API version lacks must fail here too.
 */
import { invalidRequest } from "./errors";
import type { FormObject, FormValue } from "./form";

export class Params {
  constructor(
    readonly values: FormObject,
    private readonly prefix = "",
  ) {}

  /**
   * Fails on any key outside `allowed`, naming it as Stripe does. Keys in
   * `unmodelled` are real Stripe parameters the emulator does not model:
   * they fail with a message that says so, not as unknown.
   */
  allowOnly(
    allowed: readonly string[],
    unmodelled: readonly string[] = [],
  ): this {
    for (const key of Object.keys(this.values)) {
      if (allowed.includes(key)) continue;
      if (unmodelled.includes(key)) throw this.unmodelled(key);
      throw invalidRequest({
        code: "parameter_unknown",
        message: `Received unknown parameter: ${this.name(key)}`,
        param: this.name(key),
      });
    }
    return this;
  }

  private unmodelled(key: string): Error {
    return invalidRequest({
      code: "emulator_unmodelled_parameter",
      message: `Stripe accepts ${this.name(key)}, but the Stripe emulator does not model it yet (tests/emulators/stripe).`,
      param: this.name(key),
    });
  }

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  string(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw this.invalid(key, "string");
    return value;
  }

  requireString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === "") throw this.missing(key);
    return value;
  }

  /** An empty string clears a field in Stripe; this reads it as null. */
  nullableString(key: string): string | null | undefined {
    const value = this.string(key);
    return value === "" ? null : value;
  }

  integer(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) {
      throw invalidRequest({
        code: "parameter_invalid_integer",
        message: `Invalid integer: ${value}`,
        param: this.name(key),
      });
    }
    return Number(value);
  }

  requireInteger(key: string): number {
    const value = this.integer(key);
    if (value === undefined) throw this.missing(key);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw invalidRequest({
      message: `Invalid boolean: ${value}`,
      param: this.name(key),
    });
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;

    const match = allowed.find((candidate) => candidate === value);
    if (match === undefined) {
      throw invalidRequest({
        message: `Invalid ${key}: must be one of ${allowed.join(", ")}`,
        param: this.name(key),
      });
    }
    return match;
  }

  currency(key: string): string {
    const value = this.requireString(key).toLowerCase();
    if (!/^[a-z]{3}$/.test(value)) {
      throw invalidRequest({
        message: `Invalid currency: ${value}. Stripe currently supports these currencies: usd, eur, gbp, cad, aud, ...`,
        param: this.name(key),
      });
    }
    return value;
  }

  hash(key: string): Params | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value === "string" && value === "")
      return new Params({}, this.name(key));
    if (typeof value === "string" || Array.isArray(value)) {
      throw this.invalid(key, "hash");
    }
    return new Params(value, this.name(key));
  }

  /** Accepts `a[]=x` and `a[0]=x` alike. */
  stringArray(key: string): string[] {
    const value = this.values[key];
    if (value === undefined) return [];

    const items = listItems(value);
    if (!items || !items.every((v) => typeof v === "string")) {
      throw this.invalid(key, "array");
    }
    return items.filter((v): v is string => typeof v === "string");
  }

  /**
   * Metadata: string values, at most 50 keys; `metadata[k]=` deletes `k` and
   * `metadata=` clears all, which `merge` applies over the stored value.
   */
  metadata(key: string): Record<string, string> | null | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (value === "") return null;

    const hash = this.hash(key);
    if (!hash) return undefined;

    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(hash.values)) {
      if (typeof v !== "string") throw hash.invalid(k, "string");
      out[k] = v;
    }
    return out;
  }

  missing(key: string): Error {
    return invalidRequest({
      code: "parameter_missing",
      message: `Missing required param: ${this.name(key)}.`,
      param: this.name(key),
    });
  }

  private invalid(key: string, shape: string): Error {
    return invalidRequest({
      message: `Invalid ${shape} for parameter ${this.name(key)}.`,
      param: this.name(key),
    });
  }
}

function listItems(value: FormValue): FormValue[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return undefined;

  const keys = Object.keys(value);
  if (!keys.every((k) => /^\d+$/.test(k))) return undefined;
  return keys
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => value[k])
    .filter((v): v is FormValue => v !== undefined);
}

/** Applies a metadata update as Stripe does: merge, "" deletes a key. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};

  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}
