/**
 * The Shopify Admin emulator: an offline stand-in for Shopify's Admin API
 * that validates every query against the real schema. Start here:
 *
 *   const emulator = createShopifyEmulator({ apiSecret, scopes });
 *   const shop = emulator.addShop("demo-store.myshopify.com");
 *   seedDemoCatalog(shop);
 *   const token = emulator.installApp(shop.domain);
 *
 * then either `useShopifyEmulatorFetch(emulator)` (same process) or
 * `startShopifyEmulatorServer(emulator)` plus redirect-preload.mjs.
 */
export {
  createShopifyEmulator,
  type ComplianceTopic,
  type ShopifyEmulator,
  type ShopifyEmulatorOptions,
} from "./emulator";
export {
  startShopifyEmulatorServer,
  type EmulatorServer,
  type EmulatorServerOptions,
} from "./http-server";
export { useShopifyEmulatorFetch } from "./in-process";
export {
  ConnectionDroppedError,
  FaultPlan,
  type Fault,
  type FaultEffect,
  type FaultMatch,
} from "./faults";
export {
  signWebhookBody,
  topicFromEnum,
  WebhookDispatcher,
  type WebhookDelivery,
  type WebhookSubscriptionOption,
} from "./webhooks";
export {
  addProduct,
  demoSpecials,
  seedDemoCatalog,
  type ProductSeed,
  type VariantSeed,
} from "./seed-catalog";
export { loadAdminSchema, supportedApiVersions } from "./admin-schema";
export { connectionOf, type ConnectionArgs } from "./connection";
export { registerNodeLoader } from "./node-loaders";
export { createShopState, type ShopOptions } from "./shop-state";
