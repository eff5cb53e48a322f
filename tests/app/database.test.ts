import { beforeEach, describe, expect, it } from "vitest";
import {
  databaseFlavour,
  postgresPoolConfig,
  resolveDatabaseUrl,
} from "../../app/lib/database-url";
import { db, sql } from "../../app/lib/db.server";
import { isUniqueViolation, sqlTimestamp } from "../../app/lib/sql";
import { parsePgTextArray } from "../../prisma/migrate-adapters";

describe("the test database", () => {
  it("is the flavour this run asked for", async () => {
    const expected = process.env.TEST_DATABASE_URL ? "postgresql" : "sqlite";

    expect(databaseFlavour(process.env.DATABASE_URL ?? "")).toBe(expected);
    await expect(db.shop.count()).resolves.toBe(0);
  });
});

describe("databaseFlavour", () => {
  it.each([
    ["file:./prisma/dev.sqlite", "sqlite"],
    ["postgresql://u@h:5432/db", "postgresql"],
    ["postgres://u@h/db", "postgresql"],
  ])("reads %s as %s", (url, flavour) => {
    expect(databaseFlavour(url)).toBe(flavour);
  });

  it("refuses another database", () => {
    expect(() => databaseFlavour("mysql://h/db")).toThrow(/DATABASE_URL/);
  });

  it("falls back to the SQLite file when DATABASE_URL is empty", () => {
    expect(resolveDatabaseUrl("")).toBe("file:./prisma/dev.sqlite");
  });
});

describe("postgresPoolConfig", () => {
  it("gives explicit fields, decoding credentials", () => {
    expect(postgresPoolConfig("postgresql://a%40b:p%2Fw@db:6543/app")).toEqual({
      host: "db",
      port: 6543,
      user: "a@b",
      password: "p/w",
      database: "app",
    });
  });
});

describe("parsePgTextArray", () => {
  it.each([
    ["{}", []],
    ["{a,b}", ["a", "b"]],
    ['{"a b","c,d",NULL,"NULL"}', ["a b", "c,d", null, "NULL"]],
    ['{"say \\"hi\\""}', ['say "hi"']],
  ])("parses %s", (text, items) => {
    expect(parsePgTextArray(text)).toEqual(items);
  });
});

describe("statements written in SQL", () => {
  beforeEach(async () => {
    await db.idempotencyRecord.deleteMany();
  });

  const at = new Date("2026-12-03T16:47:15.205Z");

  function insertInSql(id: string, key: string) {
    return sql.execute(
      `INSERT INTO "IdempotencyRecord"
         ("id", "shop", "endpoint", "key", "fingerprint", "state",
          "createdAt", "expiresAt")
       VALUES (?, 's.myshopify.com', 'POST /x', ?, 'f', 'in_flight', ?, ?)`,
      [id, key, sqlTimestamp(at), sqlTimestamp(at)],
    );
  }

  it("store times the model API reads and compares as its own", async () => {
    expect(await insertInSql("in-sql", "a")).toBe(1);
    await db.idempotencyRecord.create({
      data: {
        id: "by-model",
        shop: "s.myshopify.com",
        endpoint: "POST /x",
        key: "b",
        fingerprint: "f",
        state: "in_flight",
        createdAt: at,
        expiresAt: at,
      },
    });

    const rows = await db.idempotencyRecord.findMany({
      where: { createdAt: at },
      orderBy: { id: "asc" },
    });

    expect(rows.map((row) => [row.id, row.expiresAt])).toEqual([
      ["by-model", at],
      ["in-sql", at],
    ]);
  });

  it("report a unique constraint the way the model API does", async () => {
    await insertInSql("first", "same");
    const fromSql = await insertInSql("second", "same").catch((e) => e);
    const fromRaw = await db.$executeRaw`
      INSERT INTO "IdempotencyRecord"
        ("id", "shop", "endpoint", "key", "fingerprint", "state", "expiresAt")
      VALUES ('third', 's.myshopify.com', 'POST /x', 'same', 'f', 'in_flight',
        ${sqlTimestamp(at)})`.catch((e: unknown) => e);
    const fromModel = await db.idempotencyRecord
      .create({
        data: {
          shop: "s.myshopify.com",
          endpoint: "POST /x",
          key: "same",
          fingerprint: "f",
          state: "in_flight",
          expiresAt: at,
        },
      })
      .catch((e: unknown) => e);
    const notUnique = await db.idempotencyRecord
      .update({ where: { id: "none" }, data: { state: "x" } })
      .catch((e: unknown) => e);

    expect(isUniqueViolation(fromSql)).toBe(true);
    expect(isUniqueViolation(fromRaw)).toBe(true);
    expect(isUniqueViolation(fromModel)).toBe(true);
    expect(isUniqueViolation(notUnique)).toBe(false);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
  });
});
