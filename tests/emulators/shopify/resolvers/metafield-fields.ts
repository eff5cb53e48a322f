/**
 * `metafield(namespace:, key:)` and `metafields(...)` on draft orders and
 * orders, read from the shop's metafield records like the catalog's.
 */
import type { FieldResolver } from "../context";
import type { MetafieldRecord, ShopState } from "../store";
import { metafieldView } from "./catalog-views";
import { pageOf } from "./order-views";

const ownerIdOf = (parent: unknown) => (parent as { id: string }).id;

function ownedBy(shop: ShopState, ownerId: string): MetafieldRecord[] {
  return shop.metafields.filter((m) => m.ownerId === ownerId);
}

export const metafieldResolvers: Record<string, FieldResolver> = {
  metafield: (parent, args, ctx) => {
    const found = ownedBy(ctx.shop, ownerIdOf(parent)).find(
      (m) =>
        m.key === args["key"] &&
        (args["namespace"] == null || m.namespace === args["namespace"]),
    );

    return found ? metafieldView(found) : null;
  },
  metafields: (parent, args, ctx) => {
    const namespace = args["namespace"] as string | null | undefined;
    const keys = args["keys"] as string[] | null | undefined;
    const owned = ownedBy(ctx.shop, ownerIdOf(parent)).filter(
      (m) =>
        (!namespace || m.namespace === namespace) &&
        (!keys || keys.includes(`${m.namespace}.${m.key}`)),
    );

    return pageOf(owned.map(metafieldView), args, ctx);
  },
};
