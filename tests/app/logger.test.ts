import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../app/lib/logger.server";

function capture(level = "debug") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });

  return { lines, logger: createLogger({ level, destination }) };
}

describe("logger", () => {
  it("writes a message and its context as one JSON line", () => {
    const { lines, logger } = capture();

    logger.info("shop installed", { shop: "demo-store.myshopify.com" });

    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "shop installed",
        shop: "demo-store.myshopify.com",
        time: expect.any(String),
      }),
    ]);
  });

  it("drops lines below the configured level", () => {
    const { lines, logger } = capture("warn");

    logger.info("noise");
    logger.warn("heads up");

    expect(lines.map((line) => line.msg)).toEqual(["heads up"]);
  });

  it("redacts secrets at the top level and one level down", () => {
    const { lines, logger } = capture();

    logger.info("calling Shopify", {
      accessToken: "shpat_secret",
      request: { authorization: "Bearer abc", path: "/graphql.json" },
    });

    const text = JSON.stringify(lines);
    expect(text).not.toContain("shpat_secret");
    expect(text).not.toContain("Bearer abc");
    expect(lines[0]).toMatchObject({
      accessToken: "[redacted]",
      request: { authorization: "[redacted]", path: "/graphql.json" },
    });
  });

  it("adds a child's context to its lines, not its parent's", () => {
    const { lines, logger } = capture();
    const request = logger.child({ requestId: "req_1" });

    request.child({ shop: "demo-store.myshopify.com" }).info("inside");
    logger.info("outside");

    expect(lines[0]).toMatchObject({
      msg: "inside",
      requestId: "req_1",
      shop: "demo-store.myshopify.com",
    });
    expect(lines[1]).not.toHaveProperty("requestId");
  });
});
