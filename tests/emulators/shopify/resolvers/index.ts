import type { ResolverMap } from "../context";
import { catalogResolvers } from "./catalog";
import { orderResolvers } from "./orders";

/** Every resolver module, merged by type name in emulator.ts. */
export const resolverModules: ResolverMap[] = [
  catalogResolvers,
  orderResolvers,
];
