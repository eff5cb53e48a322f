import type { ResolverMap } from "../context";
import { bulkOperationResolvers } from "./bulk-operations";
import { catalogResolvers } from "./catalog";
import { orderResolvers } from "./orders";
import { webhookSubscriptionResolvers } from "./webhook-subscriptions";

/** Every resolver module, merged by type name in emulator.ts. */
export const resolverModules: ResolverMap[] = [
  catalogResolvers,
  bulkOperationResolvers,
  webhookSubscriptionResolvers,
  orderResolvers,
];
