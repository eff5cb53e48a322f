/**
 * `npm run sandbox`: the whole product on one machine, offline. Prepares a
 * fresh SQLite database, starts the Shopify and Stripe emulators, seeds a
 * demo store and a second small shop, builds and starts the app against
 * them, installs it on both shops through Shopify's real token exchange,
 * writes .sandbox/info.json and prints where everything is. Ctrl-C stops
 * all of it.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  createStripeEmulator,
  DEFAULT_STRIPE_TEST_KEY,
  startStripeEmulatorServer,
} from "../emulators/stripe";
import { startBuiltApp, type RunningApp } from "../support/app-server";
import { embeddedAppUrl } from "../support/session-token";
import { setUpAcp, type AcpSandboxInfo } from "./acp-setup";
import { withAdminStandIn } from "./admin-stand-in";
import { readAppToml } from "./app-config";
import { createSandboxShopify, DEMO_SHOP, OTHER_SHOP } from "./shops";

const BROWSER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 " +
  "(KHTML, like Gecko) Chrome/156.0 Safari/537.36";

export interface SandboxOptions {
  /** Holds the database and info.json; .sandbox by default. */
  dir: string;
  appPort: number;
  stripePort: number;
  shopifyPort: number;
  infoFile: string;
  build: boolean;
}

export interface Sandbox {
  info: SandboxInfo;
  stop(): Promise<void>;
}

export interface SandboxInfo extends AcpSandboxInfo {
  app_url: string;
  admin_url: string;
  shopify_admin_origin: string;
  stripe_base_url: string;
  stripe_secret_key: string;
  database_url: string;
  shops: { domain: string; admin_url: string }[];
}

const API_KEY = "sandbox-api-key";

export function optionsFromEnv(env = process.env): SandboxOptions {
  const dir = env.SANDBOX_DIR || ".sandbox";

  return {
    dir,
    appPort: Number(env.PORT || 3000),
    stripePort: Number(env.SANDBOX_STRIPE_PORT || 12111),
    shopifyPort: Number(env.SANDBOX_SHOPIFY_PORT || 12112),
    infoFile: env.SANDBOX_INFO_FILE || path.join(dir, "info.json"),
    build: env.SANDBOX_SKIP_BUILD !== "1",
  };
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const appUrl = `http://localhost:${options.appPort}`;
  const apiSecret = randomSecret();
  const databaseUrl = prepareDatabase(options.dir);
  const toml = readAppToml();
  const stops: (() => Promise<void>)[] = [];

  try {
    const shopify = await createSandboxShopify({
      apiKey: API_KEY,
      apiSecret,
      appUrl,
      toml,
      port: options.shopifyPort,
      wrap: (handle) =>
        withAdminStandIn(
          {
            appUrl,
            apiKey: API_KEY,
            apiSecret,
            shops: [DEMO_SHOP, OTHER_SHOP],
          },
          handle,
        ),
    });
    stops.push(shopify.close);

    const stripe = await startStripeEmulatorServer(createStripeEmulator(), {
      port: options.stripePort,
    });
    stops.push(stripe.close);

    if (options.build) buildApp();
    const env = appEnv({
      appUrl,
      apiSecret,
      databaseUrl,
      shopifyOrigin: shopify.origin,
      stripeUrl: stripe.url,
      scopes: toml.scopes,
    });
    const app = await startApp(options.appPort, env);
    stops.push(app.stop);

    for (const shop of [DEMO_SHOP, OTHER_SHOP]) {
      await installApp(appUrl, apiSecret, shop, app);
    }
    const acp = await setUpAcp({
      appUrl,
      env,
      emulator: shopify.emulator,
      fixedApiKey: process.env.ACP_SANDBOX_API_KEY || undefined,
    });

    const info = {
      ...describe(appUrl, shopify.origin, stripe.url, databaseUrl),
      ...acp,
    };
    writeInfo(options.infoFile, info);

    return { info, stop: () => stopAll(stops) };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

function prepareDatabase(dir: string): string {
  mkdirSync(dir, { recursive: true });
  // The emulators start empty every time, so the app's state must too:
  // sessions from a previous run hold tokens the new Shopify never issued.
  const file = path.join(dir, "sandbox.sqlite");
  for (const suffix of ["", "-journal", "-wal", "-shm"]) {
    rmSync(file + suffix, { force: true });
  }
  const url = path.isAbsolute(file) ? `file:${file}` : `file:./${file}`;
  execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "pipe",
    },
  );

  return url;
}

function buildApp() {
  console.log("Building the app…");
  execFileSync(path.join("node_modules", ".bin", "remix"), ["vite:build"], {
    stdio: "pipe",
  });
}

