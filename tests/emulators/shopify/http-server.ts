/**
 * The emulator over real HTTP on loopback, for an app running in another
 * process (started with redirect-preload.mjs, which sends its
 * `https://*.myshopify.com` calls here with the shop in x-forwarded-host).
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { ShopifyEmulator } from "./emulator";
import { ConnectionDroppedError } from "./faults";

export interface EmulatorServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface EmulatorServer {
  /** "http://127.0.0.1:PORT": the value of SHOPIFY_EMULATOR_ORIGIN. */
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function startShopifyEmulatorServer(
  emulator: ShopifyEmulator,
  { port = 0, host = "127.0.0.1" }: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const server = createServer((req, res) => {
    void serve(emulator, origin, req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));

  const address = server.address() as AddressInfo;
  const origin = `http://${host}:${address.port}`;
  if (emulator.options.publicOrigin === null) emulator.setPublicOrigin(origin);

  return {
    origin,
    port: address.port,
    close: () => closeServer(server),
  };
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  server.closeAllConnections();

  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

async function serve(
  emulator: ShopifyEmulator,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });

  try {
    const request = await toRequest(origin, req, aborted.signal);
    const response = await emulator.handle(request);
    await writeResponse(res, response);
  } catch (error) {
    // A dropped connection is the fault itself, not a failure to report.
    if (error instanceof ConnectionDroppedError || aborted.signal.aborted) {
      req.socket.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ errors: String(error) }));
  }
}

async function toRequest(
  origin: string,
  req: IncomingMessage,
  signal: AbortSignal,
): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }

  const method = req.method ?? "GET";
  const body =
    method === "GET" || method === "HEAD" ? undefined : await readBody(req);

  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    body,
    signal,
  });
}

async function readBody(req: IncomingMessage): Promise<ArrayBuffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);

  const body = Buffer.concat(chunks);
  return body.buffer.slice(
    body.byteOffset,
    body.byteOffset + body.byteLength,
  ) as ArrayBuffer;
}

async function writeResponse(
  res: ServerResponse,
  response: Response,
): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });

  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}
