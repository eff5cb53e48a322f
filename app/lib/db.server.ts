/**
 * The Prisma client for DATABASE_URL: SQLite by default, PostgreSQL when the
 * URL says so. Both flavours come from the same schema (prisma/schema.prisma
 * and its derived PostgreSQL copy), so one client type serves both.
 */
import { createRequire } from "node:module";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { databaseFlavour, postgresPoolConfig } from "./database-url";
import { getEnv } from "./env.server";
import { createSql, shareConnection, type Sql } from "./sql";

export type Db = PrismaClient;

const statements = new WeakMap<Db, Sql>();

export function createDb(url: string): Db {
  const flavour = databaseFlavour(url);
  const { factory, connection } = shareConnection(
    flavour === "sqlite"
      ? new PrismaBetterSQLite3({ url })
      : new PrismaPg(postgresPoolConfig(url)),
  );
  const client =
    flavour === "sqlite"
      ? createSqliteDb(factory)
      : new (postgresClientClass())({ adapter: factory });
  statements.set(
    client,
    createSql(connection, () => client.$connect()),
  );

  return client;
}

/** Plain SQL on `db`'s own connection (lib/sql.ts says when to use it). */
export function sqlOf(db: Db): Sql {
  const sql = statements.get(db);
  if (!sql) throw new Error("not a client made by createDb");

  return sql;
}

/**
 * The PostgreSQL client is generated from prisma/postgres/schema.prisma
 * into node_modules/.prisma/client-postgres by `npm install`.
 */
function postgresClientClass() {
  const require = createRequire(import.meta.url);
  const { PrismaClient: PostgresClient } =
    require(".prisma/client-postgres") as {
      PrismaClient: new (options: object) => Db;
    };

  return PostgresClient;
}

/**
 * better-sqlite3 works synchronously, so every write's fsync stalls the
 * whole process. Write-ahead logging with `synchronous = NORMAL` makes a
 * commit an append (durable across application crashes; a power loss may
 * lose the last commits, never corrupt the file), and lets reads proceed
 * during writes. https://www.sqlite.org/wal.html
 */
function createSqliteDb(adapter: SqlDriverAdapterFactory): Db {
  const client = new PrismaClient({ adapter });
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
  var acpBridgeDb: { db: Db; sql: Sql } | undefined;
}

const shared = globalThis.acpBridgeDb ?? appDatabase(getEnv().DATABASE_URL);

export const db: Db = shared.db;
/** Plain SQL on `db`'s connection (lib/sql.ts says when to use it). */
export const sql: Sql = shared.sql;

if (process.env.NODE_ENV === "development") globalThis.acpBridgeDb = shared;

function appDatabase(url: string) {
  const client = createDb(url);

  return { db: client, sql: sqlOf(client) };
}
