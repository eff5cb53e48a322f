/**
 * `node(id:)` and `nodes(ids:)` find a record by the type named in its gid.
 * Each resolver module registers the types it owns, so the commerce half
 * can make orders reachable through `node` without touching catalog code:
 *
 *   registerNodeLoader("Order", (shop, id) => orderView(shop.orders.get(id)))
 *
 * A loader returns a value with `__typename`, or null when nothing exists.
 */
import type { ShopState } from "./store";

export type NodeLoader = (shop: ShopState, id: string) => unknown;

const loaders = new Map<string, NodeLoader>();

export function registerNodeLoader(typeName: string, loader: NodeLoader) {
  loaders.set(typeName, loader);
}

/** "gid://shopify/Product/1" → "Product"; null for anything else. */
export function gidType(id: string): string | null {
  return /^gid:\/\/shopify\/(\w+)\/[^/]+$/.exec(id)?.[1] ?? null;
}

export function loadNode(shop: ShopState, id: string): unknown {
  const type = gidType(id);
  const loader = type ? loaders.get(type) : undefined;

  return loader?.(shop, id) ?? null;
}
