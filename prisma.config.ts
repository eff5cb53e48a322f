import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseFlavour, resolveDatabaseUrl } from "./app/lib/database-url";
import { createMigrateAdapter } from "./prisma/migrate-adapters";

// The CLI runs through the JS (WASM) schema engine and a driver adapter, so
// no native engine is ever downloaded. The flavour follows DATABASE_URL:
// SQLite by default, PostgreSQL for several app instances.
// docs/decisions/001-prisma-offline-two-flavours.md has the details.
const url = resolveDatabaseUrl(process.env.DATABASE_URL);
const flavour = databaseFlavour(url);
const folder = flavour === "postgresql" ? "prisma/postgres" : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  engine: "js",
  adapter: () => createMigrateAdapter(url),
});
