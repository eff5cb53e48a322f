/**
 * Plain SQL statements on the Prisma client's own connection, for the few
 * writes the checkout API makes on every call.
 *
 * Prisma 6's Rust-free client compiles every call, model API and
 * `$executeRaw` alike, with its WebAssembly query compiler before handing
 * the resulting SQL to the driver adapter: about 0.6 ms for a model call
 * and 0.25 ms for a raw one on a small server, far more than the database
 * itself takes. `Sql` hands a statement to the same driver adapter
 * directly (Prisma's public adapter interface), so the statement shares
 * the client's connection or pool, its value mapping and its errors, and
 * skips the compiler. Everything else uses the model API.
 *
 * Statements are written once for both databases: `?` placeholders
 * (numbered for PostgreSQL here), quoted identifiers as Prisma names them,
 * and values both read the same way (timestamps via `sqlTimestamp`, JSON as
 * text).
 */
import type {
  ArgType,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

export type SqlValue = string | number | null;

export interface Sql {
  /** Runs one statement; returns how many rows it changed. */
  execute(text: string, values: readonly SqlValue[]): Promise<number>;
}

/**
 * Wraps the adapter factory a Prisma client is built with, so that `Sql`
 * can use the connection the client opens. `connect` opens it through the
 * client when it has none yet (or it was closed).
 */
export function shareConnection(factory: SqlDriverAdapterFactory) {
  let current: SqlDriverAdapter | null = null;

  const shared: SqlDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (current === adapter) current = null;
        await dispose();
      };
      current = adapter;

      return adapter;
    },
  };

  return { factory: shared, connection: () => current };
}

export function createSql(
  connection: () => SqlDriverAdapter | null,
  connect: () => Promise<void>,
): Sql {
  const numbered = new Map<string, string>();
  const forAdapter = (adapter: SqlDriverAdapter, text: string) => {
    if (adapter.provider !== "postgres") return text;
    let converted = numbered.get(text);
    if (converted === undefined) {
      converted = numberPlaceholders(text);
      numbered.set(text, converted);
    }

    return converted;
  };

  return {
    async execute(text, values) {
      if (!connection()) await connect();
      const adapter = connection();
      if (!adapter) throw new Error("the database connection is closed");

      return adapter.executeRaw({
        sql: forAdapter(adapter, text),
        args: [...values],
        argTypes: values.map(argType),
      });
    },
  };
}

/** `?` → `$1`, `$2`…: our statements hold no `?` inside literals. */
function numberPlaceholders(text: string): string {
  let n = 0;

  return text.replace(/\?/g, () => `$${++n}`);
}

const STRING: ArgType = { scalarType: "string", arity: "scalar" };
const INT: ArgType = { scalarType: "int", arity: "scalar" };
const FLOAT: ArgType = { scalarType: "float", arity: "scalar" };

function argType(value: SqlValue): ArgType {
  if (typeof value !== "number") return STRING;

  return Number.isInteger(value) ? INT : FLOAT;
}

/**
 * A DateTime value as Prisma's model API stores it on SQLite
 * (`2026-12-03T16:47:15.205+00:00`), so that rows written either way
 * compare and sort alike. PostgreSQL reads the same text into its
 * `timestamp(3)` columns.
 */
export function sqlTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/**
 * A unique constraint refused the write: P2002 from the model API, P2010
 * from `$executeRaw`, or the driver adapter's own error from `Sql`.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, name, cause, meta } = error as {
    code?: unknown;
    name?: unknown;
    cause?: { kind?: unknown };
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
  };
  const unique = "UniqueConstraintViolation";

  return (
    code === "P2002" ||
    (code === "P2010" && meta?.driverAdapterError?.cause?.kind === unique) ||
    (name === "DriverAdapterError" && cause?.kind === unique)
  );
}
