/**
 * The sandbox's Shopify: the emulator seeded with the demo store and a
 * second small shop, served over HTTP with the stand-in admin in front.
 */
import { operationName } from "../../app/shopify/admin-client.server";
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
  const restoreRate = Number(process.env.SANDBOX_SHOPIFY_RESTORE_RATE || 0);
  const emulator = createShopifyEmulator({
    ...(restoreRate > 0 && {
      bucket: { restoreRate, maximumAvailable: restoreRate * 20 },
    }),
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    appUrl: options.appUrl,
    scopes: options.toml.scopes,
    webhooks: options.toml.subscriptions,
    webhookApiVersion: options.toml.webhookApiVersion,
    setup: seedShops,
  });
  emulator.handle = options.wrap(countCalls(emulator.handle.bind(emulator)));
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

interface CallStats {
  count: number;
  cost: number;
}

/**
 * Counts the app's Admin API calls by operation, with the cost Shopify
 * charged, for the benchmark: `GET /__sandbox/shopify-calls` reads them,
 * `DELETE` starts again.
 */
function countCalls(handle: FetchHandler): FetchHandler {
  const calls = new Map<string, CallStats>();

  return async (request) => {
    const { pathname } = new URL(request.url);
    if (pathname === "/__sandbox/shopify-calls") {
      if (request.method === "DELETE") calls.clear();

      return Response.json(Object.fromEntries(calls));
    }
    if (!pathname.endsWith("/graphql.json")) return handle(request);

    const name = await operationOf(request.clone());
    const response = await handle(request);
    const cost = await actualCost(response.clone());
    const stats = calls.get(name) ?? { count: 0, cost: 0 };
    calls.set(name, { count: stats.count + 1, cost: stats.cost + cost });

    return response;
  };
}

async function operationOf(request: Request): Promise<string> {
  const body = (await request.json().catch(() => ({}))) as { query?: string };

  return operationName(body.query ?? "");
}

async function actualCost(response: Response): Promise<number> {
  const body = (await response.json().catch(() => ({}))) as {
    extensions?: { cost?: { actualQueryCost?: number | null } };
  };

  return body.extensions?.cost?.actualQueryCost ?? 0;
}
