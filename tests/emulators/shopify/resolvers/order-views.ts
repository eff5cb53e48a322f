/**
 * Commerce records as GraphQL parents. A view adds `__typename` (for
 * `node` and other abstract fields) and, for records that live inside an
 * order, a hidden link to that order, from which their derived fields
 * (quantities after refunds, names, totals) are computed.
 */
import type { EmulatorContext } from "../context";
import { connectionOf, type ConnectionArgs } from "../connection";
import type {
  DraftOrderRecord,
  FulfillmentOrderLineItemRecord,
  FulfillmentOrderRecord,
  FulfillmentRecord,
  OrderLineItemRecord,
  OrderRecord,
  OrderTransactionRecord,
  RefundRecord,
} from "../store-orders";

export interface InOrder {
  parentOrder: OrderRecord;
}

export type OrderView = OrderRecord & { __typename: "Order" };
export type DraftOrderView = DraftOrderRecord & { __typename: "DraftOrder" };
export type LineItemView = OrderLineItemRecord & InOrder;
export type TransactionView = OrderTransactionRecord & InOrder;
export type RefundView = RefundRecord & InOrder & { __typename: "Refund" };
export type FulfillmentView = FulfillmentRecord &
  InOrder & { __typename: "Fulfillment" };
export type FulfillmentOrderView = FulfillmentOrderRecord &
  InOrder & { __typename: "FulfillmentOrder" };
export type FulfillmentOrderLineItemView = FulfillmentOrderLineItemRecord &
  InOrder;

export function orderView(order: OrderRecord): OrderView {
  return { ...order, __typename: "Order" };
}

export function draftOrderView(draft: DraftOrderRecord): DraftOrderView {
  return { ...draft, __typename: "DraftOrder" };
}

export function lineItemView(
  order: OrderRecord,
  line: OrderLineItemRecord,
): LineItemView {
  return { ...line, parentOrder: order };
}

export function transactionView(
  order: OrderRecord,
  transaction: OrderTransactionRecord,
): TransactionView {
  return { ...transaction, parentOrder: order };
}

export function refundView(order: OrderRecord, refund: RefundRecord) {
  return { ...refund, parentOrder: order, __typename: "Refund" as const };
}

export function fulfillmentView(
  order: OrderRecord,
  fulfillment: FulfillmentRecord,
): FulfillmentView {
  return { ...fulfillment, parentOrder: order, __typename: "Fulfillment" };
}

export function fulfillmentOrderView(
  order: OrderRecord,
  fo: FulfillmentOrderRecord,
): FulfillmentOrderView {
  return { ...fo, parentOrder: order, __typename: "FulfillmentOrder" };
}

export function lineItemOf(
  order: OrderRecord,
  lineId: string,
): LineItemView | null {
  const line = order.lineItems.find((l) => l.id === lineId);

  return line ? lineItemView(order, line) : null;
}

/** Orders are found by the gid of anything inside them. */
export function findOrderWith(
  orders: Iterable<OrderRecord>,
  has: (order: OrderRecord) => boolean,
): OrderRecord | null {
  for (const order of orders) {
    if (has(order)) {
      return order;
    }
  }

  return null;
}

/** A page of records that carry gids, Shopify's default order. */
export function pageOf<T extends { id: string }>(
  items: readonly T[],
  args: Record<string, unknown>,
  context: EmulatorContext,
) {
  return connectionOf(items, args as ConnectionArgs, context, {
    idOf: (item) => item.id,
  });
}

/** A connection the emulator never fills (events, merchant requests...). */
export function emptyConnection() {
  return {
    edges: [],
    nodes: [],
    pageInfo: {
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    },
  };
}
