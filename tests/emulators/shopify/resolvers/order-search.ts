/**
 * `orders(query:, sortKey:)` and `draftOrders(query:, sortKey:)`: the
 * search fields an app filters commerce records by (shopify.dev order
 * search syntax), over the shared search-query.ts parser.
 */
import { connectionOf, type ConnectionArgs } from "../connection";
import type { EmulatorContext } from "../context";
import { bagCents } from "../commerce/money";
import { financialStatus, fulfillmentStatus } from "../commerce/order-status";
import { matchesSearch, type SearchFields } from "../search-query";
import { legacyId, type ShopState } from "../store";
import type { DraftOrderRecord, OrderRecord } from "../store-orders";

type Sortable = { id: string };

export interface CommerceSearch<T> {
  search: SearchFields<T>;
  sortValues: Record<string, (item: T) => string | number>;
}

export function pageOfSearch<T extends Sortable>(
  items: T[],
  args: Record<string, unknown>,
  ctx: EmulatorContext,
  { search, sortValues }: CommerceSearch<T>,
) {
  const query = args["query"] as string | null | undefined;
  const matching = items.filter((item) => matchesSearch(item, query, search));
  const sortKey = args["sortKey"] as string | null | undefined;
  const sortValueOf = sortKey ? sortValues[sortKey] : undefined;

  return connectionOf(matching, args as ConnectionArgs, ctx, {
    idOf: (item) => item.id,
    sortValueOf,
  });
}

/** fulfillment_status as Shopify's order search spells it. */
const SHIPPING: Record<string, string> = {
  FULFILLED: "shipped",
  PARTIALLY_FULFILLED: "partial",
  UNFULFILLED: "unshipped",
  RESTOCKED: "restocked",
};

function orderState(order: OrderRecord): string {
  if (order.cancelledAt) return "cancelled";

  return order.closedAt ? "closed" : "open";
}

export function orderSearch(shop: ShopState): CommerceSearch<OrderRecord> {
  return {
    search: {
      text: (o) => [o.name, o.email ?? "", ...o.tags].join(" "),
      fields: {
        id: (o) => legacyId(o.id),
        name: (o) => [o.name, o.name.replace(/^#/, "")],
        email: (o) => o.email,
        tag: (o) => o.tags,
        tag_not: (o) => o.tags,
        status: orderState,
        financial_status: (o) => financialStatus(o)?.toLowerCase() ?? null,
        fulfillment_status: (o) => SHIPPING[fulfillmentStatus(o)] ?? null,
        source_name: (o) => o.sourceName,
        source_identifier: (o) => o.sourceIdentifier,
        test: (o) => String(o.test),
        sku: (o) => o.lineItems.map((l) => l.sku ?? ""),
        created_at: (o) => o.createdAt,
        updated_at: (o) => o.updatedAt,
        processed_at: (o) => o.processedAt,
        shop: () => shop.domain,
      },
    },
    sortValues: {
      CREATED_AT: (o) => o.createdAt,
      UPDATED_AT: (o) => o.updatedAt,
      PROCESSED_AT: (o) => o.processedAt,
      ORDER_NUMBER: (o) => o.number,
      TOTAL_PRICE: (o) => bagCents(o.totalPriceSet),
      FINANCIAL_STATUS: (o) => financialStatus(o) ?? "",
      FULFILLMENT_STATUS: (o) => fulfillmentStatus(o),
    },
  };
}

export const draftOrderSearch: CommerceSearch<DraftOrderRecord> = {
  search: {
    text: (d) => [d.name, d.email ?? "", ...d.tags].join(" "),
    fields: {
      id: (d) => legacyId(d.id),
      name: (d) => [d.name, d.name.replace(/^#/, "")],
      email: (d) => d.email,
      tag: (d) => d.tags,
      tag_not: (d) => d.tags,
      status: (d) => d.status.toLowerCase(),
      source: (d) => d.sourceName,
      created_at: (d) => d.createdAt,
      updated_at: (d) => d.updatedAt,
    },
  },
  sortValues: {
    NUMBER: (d) => Number(d.name.replace(/\D/g, "")),
    UPDATED_AT: (d) => d.updatedAt,
    STATUS: (d) => d.status,
    TOTAL_PRICE: (d) => bagCents(d.totalPriceSet),
  },
};
