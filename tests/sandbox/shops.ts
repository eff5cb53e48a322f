/**
 * The sandbox's Shopify: the emulator seeded with the demo store and a
 * second small shop, served over HTTP with the stand-in admin in front.
 */
import {
  createShopifyEmulator,
  type ShopifyEmulator,
} from "../emulators/shopify/emulator";
import { startShopifyEmulatorServer } from "../emulators/shopify/http-server";
import { addProduct, seedDemoCatalog } from "../emulators/shopify/seed-catalog";
import {
  seedDemoCommerce,
  seedShopPolicies,
} from "../emulators/shopify/seed-commerce";
import type { FetchHandler } from "./admin-stand-in";
import type { AppToml } from "./app-config";

export const DEMO_SHOP = "demo-store.myshopify.com";
export const OTHER_SHOP = "other-store.myshopify.com";

export interface SandboxShopifyOptions {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  toml: AppToml;
  port: number;
  /** Puts other handlers (the stand-in admin) in front of the emulator. */
  wrap: (handle: FetchHandler) => FetchHandler;
}

export interface SandboxShopify {
  emulator: ShopifyEmulator;
  origin: string;
  close(): Promise<void>;
}

export async function createSandboxShopify(
  options: SandboxShopifyOptions,
): Promise<SandboxShopify> {
  const emulator = createShopifyEmulator({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    appUrl: options.appUrl,
    scopes: options.toml.scopes,
    webhooks: options.toml.subscriptions,
    webhookApiVersion: options.toml.webhookApiVersion,
    setup: seedShops,
  });
  emulator.handle = options.wrap(emulator.handle.bind(emulator));
  const server = await startShopifyEmulatorServer(emulator, {
    port: options.port,
  });

  return { emulator, origin: server.origin, close: server.close };
}

function seedShops(emulator: ShopifyEmulator) {
  const demo = emulator.addShop(DEMO_SHOP, { name: "Demo Store" });
  seedDemoCatalog(demo, { count: 44 });
  seedDemoCommerce(demo);

  const other = emulator.addShop(OTHER_SHOP, {
    name: "Other Store",
    countryCode: "DE",
    provinceCode: null,
    currencyCode: "EUR",
    ianaTimezone: "Europe/Berlin",
  });
  seedShopPolicies(other);
  for (const title of ["Linen Apron", "Oak Cutting Board", "Wool Throw"]) {
    addProduct(other, {
      title,
      variants: [{ price: "29.00", inventory: 12 }],
    });
  }
}
