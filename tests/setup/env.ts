/**
 * Runs before each test file: a known environment and a fresh database of
 * the file's own, copied from the run's migrated template
 * (tests/setup/global-database.ts). Suites that need other values set them
 * before importing the module under test.
 */
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { createPostgresDatabase, uniqueName } from "../support/postgres";

Object.assign(process.env, {
  NODE_ENV: "test",
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  SHOPIFY_API_KEY: "test-api-key",
  SHOPIFY_API_SECRET: "test-api-secret",
  SHOPIFY_APP_URL: "https://acp-bridge.test",
  SCOPES:
    "read_products,read_inventory,read_legal_policies,write_draft_orders,write_orders",
  APP_ENCRYPTION_KEY: "0".repeat(63) + "1",
});

process.env.DATABASE_URL = await createFileDatabase();

async function createFileDatabase(): Promise<string> {
  const postgresTemplate = process.env.TEST_POSTGRES_TEMPLATE;
  const server = process.env.TEST_DATABASE_URL;
  if (postgresTemplate && server) {
    const prefix = process.env.TEST_POSTGRES_PREFIX ?? "acp_test";
    const name = uniqueName(`${prefix}_file`).slice(0, 63);

    return createPostgresDatabase(server, name, postgresTemplate);
  }

  const template = process.env.TEST_SQLITE_TEMPLATE;
  if (!template) return "file:./tests/.tmp/unused.sqlite";

  const file = path.join(
    path.dirname(template),
    `${uniqueName("file")}.sqlite`,
  );
  copyFileSync(template, file);

  return `file:./${file}`;
}

afterAll(async () => {
  const { db } = await import("../../app/lib/db.server");
  await db.$disconnect();
});
