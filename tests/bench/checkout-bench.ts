/**
 * `npm run bench:checkout`: the checkout API under load, against the
 * sandbox (emulated Shopify answering at once), next to a bare node:http
 * server answering the same JSON in the same run.
 *
 * Prints requests per second and p50/p99 latency for create, update and
 * get (as the client saw them, and the app's own time from its
 * Server-Timing header, i.e. without Shopify's), and the Admin API calls
 * and cost points each create and update spent. Goals: get ≥ 50 % of the
 * bare server's throughput; the app's own p99 on create and update ≤ 10 ms
 * at 50 concurrent clients; one Admin API call per create or update.
 *
 * BENCH_SECONDS (default 10) sets each run's length; BENCH_CONNECTIONS
 * (default 50) the concurrent clients; BENCH_RUNS (default
 * `get,create,update`) which runs to make; BENCH_PROFILE_DIR, when set,
 * where the app writes a CPU profile (`.cpuprofile`) as it stops.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import type { SandboxInfo } from "../sandbox/main";
import { freePort } from "../support/app-server";

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const RUNS = new Set(
  (process.env.BENCH_RUNS || "get,create,update").split(","),
);
const SESSIONS = 200;
/** Requests sent one by one to count Admin API calls exactly. */
const SAMPLE = 20;
const dir = path.join("tests", ".tmp", `bench-${process.pid}`);

interface RunResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  appP50: number | null;
  appP99: number | null;
  non2xx: number;
  total: number;
}

const sandbox = await startSandbox();
try {
  await main(sandbox.info);
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}

async function main(info: SandboxInfo) {
  await liftRateLimit(info);
  const sessions = await createSessions(info, SESSIONS);
  const getBody = await (
    await fetch(sessionUrl(info, sessions[0] ?? ""), {
      headers: agentHeaders(info),
    })
  ).text();

  const results: RunResult[] = [];
  if (RUNS.has("get")) {
    // The bare server runs before and after the app's GET, and the two are
    // averaged: on a shared two-core machine one run alone varies a lot.
    const bareBefore = await runBare(getBody);
    results.push(await runGet(info, sessions));
    results.push(averaged(bareBefore, await runBare(getBody)));
  }
  if (RUNS.has("create")) results.push(await runCreate(info));
  if (RUNS.has("update")) results.push(await runUpdate(info, sessions));
  const createCalls = await shopifyCalls(info, (i) => sendCreate(info, i));
  const updateCalls = await shopifyCalls(info, (i) =>
    sendUpdate(info, sessions[i % sessions.length] ?? "", i),
  );

  report(results, { create: createCalls, update: updateCalls });
}

