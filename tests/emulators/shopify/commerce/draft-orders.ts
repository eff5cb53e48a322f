/**
 * The life of a draft order: create, update, delete, complete. Each step
 * recalculates through draft-calculation.ts and keeps the stock held by
 * `reserveInventoryUntil` in step with the draft's lines.
 */
import { createHash } from "node:crypto";
import { legacyId, nextGid, type ShopState } from "../store";
import type {
  DraftOrderRecord,
  OrderLineItemRecord,
  OrderRecord,
} from "../store-orders";
import {
  calculateDraftOrder,
  type DraftCalculation,
} from "./draft-calculation";
import type { DraftOrderInput, UserErrorRecord } from "./inputs";
import {
  commitReservedStock,
  commitStock,
  releaseStock,
  reserveStock,
  type StockRequest,
} from "./inventory";
import { allocateCents, bagCents, moneyBag } from "./money";
import { addTransaction, assembleOrder, nextNumber } from "./order-records";

export type Result<T> =
  { ok: true; value: T } | { ok: false; userErrors: UserErrorRecord[] };

function failure(message: string, field: string[] | null = null) {
  return { ok: false as const, userErrors: [{ field, message }] };
}

export function createDraftOrder(
  shop: ShopState,
  input: DraftOrderInput,
  now: Date,
): Result<DraftOrderRecord> {
  const calculation = calculateDraftOrder(shop, input, now);
  if (!calculation.ok) {
    return calculation;
  }

  const id = nextGid(shop, "DraftOrder");
  const number = nextNumber(shop, "DraftOrderName", 1);
  const draft = draftRecord(shop, id, `#D${number}`, input, calculation.value);
  draft.createdAt = now.toISOString();
  draft.updatedAt = draft.createdAt;
  holdStock(shop, draft, calculation.value.stock);
  saveMetafields(shop, id, input, now);
  shop.draftOrders.set(id, draft);

  return { ok: true, value: draft };
}

export function updateDraftOrder(
  shop: ShopState,
  id: string,
  changes: DraftOrderInput,
  now: Date,
): Result<DraftOrderRecord> {
  const current = shop.draftOrders.get(id);
  if (!current) {
    return failure("Draft order does not exist", ["id"]);
  }
  if (current.status === "COMPLETED") {
    return failure("This order has been paid");
  }

  // Recalculate with the draft's own reservation released, so its stock
  // counts as available to it.
  releaseStock(shop, current.reservations);
  const input = { ...current.sourceInput, ...changes };
  const calculation = calculateDraftOrder(shop, input, now);
  if (!calculation.ok) {
    current.reservations = reserveStock(shop, reservedRequests(shop, current));
    return calculation;
  }

  const draft = draftRecord(shop, id, current.name, input, calculation.value);
  draft.createdAt = current.createdAt;
  draft.updatedAt = now.toISOString();
  holdStock(shop, draft, calculation.value.stock);
  saveMetafields(shop, id, changes, now);
  shop.draftOrders.set(id, draft);

  return { ok: true, value: draft };
}

/** Requests matching what a draft holds, to hold it again after a failure. */
function reservedRequests(
  shop: ShopState,
  draft: DraftOrderRecord,
): StockRequest[] {
  return draft.reservations.flatMap((reservation) => {
    const item = shop.inventoryItems.get(reservation.inventoryItemId);

    return item
      ? [{ variantId: item.variantId, quantity: reservation.quantity }]
      : [];
  });
}

export function deleteDraftOrder(
  shop: ShopState,
  id: string,
): Result<DraftOrderRecord> {
  const draft = shop.draftOrders.get(id);
  if (!draft) {
    return failure("Draft order does not exist", ["id"]);
  }

  releaseStock(shop, draft.reservations);
  draft.reservations = [];
  shop.draftOrders.delete(id);
  shop.metafields = shop.metafields.filter((m) => m.ownerId !== id);

  return { ok: true, value: draft };
}

