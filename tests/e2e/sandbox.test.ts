import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxInfo } from "../sandbox/main";
import { freePort } from "../support/app-server";

const BROWSER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 " +
  "(KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const dir = path.join("tests", ".tmp", `sandbox-${process.pid}`);
const infoFile = path.join(dir, "info.json");

let sandbox: ChildProcess;
let output = "";
let info: SandboxInfo;
let browser: Browser;

async function waitForInfo(): Promise<SandboxInfo> {
  for (let i = 0; i < 900; i++) {
    if (sandbox.exitCode !== null) {
      throw new Error(`sandbox exited ${sandbox.exitCode}:\n${output}`);
    }
    if (existsSync(infoFile) && output.includes("sandbox is running")) {
      return JSON.parse(readFileSync(infoFile, "utf8")) as SandboxInfo;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sandbox did not start:\n${output}`);
}

beforeAll(async () => {
  sandbox = spawn("npm", ["run", "sandbox"], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      SANDBOX_STRIPE_PORT: String(await freePort()),
      SANDBOX_SHOPIFY_PORT: String(await freePort()),
      SANDBOX_DIR: dir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  sandbox.stdout?.on("data", (chunk) => (output += String(chunk)));
  sandbox.stderr?.on("data", (chunk) => (output += String(chunk)));
  info = await waitForInfo();
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (sandbox?.exitCode === null) {
    process.kill(-(sandbox.pid ?? 0), "SIGINT");
    await once(sandbox, "exit");
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run sandbox", () => {
  it("prints where everything is and writes info.json", () => {
    expect(output).toContain(info.admin_url);
    expect(info).toMatchObject({
      app_url: expect.stringMatching(/^http:\/\/localhost:\d+$/),
      admin_url: expect.stringContaining("/store/demo-store/apps/acp-bridge"),
      stripe_base_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      stripe_secret_key: expect.stringMatching(/^sk_test_/),
      shops: [
        expect.objectContaining({ domain: "demo-store.myshopify.com" }),
        expect.objectContaining({ domain: "other-store.myshopify.com" }),
      ],
    });
  });

  it("answers Stripe calls with the key it publishes", async () => {
    const response = await fetch(`${info.stripe_base_url}/v1/payment_intents`, {
      headers: { Authorization: `Bearer ${info.stripe_secret_key}` },
    });

    expect(response.status).toBe(200);
  });

  it("opens the demo shop's admin page in a browser", async () => {
    const page = await browser.newPage({ userAgent: BROWSER_AGENT });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(info.admin_url);
    await page.getByText("No agentic orders yet").waitFor();

    const body = await page.textContent("body");
    expect(body).toContain("demo-store.myshopify.com");
    // The shop's name comes from (emulated) Shopify's Admin API.
    expect(body).toContain("Demo Store");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("gives the page session tokens for its data requests", async () => {
    const page = await browser.newPage({ userAgent: BROWSER_AGENT });
    await page.goto(info.admin_url);
    await page.getByText("No agentic orders yet").waitFor();

    const status = await page.evaluate(async () => {
      const response = await fetch("/app?_data=routes%2Fapp._index");

      return response.status;
    });

    expect(status).toBe(200);
    await page.close();
  });

  it("lets the merchant create an API key an agent can use, and revoke it", async () => {
    const page = await browser.newPage({ userAgent: BROWSER_AGENT });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${info.admin_url}/app/settings`);

    await page.getByLabel("New key name").fill("Browser agent");
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByText("Copy your new API key").waitFor();
    const key = await page.getByLabel("API key", { exact: true }).inputValue();
    const row = page.getByRole("row", { name: /Browser agent/ });
    await row.getByText("Active").waitFor();

    expect(key).toMatch(/^acpb_[A-Za-z0-9]{43}$/);
    expect(await createSession(key)).toBe(201);

    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("button", { name: "Revoke key" }).click();
    await row.getByText("Revoked").waitFor();

    // Other processes may trust a key for a few seconds after revocation.
    await expect
      .poll(() => createSession(key), { timeout: 10_000, interval: 500 })
      .toBe(401);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the settings page", () => {
  it("sets how long an agent's checkout stays open", async () => {
    const page = await browser.newPage({ userAgent: BROWSER_AGENT });
    await page.goto(`${info.admin_url}/app/settings`);
    const field = page.getByLabel("Minutes a checkout stays open");

    await field.fill("15");
    const saved = page.waitForResponse(
      (response) => response.request().method() === "POST",
    );
    await page
      .locator("form", { has: field })
      .getByRole("button", { name: "Save" })
      .click();
    // Reloading before the save is answered would cancel it.
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect.poll(() => field.inputValue()).toBe("15");
    await page.close();

    const response = await fetch(`${info.acp_base_url}/checkout_sessions`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${info.api_key}`,
        "API-Version": "2026-04-17",
        "Content-Type": "application/json",
        "Idempotency-Key": `e2e-ttl-${Date.now()}`,
      },
      body: JSON.stringify({
        currency: "usd",
        line_items: [{ id: info.items[0]?.id ?? "", quantity: 1 }],
        capabilities: {},
      }),
    });
    const session = (await response.json()) as {
      created_at: string;
      expires_at: string;
    };

    expect(response.status).toBe(201);
    expect(
      Date.parse(session.expires_at) - Date.parse(session.created_at),
    ).toBe(15 * 60_000);
  });
});

/** An agent's create with `key`; the answer's status. */
async function createSession(key: string): Promise<number> {
  const response = await fetch(`${info.acp_base_url}/checkout_sessions`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${key}`,
      "API-Version": "2026-04-17",
      "Content-Type": "application/json",
      "Idempotency-Key": `e2e-${Date.now()}-${Math.random()}`,
    },
    body: JSON.stringify({
      currency: "usd",
      line_items: [{ id: info.items[0]?.id ?? "", quantity: 1 }],
      capabilities: {},
    }),
  });

  return response.status;
}