async function startSandbox() {
  const infoFile = path.join(dir, "info.json");
  const child: ChildProcess = spawn("npm", ["run", "sandbox"], {
    env: {
      ...process.env,
      PORT: String(await freePort()),
      SANDBOX_STRIPE_PORT: String(await freePort()),
      SANDBOX_SHOPIFY_PORT: String(await freePort()),
      SANDBOX_DIR: dir,
      // Measure the app, not the shop's plan: Shopify's cost bucket on a
      // standard plan refills 100 points a second, about 50 quotes.
      SANDBOX_SHOPIFY_RESTORE_RATE: "1000000",
      LOG_LEVEL: "error",
      ...(process.env.BENCH_PROFILE_DIR && {
        SANDBOX_APP_NODE_ARGS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`,
      }),
    },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  console.log("Starting the sandbox (builds the app)…");
  while (!output.includes("sandbox is running")) {
    if (child.exitCode !== null) throw new Error(`sandbox failed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!existsSync(infoFile)) throw new Error("no sandbox info file");

  return {
    info: JSON.parse(readFileSync(infoFile, "utf8")) as SandboxInfo,
    stop: async () => {
      process.kill(-(child.pid ?? 0), "SIGINT");
      await once(child, "exit");
    },
  };
}

/** The bench measures the app, not its abuse limit: raise it to the top. */
async function liftRateLimit(info: SandboxInfo) {
  Object.assign(process.env, {
    DATABASE_URL: info.database_url,
    SHOPIFY_API_KEY: "bench",
    SHOPIFY_API_SECRET: "bench",
    SHOPIFY_APP_URL: info.app_url,
    APP_ENCRYPTION_KEY: "0".repeat(64),
    LOG_LEVEL: "error",
  });
  const { setRateLimit } = await import("../../app/shops/shop-settings.server");
  const { MAX_RATE_LIMIT_PER_MINUTE } =
    await import("../../app/acp/rate-limit");
  await setRateLimit("demo-store.myshopify.com", MAX_RATE_LIMIT_PER_MINUTE);
  // The app keeps shop settings for five seconds.
  await new Promise((resolve) => setTimeout(resolve, 5_500));
}

function agentHeaders(info: SandboxInfo): Record<string, string> {
  return {
    Authorization: `Bearer ${info.api_key}`,
    "API-Version": "2026-04-17",
    "Content-Type": "application/json",
  };
}

function sessionUrl(info: SandboxInfo, id: string) {
  return `${info.acp_base_url}/checkout_sessions/${id}`;
}

function createBody(info: SandboxInfo, i: number) {
  const item = info.items[i % info.items.length];

  return JSON.stringify({
    currency: "usd",
    line_items: [{ id: item?.id ?? "", quantity: 1 }],
    capabilities: {},
    buyer: { email: `buyer${i}@example.com` },
    fulfillment_details: {
      address: {
        name: "Ada Lovelace",
        line_one: "1 Main Street",
        city: "New York",
        state: "NY",
        country: "US",
        postal_code: "10001",
      },
    },
  });
}

async function createSessions(info: SandboxInfo, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${info.acp_base_url}/checkout_sessions`, {
      method: "POST",
      headers: { ...agentHeaders(info), "Idempotency-Key": randomUUID() },
      body: createBody(info, i),
    });
    const body = (await response.json()) as { id: string };
    if (response.status !== 201) throw new Error(JSON.stringify(body));
    ids.push(body.id);
  }

  return ids;
}

/** Runs autocannon; collects the app's own time from Server-Timing. */
async function load(
  name: string,
  options: autocannon.Options,
): Promise<RunResult> {
  const own: number[] = [];
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    ...options,
    requests: (options.requests ?? [{}]).map((request) => ({
      ...request,
      onResponse: (
        _status: number,
        _body: string,
        _context: unknown,
        headers?: unknown,
      ) => {
        const appMs = appTime(headers);
        if (appMs !== null) own.push(appMs);
      },
    })),
  });
  own.sort((a, b) => a - b);

  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    appP50: percentile(own, 0.5),
    appP99: percentile(own, 0.99),
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** total − shopify, from `Server-Timing: shopify;dur=…, total;dur=…`. */
function appTime(headers: unknown): number | null {
  const value = headerOf(headers, "server-timing");
  if (!value) return null;

  const dur = (metric: string) =>
    Number(new RegExp(`${metric};dur=([\\d.]+)`).exec(value)?.[1] ?? 0);

  return dur("total") - dur("shopify");
}

function headerOf(headers: unknown, name: string): string | null {
  if (Array.isArray(headers)) {
    const index = headers.findIndex(
      (entry, i) => i % 2 === 0 && String(entry).toLowerCase() === name,
    );

    return index === -1 ? null : String(headers[index + 1]);
  }
  if (headers && typeof headers === "object") {
    const entry = Object.entries(headers).find(
      ([key]) => key.toLowerCase() === name,
    );

    return entry ? String(entry[1]) : null;
  }

  return null;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;

  return (
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? null
  );
}

function runGet(info: SandboxInfo, sessions: string[]) {
  let i = 0;

  return load("get", {
    url: info.acp_base_url,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({
          ...request,
          path: new URL(sessionUrl(info, sessions[i++ % sessions.length] ?? ""))
            .pathname,
          headers: agentHeaders(info),
        }),
      },
    ],
  });
}

function runCreate(info: SandboxInfo) {
  let i = 0;

  return load("create", {
    url: `${info.acp_base_url}/checkout_sessions`,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => ({
          ...request,
          headers: { ...agentHeaders(info), "Idempotency-Key": randomUUID() },
          body: createBody(info, i++),
        }),
      },
    ],
  });
}

/** Each update picks a shipping option: the agent's usual next step. */
function runUpdate(info: SandboxInfo, sessions: string[]) {
  let i = 0;

  return load("update", {
    url: info.acp_base_url,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const n = i++;
          const option = n % 2 === 0 ? "shipping_standard" : "shipping_express";

          return {
            ...request,
            path: new URL(sessionUrl(info, sessions[n % sessions.length] ?? ""))
              .pathname,
            headers: { ...agentHeaders(info), "Idempotency-Key": randomUUID() },
            body: JSON.stringify({
              selected_fulfillment_options: [
                { type: "shipping", option_id: option, item_ids: [] },
              ],
            }),
          };
        },
      },
    ],
  });
}

/** The same JSON from a bare node:http server: the ceiling to compare. */
async function runBare(body: string): Promise<RunResult> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  try {
    return await load("bare node:http", { url: `http://127.0.0.1:${port}/` });
  } finally {
    server.close();
  }
}

function averaged(a: RunResult, b: RunResult): RunResult {
  return {
    ...a,
    rps: (a.rps + b.rps) / 2,
    p50: (a.p50 + b.p50) / 2,
    p99: (a.p99 + b.p99) / 2,
    total: a.total + b.total,
  };
}

interface CallCount {
  callsPerRequest: number;
  costPerRequest: number;
  byOperation: Record<string, { count: number; cost: number }>;
}

/**
 * Admin API calls and cost per request, from a sequential sample: under
 * load, requests still in flight when a run stops would count calls
 * without counting as requests.
 */
async function shopifyCalls(
  info: SandboxInfo,
  send: (i: number) => Promise<Response>,
): Promise<CallCount> {
  const stats = `${info.shopify_admin_origin}/__sandbox/shopify-calls`;
  await quiet(stats);
  await fetch(stats, { method: "DELETE" });
  for (let i = 0; i < SAMPLE; i++) {
    const response = await send(i);
    if (!response.ok) throw new Error(await response.text());
  }
  const byOperation = (await (
    await fetch(stats)
  ).json()) as CallCount["byOperation"];
  const calls = Object.values(byOperation).reduce((n, op) => n + op.count, 0);
  const cost = Object.values(byOperation).reduce((n, op) => n + op.cost, 0);

  return {
    callsPerRequest: calls / SAMPLE,
    costPerRequest: cost / SAMPLE,
    byOperation,
  };
}

/** Waits until requests a load run left in flight have all reached Shopify. */
async function quiet(stats: string) {
  let last = "";
  for (;;) {
    const now = await (await fetch(stats)).text();
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function sendCreate(info: SandboxInfo, i: number) {
  return fetch(`${info.acp_base_url}/checkout_sessions`, {
    method: "POST",
    headers: { ...agentHeaders(info), "Idempotency-Key": randomUUID() },
    body: createBody(info, i),
  });
}

function sendUpdate(info: SandboxInfo, id: string, i: number) {
  return fetch(sessionUrl(info, id), {
    method: "POST",
    headers: { ...agentHeaders(info), "Idempotency-Key": randomUUID() },
    body: JSON.stringify({
      selected_fulfillment_options: [
        {
          type: "shipping",
          option_id: i % 2 === 0 ? "shipping_standard" : "shipping_express",
          item_ids: [],
        },
      ],
    }),
  });
}

function report(
  results: RunResult[],
  calls: { create: CallCount; update: CallCount },
) {
  const ms = (value: number | null) =>
    value === null ? "-" : value.toFixed(2);
  console.log(
    `\nCheckout API, ${CONNECTIONS} concurrent clients, ${SECONDS} s per run\n`,
  );
  console.log(
    "run              req/s   p50 ms   p99 ms   app p50   app p99   non-2xx",
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(15)} ${r.rps.toFixed(0).padStart(6)} ${ms(r.p50).padStart(8)} ` +
        `${ms(r.p99).padStart(8)} ${ms(r.appP50).padStart(9)} ${ms(r.appP99).padStart(9)} ` +
        `${String(r.non2xx).padStart(9)}`,
    );
  }
  for (const [name, count] of Object.entries(calls)) {
    console.log(
      `\n${name}: ${count.callsPerRequest.toFixed(2)} Admin API calls and ` +
        `${count.costPerRequest.toFixed(1)} cost points per request ` +
        JSON.stringify(count.byOperation),
    );
  }
  goals(results, calls);
}

function goals(
  results: RunResult[],
  calls: { create: CallCount; update: CallCount },
) {
  const byName = new Map(results.map((r) => [r.name, r]));
  const get = byName.get("get");
  const bare = byName.get("bare node:http");
  const lines: (readonly [string, boolean])[] = [];
  if (get && bare) {
    const share = get.rps / bare.rps;
    lines.push([
      `get throughput ${(share * 100).toFixed(0)} % of bare (goal ≥ 50 %)`,
      share >= 0.5,
    ]);
  }
  for (const name of ["create", "update"] as const) {
    const p99 = byName.get(name)?.appP99;
    if (p99 === undefined || p99 === null) continue;
    lines.push([
      `${name} app p99 ${p99.toFixed(2)} ms (goal ≤ 10 ms)`,
      p99 <= 10,
    ]);
  }
  for (const name of ["create", "update"] as const) {
    const n = calls[name].callsPerRequest;
    lines.push([
      `${name}: ${n.toFixed(2)} Admin calls each (goal 1)`,
      Math.abs(n - 1) < 0.05,
    ]);
  }
  console.log("\nGoals");
  for (const [text, met] of lines)
    console.log(`  ${met ? "met   " : "missed"}  ${text}`);
}
