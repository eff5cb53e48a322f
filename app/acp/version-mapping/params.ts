/**
 * JSONPath `param`s in the terms of the agent's version. The app names
 * fields as 2026-04-17 does; an older agent sent some under other names:
 * `items` before 2026-01-30 (request line items), and in 2025-09-29 a flat
 * `fulfillment_address` and a `fulfillment_option_id`
 * (spec/<version>/json-schema/schema.agentic_checkout.json).
 */
import type { ApiVersion } from "../versions";

/** What the param points into: the agent's request, or the session. */
export type ParamTarget = "request" | "session";

export function paramForVersion(
  param: string,
  version: ApiVersion,
  target: ParamTarget,
): string {
  let mapped = param;
  if (target === "request" && version < "2026-01-30") {
    mapped = mapped.replace(/^\$\.line_items(?=[[.]|$)/, "$.items");
  }
  if (version === "2025-09-29") {
    mapped = mapped
      .replace(
        /^\$\.fulfillment_details\.address(?=[[.]|$)/,
        "$.fulfillment_address",
      )
      .replace(/^\$\.fulfillment_details(?=[[.]|$)/, "$.fulfillment_address")
      .replace(
        /^\$\.selected_fulfillment_options(?:\[\d+\])?(?:\.option_id)?$/,
        "$.fulfillment_option_id",
      );
  }

  return mapped;
}
