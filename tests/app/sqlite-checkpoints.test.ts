import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../app/lib/db.server";
import { startSqliteCheckpoints } from "../../app/lib/sqlite-checkpoints.server";
import { uniqueName } from "../support/postgres";

// Its own SQLite file whatever the run's database: checkpoints are
// SQLite's business alone.
const open: Db[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.$disconnect()));
});

async function freshDb() {
  const dir = path.join("tests", ".tmp", "checkpoints");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${uniqueName("wal")}.sqlite`);
  const db = createDb(`file:${file}`);
  open.push(db);
  await db.$executeRawUnsafe("CREATE TABLE pages (body BLOB)");

  return { db, url: `file:${file}`, size: () => statSync(file).size };
}

/** About 1.2 MB of rows: far more than the empty file holds. */
async function fill(db: Db) {
  for (let i = 0; i < 300; i++) {
    await db.$executeRawUnsafe(
      "INSERT INTO pages (body) VALUES (randomblob(4096))",
    );
  }
}

async function autocheckpointPages(db: Db): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ wal_autocheckpoint: bigint }[]>(
    "PRAGMA wal_autocheckpoint",
  );

  return Number(row?.wal_autocheckpoint);
}

async function eventually(check: () => Promise<boolean> | boolean) {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition never held");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("SQLite checkpoints from a worker thread", () => {
  it("copy the log into the database file while the app only appends", async () => {
    const { db, url, size } = await freshDb();

    const stop = await startSqliteCheckpoints(db, url, 20);
    expect(await autocheckpointPages(db)).toBe(0);
    await fill(db);

    await eventually(() => size() > 1_000_000);
    await stop();
  });

  it("are needed: with automatic checkpoints off, the file stays small", async () => {
    const { db, size } = await freshDb();
    await db.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0");

    await fill(db);
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(size()).toBeLessThan(100_000);
  });

  it("hand checkpoints back to the app's connection when stopped", async () => {
    const { db, url } = await freshDb();
    const stop = await startSqliteCheckpoints(db, url, 20);

    await stop();

    expect(await autocheckpointPages(db)).toBe(1_000);
  });

  it("hand them back when the worker cannot work", async () => {
    const { db } = await freshDb();

    await startSqliteCheckpoints(db, "file:./tests/.tmp/missing/none.sqlite");

    await eventually(async () => (await autocheckpointPages(db)) === 1_000);
  });
});