interface AppStart {
  appUrl: string;
  apiSecret: string;
  databaseUrl: string;
  shopifyOrigin: string;
  stripeUrl: string;
  scopes: string[];
}

function appEnv(start: AppStart): Record<string, string> {
  return {
    NODE_ENV: "production",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: start.apiSecret,
    SHOPIFY_APP_URL: start.appUrl,
    SCOPES: start.scopes.join(","),
    DATABASE_URL: start.databaseUrl,
    APP_ENCRYPTION_KEY: randomSecret(),
    SHOPIFY_EMULATOR_ORIGIN: start.shopifyOrigin,
    STRIPE_API_BASE_URL: start.stripeUrl,
    APP_BRIDGE_URL: `${start.shopifyOrigin}/app-bridge.js`,
  };
}

function startApp(port: number, env: Record<string, string>) {
  return startBuiltApp({
    port,
    preload: "./tests/emulators/shopify/redirect-preload.mjs",
    env,
    // Flags for the app's node, e.g. `--cpu-prof` (the benchmark's
    // BENCH_PROFILE_DIR sets them).
    nodeArgs: process.env.SANDBOX_APP_NODE_ARGS?.split(" ").filter(Boolean),
  });
}

/**
 * Opens the app's admin page as the Shopify admin would on first install:
 * the app exchanges the session token with (emulated) Shopify for an
 * offline access token and stores the session.
 */
async function installApp(
  appUrl: string,
  apiSecret: string,
  shop: string,
  app: RunningApp,
) {
  const url = embeddedAppUrl(appUrl, "/app", {
    shop,
    apiKey: API_KEY,
    apiSecret,
  });
  const response = await fetch(url, {
    headers: { "User-Agent": BROWSER_AGENT },
  });
  if (response.status !== 200) {
    throw new Error(
      `Installing on ${shop} answered ${response.status}:\n${app.output()}`,
    );
  }
}

function describe(
  appUrl: string,
  shopifyOrigin: string,
  stripeUrl: string,
  databaseUrl: string,
): Omit<SandboxInfo, keyof AcpSandboxInfo> {
  const adminUrl = (shop: string) =>
    `${shopifyOrigin}/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/acp-bridge`;

  return {
    app_url: appUrl,
    admin_url: adminUrl(DEMO_SHOP),
    shopify_admin_origin: shopifyOrigin,
    stripe_base_url: stripeUrl,
    stripe_secret_key: DEFAULT_STRIPE_TEST_KEY,
    database_url: databaseUrl,
    shops: [DEMO_SHOP, OTHER_SHOP].map((domain) => ({
      domain,
      admin_url: adminUrl(domain),
    })),
  };
}

function writeInfo(file: string, info: SandboxInfo) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(info, null, 2) + "\n");
}

async function stopAll(stops: (() => Promise<void>)[]) {
  for (const stop of stops.reverse()) {
    await stop().catch(() => undefined);
  }
}

function randomSecret(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString(
    "base64",
  );
}

export function printSummary(info: SandboxInfo, infoFile: string) {
  const lines = [
    "",
    "ACP Bridge sandbox is running.",
    "",
    `  Admin (open in a browser)  ${info.admin_url}`,
    ...info.shops.map(
      (shop) => `    ${shop.domain.padEnd(26)} ${shop.admin_url}`,
    ),
    `  App                        ${info.app_url}`,
    `  Shopify emulator           ${info.shopify_admin_origin}`,
    `  Stripe emulator            ${info.stripe_base_url}  (key ${info.stripe_secret_key})`,
    `  Database                   ${info.database_url}`,
    `  ACP API (demo store)       ${info.acp_base_url}`,
    `  API key                    ${info.api_key}`,
    `  Details                    ${infoFile}`,
    "",
    "Create a checkout session as an agent would:",
    "",
    exampleCurl(info),
    "",
    "Ctrl-C stops everything.",
    "",
  ];
  console.log(lines.join("\n"));
}

function exampleCurl(info: SandboxInfo): string {
  const body = JSON.stringify({
    currency: "usd",
    line_items: [{ id: info.items[0]?.id ?? "", quantity: 1 }],
    capabilities: {},
    buyer: { email: "buyer@example.com" },
  });

  return [
    `  curl -sS -X POST ${info.acp_base_url}/checkout_sessions \\`,
    `    -H "Authorization: Bearer ${info.api_key}" \\`,
    `    -H "API-Version: 2026-04-17" \\`,
    `    -H "Idempotency-Key: $(date +%s%N)" \\`,
    `    -H "Content-Type: application/json" \\`,
    `    -d '${body}'`,
  ].join("\n");
}
