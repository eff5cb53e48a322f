import type { ResolverMap } from "../context";

export const catalogResolvers: ResolverMap = {};
