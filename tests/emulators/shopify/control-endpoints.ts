/**
 * Control endpoints under /__emulator/ for tests and the sandbox running in
 * another process than the emulator; each mirrors a method of
 * ShopifyEmulator. Bulk result files are served here too.
 *
 *   POST   /__emulator/reset
 *   POST   /__emulator/shops    {domain, products?, scopes?} → {accessToken}
 *   POST   /__emulator/shops/{domain}/uninstall
 *   GET    /__emulator/faults           POST a Fault   DELETE clears all
 *   GET    /__emulator/webhooks         DELETE clears the log
 *   POST   /__emulator/webhooks/compliance  {shop, topic, payload?}
 *   POST   /__emulator/cost             {shop, available}
 *   GET    /__emulator/bulk/{domain}/{id}.jsonl
 */
import type { ComplianceTopic, ShopifyEmulator } from "./emulator";
import type { Fault } from "./faults";
import { seedDemoCatalog } from "./seed-catalog";

type Handler = (
  emulator: ShopifyEmulator,
  request: Request,
  match: RegExpExecArray,
) => Promise<Response> | Response;

const routes: [method: string, path: RegExp, handler: Handler][] = [
  ["POST", /^\/__emulator\/reset$/, reset],
  ["POST", /^\/__emulator\/shops$/, addShop],
  ["POST", /^\/__emulator\/shops\/([^/]+)\/uninstall$/, uninstall],
  ["GET", /^\/__emulator\/faults$/, (e) => Response.json(e.faults.list())],
  ["POST", /^\/__emulator\/faults$/, addFault],
  ["DELETE", /^\/__emulator\/faults$/, clearFaults],
  ["GET", /^\/__emulator\/webhooks$/, (e) => Response.json(e.webhooks.log())],
  ["DELETE", /^\/__emulator\/webhooks$/, clearWebhooks],
  ["POST", /^\/__emulator\/webhooks\/compliance$/, compliance],
  ["POST", /^\/__emulator\/cost$/, setCost],
  ["GET", /^\/__emulator\/bulk\/([^/]+)\/(\d+)\.jsonl$/, bulkResult],
];

export async function handleControlRequest(
  emulator: ShopifyEmulator,
  request: Request,
  url: URL,
): Promise<Response> {
  for (const [method, path, handler] of routes) {
    const match = path.exec(url.pathname);
    if (match && request.method === method) {
      return handler(emulator, request, match);
    }
  }

  return Response.json({ errors: "Not Found" }, { status: 404 });
}

function reset(emulator: ShopifyEmulator): Response {
  emulator.reset();
  return new Response(null, { status: 204 });
}

interface AddShopBody {
  domain: string;
  /** How many demo products to seed; none when absent. */
  products?: number;
  scopes?: string[];
}

async function addShop(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  const body = (await request.json()) as AddShopBody;
  const shop = emulator.addShop(body.domain);
  if (body.products) seedDemoCatalog(shop, { count: body.products });

  const accessToken = emulator.installApp(body.domain, body.scopes);
  return Response.json({ domain: shop.domain, accessToken }, { status: 201 });
}

function uninstall(
  emulator: ShopifyEmulator,
  _request: Request,
  match: RegExpExecArray,
): Response {
  emulator.uninstallApp(decodeURIComponent(match[1] ?? ""));
  return new Response(null, { status: 204 });
}

async function addFault(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  const id = emulator.faults.add((await request.json()) as Fault);
  return Response.json({ id }, { status: 201 });
}

function clearFaults(emulator: ShopifyEmulator): Response {
  emulator.faults.clear();
  return new Response(null, { status: 204 });
}

function clearWebhooks(emulator: ShopifyEmulator): Response {
  emulator.webhooks.clearLog();
  return new Response(null, { status: 204 });
}

async function compliance(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  const body = (await request.json()) as {
    shop: string;
    topic: ComplianceTopic;
    payload?: Record<string, unknown>;
  };
  emulator.sendComplianceWebhook(body.shop, body.topic, body.payload);

  return new Response(null, { status: 202 });
}

async function setCost(
  emulator: ShopifyEmulator,
  request: Request,
): Promise<Response> {
  const body = (await request.json()) as { shop: string; available: number };
  emulator.setAvailableCost(body.shop, body.available);

  return new Response(null, { status: 204 });
}

function bulkResult(
  emulator: ShopifyEmulator,
  _request: Request,
  match: RegExpExecArray,
): Response {
  const shop = emulator.getShop(decodeURIComponent(match[1] ?? ""));
  const id = `gid://shopify/BulkOperation/${match[2]}`;
  const result = shop?.bulkOperations.get(id)?.result;
  if (result == null) return new Response("Not Found", { status: 404 });

  return new Response(result, {
    headers: { "content-type": "application/jsonl" },
  });
}
