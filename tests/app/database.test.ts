import { describe, expect, it } from "vitest";
import {
  databaseFlavour,
  postgresPoolConfig,
  resolveDatabaseUrl,
} from "../../app/lib/database-url";
import { db } from "../../app/lib/db.server";
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
