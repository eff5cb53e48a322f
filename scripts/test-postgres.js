#!/usr/bin/env node
// Runs the database suites against PostgreSQL. The test setup creates a
// fresh database on the server (TEST_DATABASE_URL, default the local one),
// migrates it, gives each test file its own copy, and drops them all at
// the end. Extra arguments go to vitest.
import { spawnSync } from "node:child_process";

const server =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const args = process.argv.slice(2);
const suites = args.length > 0 ? args : ["tests/app"];

const result = spawnSync("npx", ["vitest", "run", ...suites], {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE_URL: server },
});
process.exit(result.status ?? 1);
