/**
 * 2026-01-16 ⇄ 2025-12-12 (changelog/2026-01-16.md). Requests are the
 * same. 2026-01-16 priced fulfillment options with `totals[]` (not in the
 * changelog) and added `PaymentProvider.merchant_id` and
 * `authentication_provider`, which the schema walk drops.
 */
import { objectsIn, omit, withField, type JsonObject } from "./json";
import { amountOf } from "./totals";
import type { VersionStep } from "./version-step";

export const step20251212: VersionStep = {
  version: "2025-12-12",

  upRequest: (_operation, body) => body,

  downSession(session) {
    return {
      ...session,
      fulfillment_options: objectsIn(session.fulfillment_options).map(
        downFulfillmentOption,
      ),
    };
  },
};

/**
 * 2025-12-12 prices an option with `total` (required) and optional
 * `subtotal` and `tax`, and calls its description `subtitle`.
 */
function downFulfillmentOption(option: JsonObject): JsonObject {
  const tax = amountOf(option.totals, "tax");
  const total =
    amountOf(option.totals, "total") ??
    (amountOf(option.totals, "fulfillment") ?? 0) + (tax ?? 0);
  const subtotal =
    amountOf(option.totals, "subtotal") ??
    amountOf(option.totals, "fulfillment") ??
    total - (tax ?? 0);

  let result = omit(option, ["totals", "description"]);
  result = withField(result, "subtitle", option.description);

  return { ...result, subtotal, tax: tax ?? 0, total };
}
