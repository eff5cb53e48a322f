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

export function buildCheckoutSession(options: {
  id: string;
  shop: string;
  email: string;
}): Prisma.CheckoutSessionCreateInput {
  return {
    id: options.id,
    shop: options.shop,
    apiVersion: "2026-04-17",
    status: "not_ready_for_payment",
    currency: "usd",
    request: { buyer: { email: options.email }, line_items: [] },
    buyerEmail: options.email,
    expiresAt: new Date(Date.now() + 3_600_000),
  };
}
