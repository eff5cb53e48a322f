/**
 * The vendored schema files themselves: the discount extension's own
 * schema and the copy embedded in the checkout bundle must agree, since
 * validation uses the bundle's copy.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import discount0130 from "../../app/acp/spec/2026-01-30/schema.discount.json";
import discount0417 from "../../app/acp/spec/2026-04-17/schema.discount.json";
import {
  loadCheckoutSchema,
  officialCheckoutSchema,
} from "../../app/acp/schema-overlays";
import { SUPPORTED_VERSIONS, type ApiVersion } from "../../app/acp/versions";

const root = path.join(import.meta.dirname, "..", "..");

const NAMES: Record<string, string> = {
  allocation: "DiscountAllocation",
  coupon: "Coupon",
  applied_discount: "AppliedDiscount",
  rejected_discount: "RejectedDiscount",
  discounts_request: "DiscountsRequest",
  discounts_response: "DiscountsResponse",
  discount_error_codes: "DiscountErrorCode",
};

function defsOf(version: ApiVersion): unknown {
  return officialCheckoutSchema(version).$defs;
}

/** Drops annotations and renames refs to the bundle's names. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value)
    .filter(
      ([key]) => !["description", "example", "examples", "title"].includes(key),
    )
    .map(([key, field]) => [
      key,
      key === "$ref" ? renameRef(field) : normalize(field),
    ]);

  return Object.fromEntries(
    entries.sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

function renameRef(ref: unknown): unknown {
  const name = String(ref).replace("#/$defs/", "");

  return `#/$defs/${NAMES[name] ?? name}`;
}

describe.each([
  ["2026-01-30", defsOf("2026-01-30"), discount0130.$defs],
  ["2026-04-17", defsOf("2026-04-17"), discount0417.$defs],
])("%s discount definitions", (_version, bundleDefs, discountDefs) => {
  it.each(Object.entries(NAMES))(
    "%s equals the bundle's %s",
    (own, embedded) => {
      const ownSchema = (discountDefs as Record<string, unknown>)[own];
      const bundleSchema = (bundleDefs as Record<string, unknown>)[embedded];

      expect(ownSchema).toBeDefined();
      expect(normalize(ownSchema)).toEqual(normalize(bundleSchema));
    },
  );
});

describe("loadCheckoutSchema", () => {
  it.each(SUPPORTED_VERSIONS)(
    "leaves the released %s bundle untouched",
    (version) => {
      const before = JSON.stringify(officialCheckoutSchema(version));

      loadCheckoutSchema(version);

      expect(JSON.stringify(officialCheckoutSchema(version))).toBe(before);
    },
  );
});

/**
 * The vendored files must stay byte for byte as released (a formatter run
 * over them would otherwise go unnoticed); SHA256SUMS was written when
 * they were copied.
 */
describe.each([
  ["app/acp/spec", path.join(root, "app", "acp", "spec")],
  ["tests/acp/examples", path.join(root, "tests", "acp", "examples")],
])("vendored files in %s", (_name, folder) => {
  const sums = readFileSync(path.join(folder, "SHA256SUMS"), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(/\s+\.\//));

  it.each(sums)("%s is unmodified", (sum, file) => {
    const bytes = readFileSync(path.join(folder, file ?? ""));

    expect(createHash("sha256").update(bytes).digest("hex")).toBe(sum);
  });
});
