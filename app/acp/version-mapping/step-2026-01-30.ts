/**
 * 2026-04-17 ⇄ 2026-01-30 (changelog/2026-04-17.md). Requests only gained
 * optional fields, so they climb unchanged. Sessions lose what 2026-01-30
 * cannot say; new fields (`marketing_consent_options`, message
 * `resolution`, `Address.company`, handler `display_name`/`display_order`,
 * the rich order) are dropped by the schema walk.
 */
import {
  isJsonObject,
  objectsIn,
  omit,
  withField,
  type JsonObject,
} from "./json";
import { mapTotals } from "./totals";
import type { VersionStep } from "./version-step";

export const step20260130: VersionStep = {
  version: "2026-01-30",

  upRequest: (_operation, body) => body,

  downSession(session) {
    let result = withProtocolVersion(session, "2026-01-30");
    result = mapAllTotals(result);
    result = withField(result, "order", downOrder(result.order));

    return withField(
      result,
      "authentication_metadata",
      downAuthenticationMetadata(result.authentication_metadata),
    );
  },
};

export function withProtocolVersion(
  session: JsonObject,
  version: string,
): JsonObject {
  if (!isJsonObject(session.protocol)) return session;

  return { ...session, protocol: { ...session.protocol, version } };
}

/** `amount_refunded` is new in 2026-04-17 and belongs to orders. */
const TOTAL_TYPES_2026_01_30 = [
  "items_base_amount",
  "items_discount",
  "subtotal",
  "discount",
  "fulfillment",
  "tax",
  "fee",
  "gift_wrap",
  "tip",
  "store_credit",
  "total",
];

function mapAllTotals(session: JsonObject): JsonObject {
  const map = (value: unknown) => mapTotals(value, TOTAL_TYPES_2026_01_30, {});

  return {
    ...session,
    totals: map(session.totals),
    line_items: objectsIn(session.line_items).map((line) =>
      withField(line, "totals", map(line.totals)),
    ),
    fulfillment_options: objectsIn(session.fulfillment_options).map((option) =>
      withField(option, "totals", map(option.totals)),
    ),
  };
}

/**
 * 2026-01-30 `Order.status` is a closed enum (confirmed, processing,
 * shipped, delivered); 2026-04-17 opened it and renamed `delivered` to
 * `completed`. Values without a counterpart are left out (the field is
 * optional), rather than claiming a state the order is not in.
 */
const ORDER_STATUS_2026_01_30: Record<string, string> = {
  created: "confirmed",
  confirmed: "confirmed",
  manual_review: "processing",
  processing: "processing",
  shipped: "shipped",
  completed: "delivered",
};

function downOrder(order: unknown): unknown {
  if (!isJsonObject(order)) return order;
  const status = typeof order.status === "string" ? order.status : "";
  const confirmation = isJsonObject(order.confirmation)
    ? omit(order.confirmation, ["order_notes"])
    : undefined;
  const mapped = withField(order, "status", ORDER_STATUS_2026_01_30[status]);

  return withField(mapped, "confirmation", confirmation);
}

/**
 * 2026-01-30 requires `channel` (browser details for 3-D Secure), which
 * 2026-04-17 dropped. The app cannot invent a buyer's browser: without a
 * channel the metadata is left out, which that schema allows.
 */
function downAuthenticationMetadata(metadata: unknown): unknown {
  if (!isJsonObject(metadata)) return metadata;

  return isJsonObject(metadata.channel) ? metadata : undefined;
}
