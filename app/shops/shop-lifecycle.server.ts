/**
 * A shop's life with the app: installed (or reinstalled), its granted scopes
 * changed, uninstalled. The Shop row outlives an uninstall so that settings
 * survive a reinstall; shop/redact (privacy.server.ts) erases it for good.
 */
import { db } from "../lib/db.server";
import { logger } from "../lib/logger.server";

export async function recordInstall(shop: string, scopes: string | null) {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, scopes },
    update: { scopes, uninstalledAt: null },
  });
  logger.info("shop installed", { shop, scopes });
}

export async function recordScopesUpdate(shop: string, scopes: string[]) {
  const scope = scopes.join(",");
  await db.session.updateMany({ where: { shop }, data: { scope } });
  await db.shop.updateMany({
    where: { domain: shop },
    data: { scopes: scope },
  });
  logger.info("shop scopes updated", { shop, scopes: scope });
}

/**
 * Shopify has revoked the app's tokens: drop every session and mark the
 * shop uninstalled. Repeated deliveries of the webhook change nothing more.
 */
export async function recordUninstall(shop: string, at = new Date()) {
  const { count } = await db.session.deleteMany({ where: { shop } });
  await db.shop.updateMany({
    where: { domain: shop, uninstalledAt: null },
    data: { uninstalledAt: at },
  });
  logger.info("shop uninstalled", { shop, sessionsDeleted: count });
}

export interface ShopOverview {
  domain: string;
  installedAt: Date | null;
  scopes: string[];
}

export async function getShopOverview(shop: string): Promise<ShopOverview> {
  const row = await db.shop.findUnique({ where: { domain: shop } });

  return {
    domain: shop,
    installedAt: row?.installedAt ?? null,
    scopes: row?.scopes ? row.scopes.split(",") : [],
  };
}
