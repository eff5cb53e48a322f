/**
 * The commerce half of the emulator's root fields: draft order and order
 * queries, and the mutations the app uses to quote, hold, sell, cancel,
 * refund and ship. The arithmetic and state changes live in commerce/;
 * this module maps them to payloads and emits the webhooks Shopify sends
 * after each change.
 */
import { GraphQLError } from "graphql";
import type { EmulatorContext, FieldResolver, ResolverMap } from "../context";
import { calculateDraftOrder } from "../commerce/draft-calculation";
import {
  completeDraftOrder,
  createDraftOrder,
  deleteDraftOrder,
  updateDraftOrder,
} from "../commerce/draft-orders";
import type {
  DraftOrderInput,
  FulfillmentInput,
  OrderCreateOptionsInput,
  OrderCreateOrderInput,
  RefundInput,
  UserErrorRecord,
} from "../commerce/inputs";
import { releaseExpiredReservations } from "../commerce/inventory";
import { createOrder } from "../commerce/order-create";
import { cancelOrder, createFulfillment } from "../commerce/order-lifecycle";
import { createRefund, markOrderAsPaid } from "../commerce/order-payments";
import {
  deletedPayload,
  draftOrderPayload,
  fulfillmentPayload,
  orderPayload,
  refundPayload,
} from "../commerce/order-payloads";
import { financialStatus, fulfillmentStatus } from "../commerce/order-status";
import { registerNodeLoader } from "../node-loaders";
import type { ShopState } from "../store";
import type { OrderRecord } from "../store-orders";
import { draftOrderTypeResolvers } from "./draft-order-types";
import { orderTypeResolvers } from "./order-types";
import {
  draftOrderView,
  findOrderWith,
  fulfillmentOrderView,
  fulfillmentView,
  orderView,
  refundView,
} from "./order-views";
import { draftOrderSearch, orderSearch, pageOfSearch } from "./order-search";

registerNodeLoader("Order", (shop, id) => {
  const order = shop.orders.get(id);
  return order ? orderView(order) : null;
});
registerNodeLoader("DraftOrder", (shop, id) => {
  const draft = shop.draftOrders.get(id);
  return draft ? draftOrderView(draft) : null;
});
registerNodeLoader("FulfillmentOrder", (shop, id) => {
  const order = findOrderWith(shop.orders.values(), (o) =>
    o.fulfillmentOrders.some((fo) => fo.id === id),
  );
  const fo = order?.fulfillmentOrders.find((f) => f.id === id);
  return order && fo ? fulfillmentOrderView(order, fo) : null;
});
registerNodeLoader("Fulfillment", (shop, id) => {
  const order = findOrderWith(shop.orders.values(), (o) =>
    o.fulfillments.some((f) => f.id === id),
  );
  const found = order?.fulfillments.find((f) => f.id === id);
  return order && found ? fulfillmentView(order, found) : null;
});
registerNodeLoader("Refund", (shop, id) => {
  const order = findOrderWith(shop.orders.values(), (o) =>
    o.refunds.some((r) => r.id === id),
  );
  const refund = order?.refunds.find((r) => r.id === id);
  return order && refund ? refundView(order, refund) : null;
});

/**
 * Reservations expire on the emulator's clock; every commerce field first
 * releases the stock of drafts whose reserveInventoryUntil has passed.
 */
function withExpiry(resolver: FieldResolver): FieldResolver {
  return (parent, args, ctx, info) => {
    releaseExpiredReservations(ctx.shop, ctx.now());

    return resolver(parent, args, ctx, info);
  };
}

function emit(ctx: EmulatorContext, topic: string, payload: unknown): void {
  ctx.webhooks.emit(ctx.shop, topic, payload);
}

const draftOrderQueries: Record<string, FieldResolver> = {
  draftOrder: (_root, args, ctx) => {
    const draft = ctx.shop.draftOrders.get(String(args["id"]));
    return draft ? draftOrderView(draft) : null;
  },
  draftOrders: (_root, args, ctx) => {
    const drafts = [...ctx.shop.draftOrders.values()].map(draftOrderView);
    return pageOfSearch(drafts, args, ctx, draftOrderSearch);
  },
};

const orderQueries: Record<string, FieldResolver> = {
  order: (_root, args, ctx) => {
    const order = ctx.shop.orders.get(String(args["id"]));
    return order ? orderView(order) : null;
  },
  orders: (_root, args, ctx) => {
    const orders = [...ctx.shop.orders.values()].map(orderView);
    return pageOfSearch(orders, args, ctx, orderSearch(ctx.shop));
  },
  fulfillmentOrder: (_root, args, ctx) => {
    const id = String(args["id"]);
    const order = findOrderWith(ctx.shop.orders.values(), (o) =>
      o.fulfillmentOrders.some((fo) => fo.id === id),
    );
    const fo = order?.fulfillmentOrders.find((f) => f.id === id);
    return order && fo ? fulfillmentOrderView(order, fo) : null;
  },
};

