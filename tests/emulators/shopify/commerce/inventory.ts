/**
 * Inventory states as Shopify names them: `available` can be sold,
 * `reserved` is held for draft orders (reserveInventoryUntil), `committed`
 * belongs to unfulfilled orders. On hand is their sum. Stock moves between
 * states level by level, in location order, and every move is recorded so
 * it can be undone exactly.
 */
import type { InventoryItemRecord, ShopState, VariantRecord } from "../store";
import type {
  DraftOrderRecord,
  InventoryReservationRecord,
} from "../store-orders";

export interface StockRequest {
  variantId: string;
  quantity: number;
}

/** What a variant can still sell; Infinity when stock is not tracked. */
export function availableQuantity(shop: ShopState, variantId: string): number {
  const item = inventoryItemOf(shop, variantId);
  if (!item || !item.tracked) {
    return Number.POSITIVE_INFINITY;
  }

  return item.levels.reduce((total, level) => total + level.available, 0);
}

export function inventoryItemOf(
  shop: ShopState,
  variantId: string,
): InventoryItemRecord | undefined {
  const variant = shop.variants.get(variantId);

  return variant ? shop.inventoryItems.get(variant.inventoryItemId) : undefined;
}

/** Requests for the same variant added up, so shortages are not missed. */
export function groupRequests(requests: StockRequest[]): StockRequest[] {
  const totals = new Map<string, number>();
  for (const { variantId, quantity } of requests) {
    totals.set(variantId, (totals.get(variantId) ?? 0) + quantity);
  }

  return [...totals].map(([variantId, quantity]) => ({ variantId, quantity }));
}

export interface Shortage {
  variant: VariantRecord;
  requested: number;
  available: number;
}

/** Variants that cannot be sold in the requested quantity (policy DENY). */
export function findShortages(
  shop: ShopState,
  requests: StockRequest[],
): Shortage[] {
  const shortages: Shortage[] = [];
  for (const { variantId, quantity } of groupRequests(requests)) {
    const variant = shop.variants.get(variantId);
    const available = Math.max(0, availableQuantity(shop, variantId));
    if (variant?.inventoryPolicy === "DENY" && available < quantity) {
      shortages.push({ variant, requested: quantity, available });
    }
  }

  return shortages;
}

/**
 * Moves what is available into `reserved`. A short variant is reserved as
 * far as stock goes; the draft still exists, as in Shopify.
 */
export function reserveStock(
  shop: ShopState,
  requests: StockRequest[],
): InventoryReservationRecord[] {
  const reservations: InventoryReservationRecord[] = [];
  for (const { variantId, quantity } of groupRequests(requests)) {
    const item = inventoryItemOf(shop, variantId);
    if (item?.tracked) {
      reservations.push(...reserveFromLevels(item, quantity));
    }
  }

  return reservations;
}

function reserveFromLevels(
  item: InventoryItemRecord,
  quantity: number,
): InventoryReservationRecord[] {
  const reservations: InventoryReservationRecord[] = [];
  let remaining = quantity;
  for (const level of item.levels) {
    const taken = Math.min(remaining, Math.max(0, level.available));
    if (taken > 0) {
      level.available -= taken;
      level.reserved += taken;
      remaining -= taken;
      reservations.push({
        inventoryItemId: item.id,
        locationId: level.locationId,
        quantity: taken,
      });
    }
  }

  return reservations;
}

/** Undoes reservations: reserved stock becomes available again. */
export function releaseStock(
  shop: ShopState,
  reservations: InventoryReservationRecord[],
): void {
  for (const reservation of reservations) {
    const level = levelOf(shop, reservation);
    if (level) {
      level.reserved -= reservation.quantity;
      level.available += reservation.quantity;
    }
  }
}

/** Turns a draft's reservations into stock committed to its order. */
export function commitReservedStock(
  shop: ShopState,
  reservations: InventoryReservationRecord[],
): void {
  for (const reservation of reservations) {
    const level = levelOf(shop, reservation);
    if (level) {
      level.reserved -= reservation.quantity;
      level.committed += reservation.quantity;
    }
  }
}

/**
 * Commits stock to an order, from available, first location first. When
 * stock runs out the last level goes negative: the caller decided to
 * oversell (policy CONTINUE or DECREMENT_IGNORING_POLICY).
 */
export function commitStock(
  shop: ShopState,
  requests: StockRequest[],
): InventoryReservationRecord[] {
  const moves: InventoryReservationRecord[] = [];
  for (const { variantId, quantity } of groupRequests(requests)) {
    const item = inventoryItemOf(shop, variantId);
    if (item?.tracked && item.levels.length > 0) {
      moves.push(...commitFromLevels(item, quantity));
    }
  }

  return moves;
}

function commitFromLevels(
  item: InventoryItemRecord,
  quantity: number,
): InventoryReservationRecord[] {
  const moves: InventoryReservationRecord[] = [];
  let remaining = quantity;
  item.levels.forEach((level, index) => {
    const isLast = index === item.levels.length - 1;
    const fromHere = isLast
      ? remaining
      : Math.min(remaining, Math.max(0, level.available));
    if (fromHere > 0) {
      level.available -= fromHere;
      level.committed += fromHere;
      remaining -= fromHere;
      moves.push({
        inventoryItemId: item.id,
        locationId: level.locationId,
        quantity: fromHere,
      });
    }
  });

  return moves;
}

/** Stock of an order line leaves `committed`: shipped or restocked. */
export function uncommitStock(
  shop: ShopState,
  variantId: string,
  quantity: number,
  restock: boolean,
): void {
  const item = inventoryItemOf(shop, variantId);
  const level = item?.tracked
    ? (item.levels.find((l) => l.committed >= quantity) ?? item.levels[0])
    : undefined;
  if (level) {
    level.committed -= quantity;
    level.available += restock ? quantity : 0;
  }
}

/** A returned item goes back on the shelf. */
export function returnStock(
  shop: ShopState,
  variantId: string,
  quantity: number,
): void {
  const item = inventoryItemOf(shop, variantId);
  const level = item?.tracked ? item.levels[0] : undefined;
  if (level) {
    level.available += quantity;
  }
}

/**
 * Releases the stock of drafts whose reserveInventoryUntil has passed.
 * Called before every commerce operation, so expiry follows ctx.now().
 */
export function releaseExpiredReservations(
  shop: ShopState,
  now: Date,
): DraftOrderRecord[] {
  const expired = [...shop.draftOrders.values()].filter(
    (draft) =>
      draft.reservations.length > 0 &&
      draft.reserveInventoryUntil !== null &&
      Date.parse(draft.reserveInventoryUntil) <= now.getTime(),
  );
  for (const draft of expired) {
    releaseStock(shop, draft.reservations);
    draft.reservations = [];
  }

  return expired;
}

function levelOf(shop: ShopState, reservation: InventoryReservationRecord) {
  const item = shop.inventoryItems.get(reservation.inventoryItemId);

  return item?.levels.find((l) => l.locationId === reservation.locationId);
}
