// ACP Bridge's HTTP server (`npm start`, `npm run dev`).
//
// The ACP API (/acp/...) is the hot path: it is served by a lean handler
// straight on Node's HTTP server. Everything else — the embedded admin,
// OAuth, Shopify's webhooks — goes to Remix behind Express. In development
// Vite serves the app with hot reload; in production the build is used.
//
// `npm start` runs it with `--max-semi-space-size=32` (MB): a checkout call
// allocates a lot that dies young, and a young generation twice V8's
// default halves the collections that pause requests under load.
import { createServer } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

installGlobals({ nativeFetch: true });

const development = process.argv.includes("--dev");
process.env.NODE_ENV ??= development ? "development" : "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

const vite = development
  ? await import("vite").then(({ createServer: createVite }) =>
      createVite({ server: { middlewareMode: true } }),
    )
  : undefined;

/** The Remix server build: fresh from Vite in development. */
async function loadBuild() {
  if (vite) return vite.ssrLoadModule("virtual:remix/server-build");

  return import("./build/server/index.js");
}

const build = await loadBuild();
const remix = express();
remix.disable("x-powered-by");
remix.use(compression());
if (vite) {
  remix.use(vite.middlewares);
} else {
  remix.use(
    "/assets",
    express.static("build/client/assets", { immutable: true, maxAge: "1y" }),
  );
  remix.use(express.static("build/client", { maxAge: "1h" }));
}
remix.all(
  "*",
  createRequestHandler({ build: vite ? loadBuild : build, mode: build.mode }),
);

// One handler per build: in development an edit makes a new build, and the
// next request gets a handler from it, without a restart.
const acpHandlers = new WeakMap();
async function acp(req, res) {
  const entry = (vite ? await loadBuild() : build).entry.module;
  if (!acpHandlers.has(entry)) {
    acpHandlers.set(entry, entry.createAcpNodeHandler());
  }
  await acpHandlers.get(entry)(req, res);
}

// In production the handler is made at start: compiling the protocol's
// schemas takes about a second, which no agent should wait for.
if (!vite)
  acpHandlers.set(
    build.entry.module,
    build.entry.module.createAcpNodeHandler(),
  );

const server = createServer((req, res) => {
  if (!req.url?.startsWith("/acp/")) return remix(req, res);

  acp(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});

const stopJobs = build.entry.module.startScheduledJobs();

server.listen(port, host, () => {
  console.log(`ACP Bridge listening on http://localhost:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopJobs();
    server.close(() => process.exit(0));
    server.closeAllConnections();
    vite?.close();
  });
}
