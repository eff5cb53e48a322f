/**
 * Idempotency across app instances: two processes of the built app share
 * one PostgreSQL database (as behind a load balancer), and the same create
 * request sent to both at once still makes exactly one session.
 */
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createShopifyEmulator } from "../emulators/shopify/emulator";
import {
  startShopifyEmulatorServer,
  type EmulatorServer,
} from "../emulators/shopify/http-server";
import { addProduct } from "../emulators/shopify/seed-catalog";
import { seedDemoCommerce } from "../emulators/shopify/seed-commerce";
import { startBuiltApp, type RunningApp } from "../support/app-server";
import {
  createPostgresDatabase,
  dropPostgresDatabases,
  uniqueName,
} from "../support/postgres";

const SHOP = "demo-store.myshopify.com";
const server =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const prefix = uniqueName("acp_two_processes");

let databaseUrl: string;
let shopify: EmulatorServer;
let apps: RunningApp[] = [];
let apiKey: string;
let itemId: string;

beforeAll(async () => {
  databaseUrl = await createPostgresDatabase(server, prefix);
  execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "pipe",
    },
  );

  const emulator = createShopifyEmulator({
    apiKey: process.env.SHOPIFY_API_KEY,
    apiSecret: process.env.SHOPIFY_API_SECRET,
    scopes: process.env.SCOPES?.split(","),
  });
  const shop = emulator.addShop(SHOP);
  seedDemoCommerce(shop);
  const product = addProduct(shop, {
    title: "Linen Shirt",
    variants: [{ price: "20.00", inventory: 50 }],
  });
  itemId = (product.variantIds[0] ?? "").split("/").pop() ?? "";
  shopify = await startShopifyEmulatorServer(emulator);

  apiKey = await installInDatabase(emulator.installApp(SHOP));
  const env = {
    DATABASE_URL: databaseUrl,
    SHOPIFY_EMULATOR_ORIGIN: shopify.origin,
    LOG_LEVEL: "warn",
  };
  apps = await Promise.all(
    [0, 1].map(() =>
      startBuiltApp({
        env,
        preload: "./tests/emulators/shopify/redirect-preload.mjs",
      }),
    ),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await shopify?.close();
  await dropPostgresDatabases(server, prefix);
});

/** The installed shop, its offline session and an API key, in PostgreSQL. */
async function installInDatabase(accessToken: string): Promise<string> {
  // The app's own modules, on the shared database, issue the key.
  process.env.DATABASE_URL = databaseUrl;
  const { db } = await import("../../app/lib/db.server");
  const { createApiKey } = await import("../../app/acp/api-keys.server");
  await db.shop.create({ data: { domain: SHOP, currencyCode: "USD" } });
  await db.session.create({
    data: {
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "installed",
      isOnline: false,
      scope: process.env.SCOPES,
      accessToken,
    },
  });
  const { key } = await createApiKey(SHOP, "Agent");

  return key;
}

describe("two app processes on one PostgreSQL database", () => {
  it("make one session from 20 identical concurrent creates", async () => {
    const idempotencyKey = randomUUID();
    const body = JSON.stringify({
      currency: "usd",
      line_items: [{ id: itemId, quantity: 1 }],
      capabilities: {},
      buyer: { email: "ada@example.com" },
    });

    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const app = apps[i % 2];
        const response = await fetch(
          `${app?.url}/acp/demo-store/checkout_sessions`,
          {
            method: "POST",
            headers: {
              Authorization: `Bearer ${apiKey}`,
              "API-Version": "2026-04-17",
              "Idempotency-Key": idempotencyKey,
              "Content-Type": "application/json",
            },
            body,
          },
        );

        return {
          status: response.status,
          body: (await response.json()) as { id?: string },
        };
      }),
    );

    const { db } = await import("../../app/lib/db.server");
    const sessions = await db.checkoutSession.count();
    expect(sessions).toBe(1);
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    for (const answer of answers) expect([201, 409]).toContain(answer.status);
  });
});
