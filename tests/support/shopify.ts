/**
 * The app's Shopify library wired to an in-process Shopify emulator: a shop
 * installed with an offline session stored in the app's database, and the
 * admin client the app's background work uses for it.
 */
import { operationName } from "../../app/shopify/admin-client.server";
import {
  createShopifyEmulator,
  type ShopifyEmulator,
  type ShopifyEmulatorOptions,
} from "../emulators/shopify/emulator";
import "@shopify/shopify-api/adapters/node";
import { Session } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

export const TEST_SHOP = "demo-store.myshopify.com";

export interface ShopifyHarness {
  emulator: ShopifyEmulator;
  /** Moves the emulator's clock forward (refills cost buckets). */
  advance(ms: number): void;
  /** Operation names of the GraphQL calls the app made, oldest first. */
  calls: string[];
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
  const calls: string[] = [];
  setAbstractFetchFunc(async (input, init) => {
    const request = new Request(input as RequestInfo, init as RequestInit);
    if (request.url.endsWith("/graphql.json")) {
      calls.push(await operationOf(request.clone()));
    }

    return emulator.handle(request);
  });

  return { emulator, advance: (ms) => (now += ms), calls };
}

async function operationOf(request: Request): Promise<string> {
  const body = (await request.json().catch(() => ({}))) as { query?: string };

  return operationName(body.query ?? "");
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
