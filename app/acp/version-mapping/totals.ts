/** `Total` entries across versions: the `type` enum grew over time. */
import { objectsIn, stringAt, type JsonObject } from "./json";

/**
 * Renames total types an older version lacks to their nearest kin, then
 * drops any the version still cannot name. Non-arrays pass through.
 */
export function mapTotals(
  totals: unknown,
  allowed: readonly string[],
  renames: Readonly<Record<string, string>>,
): unknown {
  if (!Array.isArray(totals)) return totals;

  return objectsIn(totals)
    .map((total) => renamed(total, renames))
    .filter((total) => allowed.includes(stringAt(total, "type") ?? ""));
}

function renamed(
  total: JsonObject,
  renames: Readonly<Record<string, string>>,
): JsonObject {
  const type = stringAt(total, "type") ?? "";
  const replacement = renames[type];

  return replacement ? { ...total, type: replacement } : total;
}

/** The amount of the first total of `type`, if any. */
export function amountOf(totals: unknown, type: string): number | undefined {
  const total = objectsIn(totals).find((entry) => entry.type === type);

  return typeof total?.amount === "number" ? total.amount : undefined;
}
