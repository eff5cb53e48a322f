import "@shopify/shopify-app-remix/adapters/node";
import {
  ApiVersion,
  AppDistribution,
  LogSeverity,
  shopifyApp,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { db } from "./lib/db.server";
import { getEnv } from "./lib/env.server";
import { logger } from "./lib/logger.server";
import { recordInstall } from "./shops/shop-lifecycle.server";
import { refreshShopPolicies } from "./shops/shop-policies.server";

const env = getEnv();

export const API_VERSION = ApiVersion.July26;

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION,
  scopes: env.SCOPES,
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db),
  distribution: AppDistribution.AppStore,
  future: {
    unstable_newEmbeddedAuthStrategy: true,
  },
  logger: {
    level: LogSeverity.Info,
    log: (severity, message) => logShopifyLibrary(severity, message),
  },
  hooks: {
    afterAuth: async ({ session, admin }) => {
      await recordInstall(session.shop, session.scope ?? null);
      await refreshShopPolicies(session.shop, admin.graphql).catch(
        (error: unknown) =>
          logger.warn("shop policies unavailable at install", {
            shop: session.shop,
            error: String(error),
          }),
      );
    },
  },
});

/** The Shopify library's own messages, as lines of the app's log. */
function logShopifyLibrary(severity: LogSeverity, message: string) {
  const context = { source: "shopify-api" };
  if (severity === LogSeverity.Error) logger.error(message, context);
  else if (severity === LogSeverity.Warning) logger.warn(message, context);
  else if (severity === LogSeverity.Info) logger.info(message, context);
  else logger.debug(message, context);
}

export default shopify;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
