/** Plain records for tests, with overridable defaults. */
import type { Prisma } from "@prisma/client";

let sequence = 0;

export function buildSession(
  overrides: Partial<Prisma.SessionCreateInput> = {},
): Prisma.SessionCreateInput {
  sequence += 1;
  const shop = overrides.shop ?? "demo-store.myshopify.com";

  return {
    id: `offline_${shop}_${sequence}`,
    shop,
    state: "",
    isOnline: false,
    scope: "read_products,write_orders",
    accessToken: `shpat_test_${sequence}`,
    ...overrides,
  };
}
