import { describe, expect, it } from "vitest";
import { paramForVersion } from "../../app/acp/version-mapping/params";

describe("paramForVersion", () => {
  it.each([
    ["$.line_items[1].id", "2026-04-17", "request", "$.line_items[1].id"],
    ["$.line_items[1].id", "2026-01-30", "request", "$.line_items[1].id"],
    ["$.line_items[1].id", "2026-01-16", "request", "$.items[1].id"],
    [
      "$.line_items[0].quantity",
      "2025-09-29",
      "request",
      "$.items[0].quantity",
    ],
    ["$.line_items[0]", "2025-09-29", "session", "$.line_items[0]"],
    [
      "$.fulfillment_details.address.country",
      "2025-09-29",
      "session",
      "$.fulfillment_address.country",
    ],
    [
      "$.fulfillment_details.address",
      "2025-12-12",
      "session",
      "$.fulfillment_details.address",
    ],
    [
      "$.selected_fulfillment_options[0].option_id",
      "2025-09-29",
      "session",
      "$.fulfillment_option_id",
    ],
    [
      "$.selected_fulfillment_options",
      "2025-09-29",
      "session",
      "$.fulfillment_option_id",
    ],
    ["$.buyer.email", "2025-09-29", "request", "$.buyer.email"],
    ["$.line_itemsX", "2025-09-29", "request", "$.line_itemsX"],
  ] as const)(
    "maps %s for %s (%s) to %s",
    (param, version, target, expected) => {
      expect(paramForVersion(param, version, target)).toBe(expected);
    },
  );
});
