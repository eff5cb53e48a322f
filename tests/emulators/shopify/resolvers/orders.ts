import type { ResolverMap } from "../context";

export const orderResolvers: ResolverMap = {};