const draftOrderMutations: Record<string, FieldResolver> = {
  draftOrderCalculate: (_root, args, ctx) => {
    const input = args["input"] as DraftOrderInput;
    const result = calculateDraftOrder(ctx.shop, input, ctx.now());
    return result.ok
      ? { calculatedDraftOrder: result.value.calculated, userErrors: [] }
      : { calculatedDraftOrder: null, userErrors: result.userErrors };
  },
  draftOrderCreate: (_root, args, ctx) => {
    const input = args["input"] as DraftOrderInput;
    const result = createDraftOrder(ctx.shop, input, ctx.now());
    if (!result.ok) return { draftOrder: null, userErrors: result.userErrors };

    emit(ctx, "draft_orders/create", draftOrderPayload(result.value));
    return { draftOrder: draftOrderView(result.value), userErrors: [] };
  },
  draftOrderUpdate: (_root, args, ctx) => {
    const input = args["input"] as DraftOrderInput;
    const id = String(args["id"]);
    const result = updateDraftOrder(ctx.shop, id, input, ctx.now());
    if (!result.ok) return { draftOrder: null, userErrors: result.userErrors };

    emit(ctx, "draft_orders/update", draftOrderPayload(result.value));
    return { draftOrder: draftOrderView(result.value), userErrors: [] };
  },
  draftOrderDelete: (_root, args, ctx) => {
    const { id } = args["input"] as { id: string };
    const result = deleteDraftOrder(ctx.shop, id);
    if (!result.ok) return { deletedId: null, userErrors: result.userErrors };

    emit(ctx, "draft_orders/delete", deletedPayload(id));
    return { deletedId: id, userErrors: [] };
  },
  draftOrderComplete,
};

/**
 * No public query lists payment gateways, so any paymentGatewayId is one
 * Shopify would not know (notes §5.1, "Invalid payment gateway").
 */
function draftOrderComplete(
  _root: unknown,
  args: Record<string, unknown>,
  ctx: EmulatorContext,
) {
  if (args["paymentGatewayId"]) {
    return payloadError("draftOrder", "Invalid payment gateway");
  }

  const result = completeDraftOrder(
    ctx.shop,
    String(args["id"]),
    {
      paymentPending: args["paymentPending"] === true,
      sourceName: (args["sourceName"] as string | null | undefined) ?? null,
    },
    ctx.now(),
  );
  if (!result.ok) return { draftOrder: null, userErrors: result.userErrors };

  const { draft, order } = result.value;
  emit(ctx, "draft_orders/update", draftOrderPayload(draft));
  announceNewOrder(ctx, order);
  return { draftOrder: draftOrderView(draft), userErrors: [] };
}

function payloadError(key: string, message: string) {
  return { [key]: null, userErrors: [{ field: null, message }] };
}

function announceNewOrder(ctx: EmulatorContext, order: OrderRecord): void {
  emit(ctx, "orders/create", orderPayload(order));
  if (financialStatus(order) === "PAID") {
    emit(ctx, "orders/paid", orderPayload(order));
  }
}

/** orderCreate calls per development store, for its 5-a-minute limit. */
const recentOrderCreates = new WeakMap<ShopState, number[]>();
const DEV_STORE_ORDERS_PER_MINUTE = 5;

function requireOfflineToken(ctx: EmulatorContext): void {
  if (!ctx.onlineToken) return;

  throw new GraphQLError(
    "Access denied for orderCreate field. Required access: `write_orders` " +
      "access scope. Also: This mutation is only accessible to apps " +
      "authenticated using offline tokens.",
    {
      extensions: {
        code: "ACCESS_DENIED",
        documentation: "https://shopify.dev/api/usage/access-scopes",
      },
    },
  );
}

/**
 * Development and trial stores may create five orders a minute (the
 * orderCreate description). The wording is the REST API's answer to the
 * same limit; the GraphQL one was not captured.
 */
function enforceDevStoreLimit(ctx: EmulatorContext): void {
  if (!ctx.shop.developmentStore) return;

  const now = ctx.now().getTime();
  const recent = (recentOrderCreates.get(ctx.shop) ?? []).filter(
    (time) => now - time < 60_000,
  );
  recentOrderCreates.set(ctx.shop, recent);
  if (recent.length < DEV_STORE_ORDERS_PER_MINUTE) return;

  throw new GraphQLError(
    "Exceeded order API rate limit, please try again in a minute. " +
      "Upgrade to a paid account to remove this limit.",
    { extensions: { code: "THROTTLED" } },
  );
}

function recordOrderCreate(ctx: EmulatorContext): void {
  const times = recentOrderCreates.get(ctx.shop) ?? [];
  recentOrderCreates.set(ctx.shop, [...times, ctx.now().getTime()]);
}

