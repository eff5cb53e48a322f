/**
 * Runs once per test run, before any worker starts: migrates a template
 * database that each test file then copies (tests/setup/env.ts), so every
 * file gets a fresh, migrated database of its own.
 *
 * SQLite by default; PostgreSQL when TEST_DATABASE_URL points at a server
 * (`npm run test:postgres`), in which case the template is a new database
 * created here and dropped at the end.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import {
  createPostgresDatabase,
  dropPostgresDatabases,
  uniqueName,
} from "../support/postgres";

export default async function setup() {
  const runId = uniqueName("acp_test");
  const server = process.env.TEST_DATABASE_URL;
  if (server) return setupPostgres(server, runId);

  const folder = path.join("tests", ".tmp", runId);
  mkdirSync(folder, { recursive: true });
  const template = `file:./${folder}/template.sqlite`;
  migrate(template);
  process.env.TEST_SQLITE_TEMPLATE = path.join(folder, "template.sqlite");

  return () => rmSync(folder, { recursive: true, force: true });
}

async function setupPostgres(server: string, runId: string) {
  const template = await createPostgresDatabase(server, `${runId}_template`);
  migrate(template);
  process.env.TEST_POSTGRES_TEMPLATE = `${runId}_template`;
  process.env.TEST_POSTGRES_PREFIX = runId;

  return () => dropPostgresDatabases(server, runId);
}

function migrate(url: string) {
  execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "deploy"],
    { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" },
  );
}
