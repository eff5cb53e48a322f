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
  if (databaseFlavour(url) === "sqlite") return createSqliteDb(url);

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

/**
 * better-sqlite3 works synchronously, so every write's fsync stalls the
 * whole process. Write-ahead logging with `synchronous = NORMAL` makes a
 * commit an append (durable across application crashes; a power loss may
 * lose the last commits, never corrupt the file), and lets reads proceed
 * during writes. https://www.sqlite.org/wal.html
 */
function createSqliteDb(url: string): Db {
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url }),
  });
  const ready = Promise.all([
    client.$queryRawUnsafe("PRAGMA journal_mode = WAL"),
    client.$queryRawUnsafe("PRAGMA synchronous = NORMAL"),
    client.$queryRawUnsafe("PRAGMA busy_timeout = 5000"),
  ]);
  ready.catch((error: unknown) => {
    console.error("SQLite settings were not applied", error);
  });

  return client;
}

declare global {
  // Survives the dev server's module reloads, so they do not leak pools.
  var acpBridgeDb: Db | undefined;
}

export const db: Db = globalThis.acpBridgeDb ?? createDb(getEnv().DATABASE_URL);

if (process.env.NODE_ENV === "development") globalThis.acpBridgeDb = db;
