/**
 * The emulator on node:http, for the real `stripe` client:
 * `new Stripe(key, { host, port, protocol: "http" })`.
 * Drop faults destroy the socket; timeout faults hold it until the delay
 * ends or the server closes.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { StripeEmulator } from "./emulator";

export interface StripeEmulatorServer {
  host: string;
  port: number;
  /** `http://host:port`, for the sandbox and control calls. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** 12111 by default (stripe-mock's port); 0 picks a free one. */
  port?: number;
  host?: string;
}

export async function startStripeEmulatorServer(
  emulator: StripeEmulator,
  { port = 12111, host = "127.0.0.1" }: ServerOptions = {},
): Promise<StripeEmulatorServer> {
  const hangs = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    serve(emulator, req, res, hangs).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });

  const address = server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    url: `http://${host}:${address.port}`,
    server,
    close: () => closeServer(server, hangs),
  };
}

async function serve(
  emulator: StripeEmulator,
  req: IncomingMessage,
  res: ServerResponse,
  hangs: Set<NodeJS.Timeout>,
): Promise<void> {
  const outcome = await emulator.dispatch(await toRequest(req));

  if (outcome.kind === "drop") {
    req.socket.destroy();
    return;
  }
  if (outcome.kind === "hang") {
    const timer = setTimeout(() => {
      hangs.delete(timer);
      req.socket.destroy();
    }, outcome.ms);
    hangs.add(timer);
    return;
  }

  const { response } = outcome;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value))
      for (const v of value) headers.append(name, v);
  }

  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(
    `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    {
      method: req.method ?? "GET",
      headers,
      body: hasBody ? Buffer.concat(chunks) : undefined,
    },
  );
}

function closeServer(
  server: Server,
  hangs: Set<NodeJS.Timeout>,
): Promise<void> {
  for (const timer of hangs) clearTimeout(timer);
  hangs.clear();
  server.closeAllConnections();

  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