function holdStock(
  shop: ShopState,
  draft: DraftOrderRecord,
  stock: StockRequest[],
): void {
  draft.reservations = draft.reserveInventoryUntil
    ? reserveStock(shop, stock)
    : [];
}

function draftRecord(
  shop: ShopState,
  id: string,
  name: string,
  input: DraftOrderInput,
  calculation: DraftCalculation,
): DraftOrderRecord {
  const { calculated } = calculation;

  return {
    ...calculated,
    id,
    legacyResourceId: legacyId(id),
    name,
    status: "OPEN",
    createdAt: "",
    updatedAt: "",
    completedAt: null,
    invoiceSentAt: null,
    invoiceUrl: invoiceUrl(shop, id),
    email: input.email ?? null,
    note2: input.note ?? null,
    tags: [...new Set(input.tags ?? [])].sort(),
    customAttributes: input.customAttributes ?? [],
    poNumber: input.poNumber ?? null,
    sourceName: input.sourceName ?? null,
    taxExempt: input.taxExempt ?? false,
    visibleToCustomer: input.visibleToCustomer ?? false,
    allowDiscountCodesInCheckout: input.allowDiscountCodesInCheckout ?? false,
    ready: true,
    lineItems: calculated.lineItems.map((line) => ({
      ...line,
      id: nextGid(shop, "DraftOrderLineItem"),
    })),
    shippingLine: calculated.shippingLine && {
      ...calculated.shippingLine,
      id: nextGid(shop, "ShippingLine"),
    },
    shippingAddress: calculation.shippingAddress,
    billingAddress: calculation.billingAddress,
    reserveInventoryUntil: input.reserveInventoryUntil ?? null,
    reservations: [],
    orderId: null,
    sourceInput: input,
  };
}

function invoiceUrl(shop: ShopState, id: string): string {
  const token = createHash("sha256")
    .update(`${shop.domain}${id}`)
    .digest("hex");

  return `https://${shop.domain}/invoices/${token.slice(0, 32)}`;
}

function saveMetafields(
  shop: ShopState,
  ownerId: string,
  input: DraftOrderInput,
  now: Date,
): void {
  for (const field of input.metafields ?? []) {
    const { namespace, key, value } = field;
    if (!namespace || !key || value === null || value === undefined) {
      continue;
    }

    shop.metafields = shop.metafields.filter(
      (m) =>
        !(m.ownerId === ownerId && m.namespace === namespace && m.key === key),
    );
    shop.metafields.push({
      id: nextGid(shop, "Metafield"),
      ownerId,
      namespace,
      key,
      type: field.type ?? "single_line_text_field",
      value,
      updatedAt: now.toISOString(),
    });
  }
}

export interface CompleteOptions {
  paymentPending: boolean;
  sourceName: string | null;
}

/**
 * Completes a draft into an order. Without payment terms Shopify records a
 * manual SALE for the total: SUCCESS (paid) or, with the deprecated
 * `paymentPending`, PENDING (notes §4.3). Reserved stock becomes
 * committed; lines that were not reserved commit from available.
 */
export function completeDraftOrder(
  shop: ShopState,
  id: string,
  options: CompleteOptions,
  now: Date,
): Result<{ draft: DraftOrderRecord; order: OrderRecord }> {
  const draft = shop.draftOrders.get(id);
  if (!draft) {
    return failure("Draft order does not exist", ["id"]);
  }
  if (draft.status === "COMPLETED") {
    return failure("This order has been paid");
  }

  const order = orderFromDraft(shop, draft, options, now);
  moveDraftStock(shop, draft);
  shop.orders.set(order.id, order);
  Object.assign(draft, {
    status: "COMPLETED",
    completedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    orderId: order.id,
    reservations: [],
  });

  return { ok: true, value: { draft, order } };
}

