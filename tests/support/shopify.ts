/**
 * The app's Shopify library wired to an in-process Shopify emulator: a shop
 * installed with an offline session stored in the app's database, and the
 * admin client the app's background work uses for it.
 */
import {
  createShopifyEmulator,
  type ShopifyEmulator,
  type ShopifyEmulatorOptions,
} from "../emulators/shopify/emulator";
import { useShopifyEmulatorFetch } from "../emulators/shopify/in-process";
import { Session } from "@shopify/shopify-api";

export const TEST_SHOP = "demo-store.myshopify.com";

export interface ShopifyHarness {
  emulator: ShopifyEmulator;
  /** Moves the emulator's clock forward (refills cost buckets). */
  advance(ms: number): void;
}

export function createShopifyHarness(
  options: ShopifyEmulatorOptions = {},
): ShopifyHarness {
  let now = Date.parse("2026-12-01T12:00:00Z");
  const emulator = createShopifyEmulator({
    apiKey: process.env.SHOPIFY_API_KEY,
    apiSecret: process.env.SHOPIFY_API_SECRET,
    appUrl: process.env.SHOPIFY_APP_URL,
    scopes: process.env.SCOPES?.split(","),
    clock: () => new Date(now),
    ...options,
  });
  useShopifyEmulatorFetch(emulator);

  return { emulator, advance: (ms) => (now += ms) };
}

/** Installs the app on `shop` and stores its offline session. */
export async function installShop(
  harness: ShopifyHarness,
  shop = TEST_SHOP,
): Promise<void> {
  if (!harness.emulator.getShop(shop)) harness.emulator.addShop(shop);
  const accessToken = harness.emulator.installApp(shop);
  const { sessionStorage } = await import("../../app/shopify.server");
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope: process.env.SCOPES,
      accessToken,
    }),
  );
}
