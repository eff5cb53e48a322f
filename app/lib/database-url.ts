/**
 * Which database a DATABASE_URL points at. Shared by the runtime client and
 * the Prisma CLI config, so both always agree on the flavour.
 */
export type DatabaseFlavour = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

export function resolveDatabaseUrl(url: string | undefined): string {
  return url && url.trim() !== "" ? url : DEFAULT_DATABASE_URL;
}

export function databaseFlavour(url: string): DatabaseFlavour {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";

  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)`,
  );
}

/**
 * pg lets a connectionString override an explicit `database`, so every pool
 * we build gets explicit fields instead (see prisma/migrate-adapters.ts).
 */
export function postgresPoolConfig(url: string) {
  const parsed = new URL(url);

  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}
