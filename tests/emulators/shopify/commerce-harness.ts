/**
 * A small store for the commerce tests: the emulator with a movable clock,
 * the demo taxes, rates and codes, a handful of products whose stock and
 * shipping needs are known, and helpers to send GraphQL and read the
 * webhooks it emitted.
 */
import { adminGraphql } from "./admin-request";
import { createShopifyEmulator, type ShopifyEmulator } from "./emulator";
import { seedDemoCommerce } from "./seed-commerce";
import { addProduct } from "./seed-catalog";
import type { ShopState } from "./store";

export const SHOP = "commerce-store.myshopify.com";

export const COMMERCE_TOPICS = [
  "orders/create",
  "orders/updated",
  "orders/paid",
  "orders/cancelled",
  "orders/fulfilled",
  "orders/partially_fulfilled",
  "refunds/create",
  "draft_orders/create",
  "draft_orders/update",
  "draft_orders/delete",
  "fulfillments/create",
];

const SCOPES = [
  "read_products",
  "read_inventory",
  "write_draft_orders",
  "write_orders",
  "write_merchant_managed_fulfillment_orders",
];

export interface Catalog {
  /** 20.00, taxable, 10 in stock. */
  shirt: string;
  /** 12.50, 2 in stock, DENY. */
  mug: string;
  /** 9.99, digital: needs no shipping. */
  ebook: string;
  /** 30.00, none in stock, DENY. */
  soldOut: string;
  /** 15.00, none in stock, CONTINUE (backorder). */
  preorder: string;
}

export interface CommerceStore {
  emulator: ShopifyEmulator;
  shop: ShopState;
  token: string;
  catalog: Catalog;
  /** Moves the emulator's clock. */
  advance(ms: number): void;
  now(): Date;
  send<T = GraphqlBody>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { apiVersion?: string; token?: string },
  ): Promise<T>;
  /** Payloads emitted for a topic, oldest first. */
  webhooks(topic: string): Record<string, unknown>[];
  /** Stock of a variant at the first location. */
  stock(variantId: string): {
    available: number;
    reserved: number;
    committed: number;
  };
}

export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export function createCommerceStore(
  options: { developmentStore?: boolean } = {},
): CommerceStore {
  let clock = new Date("2026-08-03T12:00:00.000Z");
  const emulator = createShopifyEmulator({
    scopes: SCOPES,
    clock: () => clock,
    webhooks: COMMERCE_TOPICS.map((topic) => ({ topic, uri: "/webhooks" })),
    webhookDelivery: {
      fetch: async () => new Response(null, { status: 200 }),
      retryDelaysMs: [],
    },
  });
  const shop = emulator.addShop(SHOP, {
    developmentStore: options.developmentStore ?? false,
  });
  seedDemoCommerce(shop);
  const catalog = seedCatalog(shop);
  const token = emulator.installApp(SHOP);

  return {
    emulator,
    shop,
    token,
    catalog,
    advance: (ms) => {
      clock = new Date(clock.getTime() + ms);
    },
    now: () => clock,
    send: async <T>(
      query: string,
      variables?: Record<string, unknown>,
      opts: { apiVersion?: string; token?: string } = {},
    ) => {
      const answer = await adminGraphql<T>(emulator, {
        shop: SHOP,
        token: opts.token ?? token,
        query,
        variables,
        apiVersion: opts.apiVersion,
      });
      return answer.body;
    },
    webhooks: (topic) =>
      emulator.webhooks
        .log()
        .filter((d) => d.topic === topic)
        .map((d) => JSON.parse(d.body) as Record<string, unknown>),
    stock: (variantId) => stockOf(shop, variantId),
  };
}

function firstVariant(shop: ShopState, seed: Parameters<typeof addProduct>[1]) {
  const product = addProduct(shop, seed);
  const id = product.variantIds[0];
  if (!id) throw new Error(`No variant for ${seed.title}`);

  return id;
}

function seedCatalog(shop: ShopState): Catalog {
  return {
    shirt: firstVariant(shop, {
      title: "Harbor Tee",
      variants: [{ price: "20.00", inventory: 10, weightGrams: 200 }],
    }),
    mug: firstVariant(shop, {
      title: "Stoneware Mug",
      variants: [{ price: "12.50", inventory: 2 }],
    }),
    ebook: firstVariant(shop, {
      title: "Field Guide (eBook)",
      variants: [{ price: "9.99", requiresShipping: false, tracked: false }],
    }),
    soldOut: firstVariant(shop, {
      title: "Limited Print",
      variants: [{ price: "30.00", inventory: 0 }],
    }),
    preorder: firstVariant(shop, {
      title: "Next Season Cap",
      variants: [{ price: "15.00", inventory: 0, inventoryPolicy: "CONTINUE" }],
    }),
  };
}

function stockOf(shop: ShopState, variantId: string) {
  const variant = shop.variants.get(variantId);
  const item = variant && shop.inventoryItems.get(variant.inventoryItemId);
  const level = item?.levels[0];
  if (!level) throw new Error(`No stock for ${variantId}`);

  const { available, reserved, committed } = level;
  return { available, reserved, committed };
}

export const addresses = {
  newYork: {
    firstName: "Ada",
    lastName: "Lovelace",
    address1: "1 Liberty St",
    city: "New York",
    provinceCode: "NY",
    countryCode: "US",
    zip: "10005",
  },
  california: {
    address1: "1 Market St",
    city: "San Francisco",
    provinceCode: "CA",
    countryCode: "US",
    zip: "94105",
  },
  oregon: {
    address1: "1 Main St",
    city: "Portland",
    provinceCode: "OR",
    countryCode: "US",
    zip: "97201",
  },
  berlin: {
    address1: "Unter den Linden 1",
    city: "Berlin",
    countryCode: "DE",
    zip: "10117",
  },
  tokyo: {
    address1: "1 Chiyoda",
    city: "Tokyo",
    countryCode: "JP",
    zip: "100-0001",
  },
};

/** `data` of an answer, failing loudly when the request errored. */
export function dataOf<T>(body: GraphqlBody): T {
  if (body.errors?.length || !body.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  }

  return body.data as T;
}
