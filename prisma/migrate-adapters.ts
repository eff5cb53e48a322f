/**
 * Driver adapters for the Prisma CLI (migrate, db push, diff). Prisma 6.19's
 * JS schema engine works through these adapters, which lets every command run
 * without the native engine that Prisma would otherwise download. Each stock
 * adapter has bugs on this path; the wrappers below fix them, and each says
 * when it can go. The runtime client (app/lib/db.server.ts) needs none of it.
 */
import { randomUUID } from "node:crypto";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { databaseFlavour, postgresPoolConfig } from "../app/lib/database-url";

export async function createMigrateAdapter(
  url: string,
): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (databaseFlavour(url) === "sqlite") return new MigrateSafeSQLite({ url });

  const factory = new MigrateSafePg(postgresPoolConfig(url));
  await readCatalogTypesAsText(factory);

  return factory;
}

// `migrate dev` on a fresh SQLite file fails with P1014 because the engine
// reads `_prisma_migrations` before creating it. Same columns as Prisma's.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL,
  "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0);`;

/**
 * The shadow database replays a whole migration.sql through executeRaw, and
 * better-sqlite3's prepare() takes one statement only: send scripts (no
 * arguments) through exec() instead.
 */
function runScriptsWhole(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);

    await adapter.executeScript(query.sql);
    return 0;
  };

  return adapter;
}

class MigrateSafeSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_MIGRATIONS_TABLE);

    return runScriptsWhole(adapter);
  }

  override async connectToShadowDb() {
    return runScriptsWhole(await super.connectToShadowDb());
  }
}

/**
 * adapter-pg 6.19 builds its shadow pool as `{ ...config, database }`, which
 * pg ignores when a connectionString is set: the "shadow" database would be
 * the main one. It also drops the shadow database while its pool is open.
 * We pass explicit fields and close the pool before the DROP.
 */
class MigrateSafePg extends PrismaPg {
  readonly #poolConfig: pg.PoolConfig;

  constructor(poolConfig: pg.PoolConfig) {
    super(poolConfig);
    this.#poolConfig = poolConfig;
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);

    const shadow = await new PrismaPg({
      ...this.#poolConfig,
      database,
    }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };

    return shadow;
  }
}

// The schema engine reads catalog columns of types adapter-pg refuses to
// decode ("Column type 'name' could not be deserialized", prisma/orm#27403).
// Report them as text and text[]. Remove once adapter-pg decodes them.
const SCALARS_AS_TEXT = new Set([18, 19, 22, 24, 30, 194, 2205, 2206]);
const ARRAYS_AS_TEXT_ARRAY = new Set([1002, 1003, 1006, 1008, 1013]);
const TEXT = 25;
const TEXT_ARRAY = 1009;

interface PgResult {
  fields?: { dataTypeID: number }[];
  rows: unknown[][];
}
type PerformIO = (this: unknown, query: unknown) => Promise<PgResult>;

let catalogTypesPatched = false;

async function readCatalogTypesAsText(factory: PrismaPg) {
  if (catalogTypesPatched) return;

  const adapter = await factory.connect();
  // PgQueryable.prototype, the class that runs every query of the adapter.
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as {
    performIO: PerformIO;
  };
  const performIO = queryable.performIO;
  queryable.performIO = async function (query) {
    const result = await performIO.call(this, query);
    result.fields?.forEach((field, column) => {
      if (SCALARS_AS_TEXT.has(field.dataTypeID)) field.dataTypeID = TEXT;
      if (!ARRAYS_AS_TEXT_ARRAY.has(field.dataTypeID)) return;

      field.dataTypeID = TEXT_ARRAY;
      for (const row of result.rows) {
        const value = row[column];
        if (typeof value === "string") row[column] = parsePgTextArray(value);
      }
    });

    return result;
  };
  await adapter.dispose();
  catalogTypesPatched = true;
}

/** Parses PostgreSQL's text form of an array, such as `{a,"b c",NULL}`. */
export function parsePgTextArray(text: string): (string | null)[] {
  const items: (string | null)[] = [];
  const body = text.slice(1, -1);
  if (body === "") return items;

  let current = "";
  let inQuotes = false;
  let wasQuoted = false;
  const push = () => {
    items.push(!wasQuoted && current === "NULL" ? null : current);
    current = "";
    wasQuoted = false;
  };

  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (inQuotes && char === "\\") current += body.charAt(++i);
    else if (char === '"') {
      inQuotes = !inQuotes;
      wasQuoted = true;
    } else if (!inQuotes && char === ",") push();
    else current += char;
  }
  push();

  return items;
}
