import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltApp, type RunningApp } from "../support/app-server";
import { signedWebhookRequest } from "../support/webhook-request";

const BROWSER =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 " +
  "(KHTML, like Gecko) Chrome/156.0 Safari/537.36";

let app: RunningApp;

beforeAll(async () => {
  app = await startBuiltApp({ env: { LOG_LEVEL: "info" } });
});

afterAll(async () => {
  await app?.stop();
});

/** The signed request, sent to the running server instead. */
function toServer(request: Request): Request {
  const url = new URL(request.url);

  return new Request(`${app.url}${url.pathname}`, request);
}

describe("npm start (the built app)", () => {
  it("answers its health check from the database", async () => {
    const response = await fetch(`${app.url}/healthz`);

    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ ok: true });
  });

  it("serves the login page", async () => {
    const response = await fetch(`${app.url}/auth/login`, {
      headers: { "User-Agent": BROWSER },
    });

    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Shop domain");
  });

  it.each(["customers/data_request", "customers/redact", "shop/redact"])(
    "answers 401 to %s with a bad HMAC and 200 with a good one",
    async (topic) => {
      const payload = {
        shop_domain: "demo-store.myshopify.com",
        customer: { id: 1, email: "buyer@example.com" },
      };
      const shop = "demo-store.myshopify.com";

      const forged = await fetch(
        toServer(
          signedWebhookRequest({ topic, shop, payload, secret: "forged" }),
        ),
      );
      const genuine = await fetch(
        toServer(signedWebhookRequest({ topic, shop, payload })),
      );

      expect(forged.status).toBe(401);
      expect(genuine.status).toBe(200);
    },
  );

  it("logs JSON lines in production", () => {
    const lines = app
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"));

    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0] ?? "")).toHaveProperty("msg");
  });
});
