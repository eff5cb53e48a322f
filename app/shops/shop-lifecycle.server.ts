/**
 * A shop's life with the app: installed (or reinstalled), its granted scopes
 * changed, uninstalled. The Shop row outlives an uninstall so that settings
 * survive a reinstall; shop/redact (privacy.server.ts) erases it for good.
 */
import { db } from "../lib/db.server";
import { TtlCache } from "../lib/ttl-cache";
import { logger } from "../lib/logger.server";
import { queryAdmin, type AdminGraphql } from "../shopify/admin-client.server";
import { SHOP_QUERY } from "../shopify/shop-query.server";

export async function recordInstall(shop: string, scopes: string | null) {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, scopes },
    update: { scopes, uninstalledAt: null },
  });
  served.delete(shop);
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
  served.delete(shop);
  logger.info("shop uninstalled", { shop, sessionsDeleted: count });
}

const served = new TtlCache<string, boolean>({ ttlMs: 5_000 });

/**
 * Whether the app serves this shop's ACP address: installed and not
 * uninstalled. Kept a few seconds: every ACP request asks.
 */
export async function isShopServed(
  shop: string,
  nowMs = Date.now(),
): Promise<boolean> {
  return served.getOrLoad(
    shop,
    async () => {
      const row = await db.shop.findUnique({
        where: { domain: shop },
        select: { uninstalledAt: true },
      });

      return row !== null && row.uninstalledAt === null;
    },
    nowMs,
  );
}

export interface ShopOverview {
  domain: string;
  /** Null when Shopify could not be asked; the page still shows the rest. */
  name: string | null;
  installedAt: Date | null;
  scopes: string[];
}

export async function getShopOverview(
  shop: string,
  graphql: AdminGraphql,
): Promise<ShopOverview> {
  const [row, name] = await Promise.all([
    db.shop.findUnique({ where: { domain: shop } }),
    fetchShopName(shop, graphql),
  ]);

  return {
    domain: shop,
    name,
    installedAt: row?.installedAt ?? null,
    scopes: row?.scopes ? row.scopes.split(",") : [],
  };
}

async function fetchShopName(shop: string, graphql: AdminGraphql) {
  try {
    const { data } = await queryAdmin(graphql, SHOP_QUERY, { maxAttempts: 2 });

    return data.shop.name;
  } catch (error) {
    logger.warn("shop name unavailable", { shop, error: String(error) });

    return null;
  }
}
