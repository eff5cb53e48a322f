/**
 * A shop to check out from: the in-process Shopify emulator with the demo
 * taxes, shipping rates, discount codes and policies, a small catalog
 * whose prices and stock are known, the app installed with its offline
 * session, and the checkout service wired to it.
 */
import {
  createCheckoutService,
  type CheckoutService,
} from "../../app/checkout/checkout-sessions.server";
import { db } from "../../app/lib/db.server";
import { refreshShopPolicies } from "../../app/shops/shop-policies.server";
import { unauthenticated } from "../../app/shopify.server";
import {
  addProduct,
  type ProductSeed,
} from "../emulators/shopify/seed-catalog";
import { seedDemoCommerce } from "../emulators/shopify/seed-commerce";
import type { ShopState } from "../emulators/shopify/store";
import {
  createShopifyHarness,
  installShop,
  TEST_SHOP,
  type ShopifyHarness,
} from "./shopify";

export interface CheckoutCatalog {
  /** 20.00, 10 in stock. */
  shirt: string;
  /** 12.50, 2 in stock. */
  mug: string;
  /** 9.99, digital. */
  ebook: string;
  /** 30.00, none in stock. */
  soldOut: string;
  /** 45.00, a draft product: not for sale. */
  draft: string;
}

export interface CheckoutHarness extends ShopifyHarness {
  shop: ShopState;
  catalog: CheckoutCatalog;
  service: CheckoutService;
  /** The service's clock; tests move it to expire sessions. */
  clock: { now: Date };
}

export const ADDRESSES = {
  NY: address("New York", "NY", "US", "10001"),
  CA: address("San Francisco", "CA", "US", "94131"),
  OR: address("Portland", "OR", "US", "97201"),
  DE: address("Berlin", "BE", "DE", "10115"),
};

function address(city: string, state: string, country: string, zip: string) {
  return {
    name: "Ada Lovelace",
    line_one: "1 Main Street",
    city,
    state,
    country,
    postal_code: zip,
  };
}

export async function createCheckoutHarness(): Promise<CheckoutHarness> {
  const harness = createShopifyHarness();
  const shop = harness.emulator.addShop(TEST_SHOP, { name: "Demo Store" });
  seedDemoCommerce(shop);
  const catalog = seedCatalog(shop);
  await installShop(harness);
  await db.shop.upsert({
    where: { domain: TEST_SHOP },
    create: { domain: TEST_SHOP, stripeAccountId: "acct_demo" },
    update: {},
  });
  await refreshShopPolicies(TEST_SHOP, await graphqlFor(TEST_SHOP));
  harness.calls.length = 0;

  const clock = { now: new Date("2026-12-01T12:00:00Z") };
  const service = createCheckoutService({ graphqlFor, now: () => clock.now });

  return { ...harness, shop, catalog, service, clock };
}

async function graphqlFor(shop: string) {
  return (await unauthenticated.admin(shop)).admin.graphql;
}

function seedCatalog(shop: ShopState): CheckoutCatalog {
  const variantOf = (title: string, seed: Omit<ProductSeed, "title">) => {
    const product = addProduct(shop, { ...seed, title });
    const gid = product.variantIds[0] ?? "";

    return gid.slice(gid.lastIndexOf("/") + 1);
  };

  return {
    shirt: variantOf("Linen Shirt", {
      variants: [{ price: "20.00", inventory: 10 }],
    }),
    mug: variantOf("Stoneware Mug", {
      variants: [{ price: "12.50", inventory: 2 }],
    }),
    ebook: variantOf("Field Guide E-book", {
      variants: [
        {
          price: "9.99",
          inventory: 0,
          tracked: false,
          requiresShipping: false,
        },
      ],
    }),
    soldOut: variantOf("Wool Scarf", {
      variants: [{ price: "30.00", inventory: 0, inventoryPolicy: "DENY" }],
    }),
    draft: variantOf("Prototype Lamp", {
      status: "DRAFT",
      variants: [{ price: "45.00", inventory: 5 }],
    }),
  };
}