const orderCreate: FieldResolver = (_root, args, ctx) => {
  requireOfflineToken(ctx);
  enforceDevStoreLimit(ctx);

  const result = createOrder(
    ctx.shop,
    {
      order: args["order"] as OrderCreateOrderInput,
      options: (args["options"] as OrderCreateOptionsInput | null) ?? null,
      apiVersion: ctx.apiVersion,
    },
    ctx.now(),
  );
  if (!result.ok) return { order: null, userErrors: result.userErrors };

  recordOrderCreate(ctx);
  announceNewOrder(ctx, result.value);
  return { order: orderView(result.value), userErrors: [] };
};

const orderMarkAsPaid: FieldResolver = (_root, args, ctx) => {
  const { id } = args["input"] as { id: string };
  const result = markOrderAsPaid(ctx.shop, id, ctx.now());
  if (!result.ok) return { order: null, userErrors: result.userErrors };

  emit(ctx, "orders/paid", orderPayload(result.value));
  emit(ctx, "orders/updated", orderPayload(result.value));
  return { order: orderView(result.value), userErrors: [] };
};

/**
 * Shopify cancels in a background job (`job { done: false }`); the
 * emulator applies the cancellation at once so tests need not poll.
 */
const orderCancel: FieldResolver = (_root, args, ctx) => {
  const refundMethod = args["refundMethod"] as
    { originalPaymentMethodsRefund?: boolean | null } | null | undefined;
  const result = cancelOrder(
    ctx.shop,
    {
      orderId: String(args["orderId"]),
      reason: String(args["reason"]),
      restock: args["restock"] === true,
      refund:
        args["refund"] === true ||
        refundMethod?.originalPaymentMethodsRefund === true,
      staffNote: (args["staffNote"] as string | null | undefined) ?? null,
    },
    ctx.now(),
  );
  if (!result.ok) {
    const errors = withCodes(result.userErrors);
    return { job: null, orderCancelUserErrors: errors, userErrors: errors };
  }

  const { order, refund } = result.value;
  if (refund) emit(ctx, "refunds/create", refundPayload(order, refund));
  emit(ctx, "orders/cancelled", orderPayload(order));
  emit(ctx, "orders/updated", orderPayload(order));
  const job = { id: `gid://shopify/Job/${crypto.randomUUID()}`, done: false };
  return { job, orderCancelUserErrors: [], userErrors: [] };
};

function withCodes(errors: UserErrorRecord[]) {
  return errors.map((e) => ({ ...e, code: e.code ?? "INVALID" }));
}

/**
 * From 2026-04 refundCreate must carry `@idempotent(key:)`; the schema
 * cannot say so, Shopify rejects the call at run time (notes §1.3). The
 * wording of that error was not captured; the requirement was.
 */
function requireIdempotencyKey(ctx: EmulatorContext): void {
  if (ctx.idempotencyKey || ctx.apiVersion < "2026-04") return;

  throw new GraphQLError(
    "The @idempotent directive is required for this mutation.",
    { extensions: { code: "BAD_REQUEST" } },
  );
}

const refundCreate: FieldResolver = (_root, args, ctx) => {
  requireIdempotencyKey(ctx);

  const input = args["input"] as RefundInput;
  const result = createRefund(ctx.shop, input, ctx.idempotencyKey, ctx.now());
  if (!result.ok) {
    return { order: null, refund: null, userErrors: result.userErrors };
  }

  const { order, refund, replayed } = result.value;
  if (!replayed) {
    emit(ctx, "refunds/create", refundPayload(order, refund));
    emit(ctx, "orders/updated", orderPayload(order));
  }
  return {
    order: orderView(order),
    refund: refundView(order, refund),
    userErrors: [],
  };
};

const FULFILMENT_TOPICS: Record<string, string> = {
  FULFILLED: "orders/fulfilled",
  PARTIALLY_FULFILLED: "orders/partially_fulfilled",
};

const fulfillmentCreate: FieldResolver = (_root, args, ctx) => {
  const input = args["fulfillment"] as FulfillmentInput;
  const result = createFulfillment(ctx.shop, input, ctx.now());
  if (!result.ok) return { fulfillment: null, userErrors: result.userErrors };

  const { order, fulfillment } = result.value;
  emit(ctx, "fulfillments/create", fulfillmentPayload(order, fulfillment));
  const topic = FULFILMENT_TOPICS[fulfillmentStatus(order)];
  if (topic) emit(ctx, topic, orderPayload(order));
  emit(ctx, "orders/updated", orderPayload(order));
  return { fulfillment: fulfillmentView(order, fulfillment), userErrors: [] };
};

function expiring(
  fields: Record<string, FieldResolver>,
): Record<string, FieldResolver> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, withExpiry(field)]),
  );
}

export const orderResolvers: ResolverMap = {
  QueryRoot: expiring({ ...draftOrderQueries, ...orderQueries }),
  Mutation: expiring({
    ...draftOrderMutations,
    orderCreate,
    orderMarkAsPaid,
    orderCancel,
    refundCreate,
    fulfillmentCreate,
  }),
  ...draftOrderTypeResolvers,
  ...orderTypeResolvers,
};
