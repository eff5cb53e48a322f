#!/usr/bin/env node
// Generates the types of the app's GraphQL documents, offline: unpacks the
// Admin schema the emulator ships into app/types (where the codegen preset
// looks before it would download one), then runs graphql-codegen. Exits
// non-zero when a document does not validate against the schema.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

const VERSION = "2026-07";
const packed = `tests/emulators/shopify/schema/admin-${VERSION}.schema.json.gz`;
const unpacked = `app/types/admin-${VERSION}.schema.json`;

if (!existsSync(unpacked)) {
  mkdirSync("app/types", { recursive: true });
  writeFileSync(unpacked, gunzipSync(readFileSync(packed)));
}

// Its progress lines are noise; its output matters only when it fails.
const result = spawnSync("npx", ["graphql-codegen"], { encoding: "utf8" });
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
