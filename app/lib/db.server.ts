/**
 * The Prisma client for DATABASE_URL: SQLite by default, PostgreSQL when the
 * URL says so. Both flavours come from the same schema (prisma/schema.prisma
 * and its derived PostgreSQL copy), so one client type serves both.
 */
import { createRequire } from "node:module";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { databaseFlavour, postgresPoolConfig } from "./database-url";
import { getEnv } from "./env.server";

export type Db = PrismaClient;

export function createDb(url: string): Db {
  if (databaseFlavour(url) === "sqlite") {
    return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  }

  // The PostgreSQL client is generated from prisma/postgres/schema.prisma
  // into node_modules/.prisma/client-postgres by `npm install`.
  const require = createRequire(import.meta.url);
  const { PrismaClient: PostgresClient } =
    require(".prisma/client-postgres") as {
      PrismaClient: new (options: object) => Db;
    };

  return new PostgresClient({
    adapter: new PrismaPg(postgresPoolConfig(url)),
  });
}

declare global {
  // Survives the dev server's module reloads, so they do not leak pools.
  var acpBridgeDb: Db | undefined;
}

export const db: Db = globalThis.acpBridgeDb ?? createDb(getEnv().DATABASE_URL);

if (process.env.NODE_ENV === "development") globalThis.acpBridgeDb = db;
