/**
 * Helpers for the few statements the app writes in SQL (`db.$executeRaw`)
 * instead of through Prisma's model API.
 *
 * Prisma 6's Rust-free client compiles every model call with its
 * WebAssembly query compiler before running it: about half a millisecond
 * a call on a small server, more than the database itself takes. The
 * checkout API's hot path (an idempotency record in, a session in, the
 * record completed) is written in SQL for that reason; everything else
 * uses the model API. The SQL is kept portable: quoted identifiers as
 * Prisma names them, and values SQLite and PostgreSQL read the same way.
 */

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
 * A unique constraint refused the write: P2002 from the model API, or the
 * driver adapter's UniqueConstraintViolation from a raw statement (P2010).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!isPrismaError(error)) return false;
  if (error.code === "P2002") return true;

  return (
    error.code === "P2010" &&
    error.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation"
  );
}

interface PrismaErrorLike {
  code: string;
  meta?: { driverAdapterError?: { cause?: { kind?: string } } };
}

function isPrismaError(error: unknown): error is PrismaErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "string"
  );
}
