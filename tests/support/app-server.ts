/**
 * Starts the built app (`npm run build` output) the way `npm start` does,
 * on a free port, and stops it again. For tests of the real server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:net";

export interface RunningApp {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") {
    throw new Error("no port");
  }

  return address.port;
}

export interface StartOptions {
  /** A free one by default. */
  port?: number;
  env?: Record<string, string>;
  /** A module for `node --import`, e.g. the Shopify redirect preload. */
  preload?: string;
  /** More flags for node, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export async function startBuiltApp(
  options: StartOptions = {},
): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const preload = options.preload ? ["--import", options.preload] : [];
  const args = [
    ...startFlags(),
    ...(options.nodeArgs ?? []),
    ...preload,
    "server.mjs",
  ];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += String(chunk)));
  child.stderr?.on("data", (chunk) => (output += String(chunk)));

  await waitForHealth(url, child, () => output);

  return { url, output: () => output, stop: () => stop(child) };
}

/** The flags `npm start` gives node (package.json), so tests run the same. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as {
    scripts: { start: string };
  };
  const words = scripts.start.split(/\s+/);

  return words.slice(1, words.indexOf("server.mjs"));
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) {
      throw new Error(`app exited (${child.exitCode}):\n${output()}`);
    }
    const healthy = await fetch(`${url}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`app did not become healthy:\n${output()}`);
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await once(child, "exit");
}
