/** Creating and dropping the throwaway PostgreSQL databases of a test run. */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { postgresPoolConfig } from "../../app/lib/database-url";

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now()}_${randomBytes(3).toString("hex")}`;
}

async function withAdmin<T>(
  server: string,
  fn: (client: pg.Client) => Promise<T>,
) {
  const client = new pg.Client(postgresPoolConfig(server));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `name` (optionally from a template); returns its URL. */
export async function createPostgresDatabase(
  server: string,
  name: string,
  template?: string,
): Promise<string> {
  await withAdmin(server, (client) =>
    client.query(
      `CREATE DATABASE "${name}"` + (template ? ` TEMPLATE "${template}"` : ""),
    ),
  );
  const url = new URL(server);
  url.pathname = `/${name}`;

  return url.toString();
}

/** Drops every database whose name starts with `prefix`. */
export async function dropPostgresDatabases(server: string, prefix: string) {
  await withAdmin(server, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
}
