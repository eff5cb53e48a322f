import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/lib/env.server";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://app.example.com",
  APP_ENCRYPTION_KEY: "a".repeat(64),
};

function problemsOf(source: Record<string, string | undefined>) {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error("expected parseEnv to fail");
}

describe("parseEnv", () => {
  it("accepts a complete environment and applies defaults", () => {
    const env = parseEnv(valid);

    expect(env.NODE_ENV).toBe("development");
    expect(env.LOG_LEVEL).toBe("info");
    expect(env.DATABASE_URL).toBe("file:./prisma/dev.sqlite");
    expect(env.SCOPES).toEqual([
      "read_products",
      "read_inventory",
      "read_legal_policies",
      "write_draft_orders",
      "write_orders",
    ]);
    expect(env.APP_ENCRYPTION_KEY).toHaveLength(32);
  });

  it("lists every missing variable at once", () => {
    const problems = problemsOf({});

    expect(problems).toEqual(
      expect.arrayContaining([
        "SHOPIFY_API_KEY is required",
        "SHOPIFY_API_SECRET is required",
        "SHOPIFY_APP_URL is required",
        "APP_ENCRYPTION_KEY is required",
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it.each([
    ["APP_ENCRYPTION_KEY", "too-short", "32 random bytes"],
    ["SHOPIFY_APP_URL", "not a url", "URL"],
    ["LOG_LEVEL", "loud", "LOG_LEVEL"],
    ["DATABASE_URL", "mysql://db/app", "file:"],
  ])("rejects %s=%s with a hint", (name, value, hint) => {
    const problems = problemsOf({ ...valid, [name]: value });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(hint);
  });

  it("accepts a base64 encryption key", () => {
    const key = Buffer.alloc(32, 7).toString("base64");

    expect(
      parseEnv({ ...valid, APP_ENCRYPTION_KEY: key }).APP_ENCRYPTION_KEY,
    ).toEqual(Buffer.alloc(32, 7));
  });

  it("names the variables in the error message", () => {
    expect(() => parseEnv({ ...valid, SHOPIFY_API_KEY: undefined })).toThrow(
      /Invalid environment[^]*SHOPIFY_API_KEY is required/,
    );
  });
});