function orderFromDraft(
  shop: ShopState,
  draft: DraftOrderRecord,
  options: CompleteOptions,
  now: Date,
): OrderRecord {
  const shipping = draft.shippingLine;
  const order = assembleOrder(
    shop,
    {
      name: null,
      email: draft.email,
      phone: draft.phone,
      note: draft.note2,
      poNumber: draft.poNumber,
      tags: draft.tags,
      customAttributes: draft.customAttributes,
      sourceName:
        options.sourceName ?? draft.sourceName ?? "shopify_draft_order",
      sourceIdentifier: null,
      sourceUrl: null,
      test: false,
      currencyCode: draft.currencyCode,
      taxesIncluded: draft.taxesIncluded,
      taxExempt: draft.taxExempt,
      shippingAddress: draft.shippingAddress,
      billingAddress: draft.billingAddress,
      lineItems: orderLinesFromDraft(shop, draft),
      shippingLines: shipping
        ? [{ ...shipping, id: nextGid(shop, "ShippingLine") }]
        : [],
      shippingDiscountCents: shipping
        ? bagCents(shipping.originalPriceSet) -
          bagCents(shipping.discountedPriceSet)
        : 0,
      discountCodes: draft.discountCodes,
      processedAt: now.toISOString(),
      financialStatusOverride: null,
      inventoryBehaviour: "DECREMENT_IGNORING_POLICY",
      draftOrderId: draft.id,
    },
    now,
  );
  addTransaction(
    shop,
    order,
    {
      kind: "SALE",
      status: options.paymentPending ? "PENDING" : "SUCCESS",
      gateway: "manual",
      amountCents: bagCents(order.totalPriceSet),
    },
    now,
  );

  return order;
}

/** Order lines carry their share of the order-level discounts. */
function orderLinesFromDraft(
  shop: ShopState,
  draft: DraftOrderRecord,
): OrderLineItemRecord[] {
  const currency = draft.currencyCode;
  const lineTotals = draft.lineItems.map((l) => bagCents(l.discountedTotalSet));
  const orderDiscount =
    bagCents(draft.lineItemsSubtotalPrice) - bagCents(draft.subtotalPriceSet);
  const allocations = allocateCents(orderDiscount, lineTotals);

  return draft.lineItems.map((line, i) => {
    const discount = bagCents(line.totalDiscountSet) + (allocations[i] ?? 0);
    const original = bagCents(line.originalTotalSet);

    return {
      id: nextGid(shop, "LineItem"),
      variantId: line.variantId,
      productId: line.productId,
      title: line.title,
      name: line.name,
      variantTitle: line.variantTitle,
      sku: line.sku,
      vendor: line.vendor,
      quantity: line.quantity,
      taxable: line.taxable,
      requiresShipping: line.requiresShipping,
      isGiftCard: false,
      customAttributes: line.customAttributes,
      weightGrams: line.weight?.value ?? 0,
      originalUnitPriceSet: line.originalUnitPriceSet,
      discountedUnitPriceSet: moneyBag(
        Math.round((original - discount) / line.quantity),
        currency,
      ),
      originalTotalSet: line.originalTotalSet,
      totalDiscountSet: moneyBag(discount, currency),
      taxLines: line.taxLines,
    };
  });
}

function moveDraftStock(shop: ShopState, draft: DraftOrderRecord): void {
  const reservedByItem = new Map<string, number>();
  for (const r of draft.reservations) {
    const held = reservedByItem.get(r.inventoryItemId) ?? 0;
    reservedByItem.set(r.inventoryItemId, held + r.quantity);
  }

  commitReservedStock(shop, draft.reservations);
  const unreserved = draft.lineItems.flatMap((line) => {
    const variant = line.variantId ? shop.variants.get(line.variantId) : null;
    if (!variant) {
      return [];
    }
    const held = reservedByItem.get(variant.inventoryItemId) ?? 0;
    const taken = Math.min(held, line.quantity);
    reservedByItem.set(variant.inventoryItemId, held - taken);

    return [{ variantId: variant.id, quantity: line.quantity - taken }];
  });
  commitStock(
    shop,
    unreserved.filter((r) => r.quantity > 0),
  );
}
