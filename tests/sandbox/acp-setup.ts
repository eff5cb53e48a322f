/**
 * Makes the sandbox's shops ready for agents, the way a merchant would in
 * the settings page: an API key for each shop, request signing on for the
 * second one, and a Stripe account on the first. Runs the app's own
 * functions against the sandbox's database, then describes what an agent
 * can buy (the ACP fields of .sandbox/info.json).
 */
import { toMinorUnits } from "../../app/lib/money";
import type { ShopifyEmulator } from "../emulators/shopify/emulator";
import { demoSpecials } from "../emulators/shopify/seed-catalog";
import type { ShopState, VariantRecord } from "../emulators/shopify/store";
import { DEMO_SHOP, OTHER_SHOP } from "./shops";

export interface AcpSandboxInfo {
  acp_base_url: string;
  api_key: string;
  api_versions: string[];
  items: {
    id: string;
    title: string;
    unit_amount: number;
    currency: string;
    available_quantity: number;
  }[];
  out_of_stock_item_id: string;
  digital_item_id: string;
  discount_code: string;
  other_shop_acp_base_url: string;
  other_api_key: string;
  other_item_id: string;
  other_signing_secret: string;
}

export interface AcpSetupOptions {
  appUrl: string;
  /** The app's environment: the same database and encryption key. */
  env: Record<string, string>;
  emulator: ShopifyEmulator;
  /** A fixed key for the demo shop (ACP_SANDBOX_API_KEY). */
  fixedApiKey?: string;
}

export async function setUpAcp(
  options: AcpSetupOptions,
): Promise<AcpSandboxInfo> {
  Object.assign(process.env, options.env, { LOG_LEVEL: "warn" });
  const { createApiKey, importApiKey } =
    await import("../../app/acp/api-keys.server");
  const { setRequestSigningSecret } =
    await import("../../app/shops/shop-settings.server");
  const { SUPPORTED_VERSIONS } = await import("../../app/acp/versions");
  const { db } = await import("../../app/lib/db.server");

  const fixed = options.fixedApiKey;
  if (fixed) await importApiKey(DEMO_SHOP, "Sandbox agent (fixed)", fixed);
  const apiKey = fixed ?? (await createApiKey(DEMO_SHOP, "Sandbox agent")).key;
  const otherKey = (await createApiKey(OTHER_SHOP, "Sandbox agent")).key;
  const secret = await setRequestSigningSecret(OTHER_SHOP);
  await db.shop.update({
    where: { domain: DEMO_SHOP },
    data: { stripeAccountId: "acct_sandbox_demo" },
  });
  await db.$disconnect();

  const demo = options.emulator.requireShop(DEMO_SHOP);
  const other = options.emulator.requireShop(OTHER_SHOP);

  return {
    acp_base_url: `${options.appUrl}/acp/demo-store`,
    api_key: apiKey,
    api_versions: [...SUPPORTED_VERSIONS],
    items: inStockItems(demo).slice(0, 8),
    out_of_stock_item_id: itemOfProduct(demo, demoSpecials.soldOut),
    digital_item_id: itemOfProduct(demo, demoSpecials.digital),
    discount_code: "WELCOME10",
    other_shop_acp_base_url: `${options.appUrl}/acp/other-store`,
    other_api_key: otherKey,
    other_item_id: inStockItems(other)[0]?.id ?? "",
    other_signing_secret: secret,
  };
}

function itemIdOf(variant: VariantRecord): string {
  return String(variant.legacyResourceId);
}

function inStockItems(shop: ShopState): AcpSandboxInfo["items"] {
  return [...shop.variants.values()].flatMap((variant) => {
    const product = shop.products.get(variant.productId);
    const item = shop.inventoryItems.get(variant.inventoryItemId);
    const available = item?.levels[0]?.available ?? 0;
    if (product?.status !== "ACTIVE" || !item?.requiresShipping) return [];
    if (available <= 0) return [];

    return [
      {
        id: itemIdOf(variant),
        title:
          variant.title === "Default Title"
            ? product.title
            : `${product.title} (${variant.title})`,
        unit_amount: toMinorUnits(variant.price, shop.currencyCode),
        currency: shop.currencyCode.toLowerCase(),
        available_quantity: available,
      },
    ];
  });
}

/** The first variant of the demo catalog's product at `position`. */
function itemOfProduct(shop: ShopState, position: number): string {
  const product = [...shop.products.values()][position];
  const variant = shop.variants.get(product?.variantIds[0] ?? "");

  return variant ? itemIdOf(variant) : "";
}
