/**
 * The Shopify Admin emulator: one `handle(Request)` that answers what the
 * app sends to `https://{shop}` (GraphQL, token exchange) plus control
 * endpoints under `/__emulator/` for tests in another process. See the
 * notes on the Admin API, §6, for the design.
 */
import { expandScopes } from "./access-scopes";
import { loadAdminSchema } from "./admin-schema";
import { BulkRunner } from "./bulk-runner";
import type { EmulatorContext } from "./context";
import { handleControlRequest } from "./control-endpoints";
import { CostBucket, defaultBucket, type BucketSettings } from "./cost-bucket";
import {
  ConnectionDroppedError,
  delay,
  FaultPlan,
  untilAborted,
  type Fault,
  type FaultRequest,
} from "./faults";
import {
  executeGraphql,
  operationNameOf,
  readGraphqlRequest,
  rootFieldsOf,
} from "./graphql-endpoint";
import { resolverModules } from "./resolvers";
import { mergeResolvers } from "./run-operation";
import { createShopState, type ShopOptions } from "./shop-state";
import type { AccessTokenRecord, ShopState } from "./store";
import { ensureOfflineToken, exchangeToken } from "./token-exchange";
import {
  compliancePayload,
  shopWebhookPayload,
  type ComplianceTopic,
} from "./webhook-payloads";
import { WebhookDispatcher, type WebhookSubscriptionOption } from "./webhooks";

export interface ShopifyEmulatorOptions {
  apiKey?: string;
  apiSecret?: string;
  /** Where webhooks go: subscription URIs are resolved against it. */
  appUrl?: string;
  /** Scopes granted at install (shopify.app.toml `scopes`). */
  scopes?: string[];
  /** Subscriptions from the app's configuration, e.g. app/uninstalled. */
  webhooks?: WebhookSubscriptionOption[];
  /** `api_version` of the webhook configuration. */
  webhookApiVersion?: string;
  /** Delivery function and retry waits, e.g. an in-process app in tests. */
  webhookDelivery?: {
    fetch?: (request: Request) => Promise<Response>;
    retryDelaysMs?: number[];
  };
  /** The emulator's clock; tests move it to refill the cost bucket. */
  clock?: () => Date;
  bucket?: Partial<BucketSettings>;
  maxQueryCost?: number;
  /** Bulk queries per shop at once; Shopify allows 5 from 2026-01. */
  bulkQueryConcurrency?: number;
  /** Base URL of bulk result files; `https://{shop}` by default. */
  publicOrigin?: string;
  /** Runs at creation and after every reset, e.g. to add a seeded shop. */
  setup?: (emulator: ShopifyEmulator) => void;
}

export type ResolvedOptions = Required<
  Omit<ShopifyEmulatorOptions, "publicOrigin" | "setup" | "bucket">
> & {
  publicOrigin: string | null;
  bucket: BucketSettings;
  setup: ShopifyEmulatorOptions["setup"];
};

export interface ShopifyEmulator {
  handle(request: Request): Promise<Response>;
  readonly options: ResolvedOptions;
  readonly faults: FaultPlan;
  readonly webhooks: WebhookDispatcher;
  addShop(domain: string, options?: ShopOptions): ShopState;
  getShop(domain: string): ShopState | undefined;
  requireShop(domain: string): ShopState;
  shops(): ShopState[];
  /** Installs the app and returns the shop's offline access token. */
  installApp(domain: string, scopes?: string[]): string;
  /** Revokes the shop's tokens and sends app/uninstalled. */
  uninstallApp(domain: string): void;
  sendComplianceWebhook(
    domain: string,
    topic: ComplianceTopic,
    payload?: Record<string, unknown>,
  ): void;
  /** Leaves `points` in the shop's cost bucket. */
  setAvailableCost(domain: string, points: number): void;
  /** Awaits running bulk operations, then pending webhook deliveries. */
  flush(): Promise<void>;
  /** Holds bulk operations in RUNNING until released (for limit tests). */
  holdBulkOperations(held: boolean): void;
  setPublicOrigin(origin: string | null): void;
  reset(): void;
}

export type { ComplianceTopic };

export function createShopifyEmulator(
  options: ShopifyEmulatorOptions = {},
): ShopifyEmulator {
  const emulator = new Emulator(resolveOptions(options));
  emulator.options.setup?.(emulator);

  return emulator;
}

function resolveOptions(options: ShopifyEmulatorOptions): ResolvedOptions {
  return {
    apiKey: options.apiKey ?? "test-api-key",
    apiSecret: options.apiSecret ?? "test-api-secret",
    appUrl: options.appUrl ?? "https://app.example.test",
    scopes: options.scopes ?? ["read_products", "read_inventory"],
    webhooks: options.webhooks ?? [],
    webhookApiVersion: options.webhookApiVersion ?? "2026-07",
    webhookDelivery: options.webhookDelivery ?? {},
    clock: options.clock ?? (() => new Date()),
    bucket: { ...defaultBucket, ...options.bucket },
    maxQueryCost: options.maxQueryCost ?? 1000,
    bulkQueryConcurrency: options.bulkQueryConcurrency ?? 5,
    publicOrigin: options.publicOrigin ?? null,
    setup: options.setup,
  };
}

const resolvers = mergeResolvers(resolverModules);
const graphqlPath = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

class Emulator implements ShopifyEmulator {
  readonly faults = new FaultPlan();
  readonly webhooks: WebhookDispatcher;
  private readonly shopStates = new Map<string, ShopState>();
  private readonly buckets = new Map<string, CostBucket>();
  private readonly bulk: BulkRunner;

  constructor(readonly options: ResolvedOptions) {
    this.webhooks = new WebhookDispatcher({
      apiSecret: options.apiSecret,
      appUrl: options.appUrl,
      apiVersion: options.webhookApiVersion,
      subscriptions: options.webhooks,
      fetch: options.webhookDelivery.fetch,
      retryDelaysMs: options.webhookDelivery.retryDelaysMs,
      now: options.clock,
    });
    this.bulk = new BulkRunner(resolvers, options.bulkQueryConcurrency);
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);

    if (url.pathname.startsWith("/__emulator/")) {
      return handleControlRequest(this, request, url);
    }
    if (url.pathname === "/admin/oauth/access_token") {
      return this.handleOAuth(request, url);
    }

    const version = graphqlPath.exec(url.pathname)?.[1];
    if (version && request.method === "POST") {
      return this.handleGraphql(request, url, version);
    }

    return notFound();
  }

  private async handleOAuth(request: Request, url: URL): Promise<Response> {
    const shop = this.shopStates.get(shopHost(request, url));
    const faults = this.faults.take({
      shop: shop?.domain ?? null,
      endpoint: "oauth",
      operationName: null,
      rootFields: [],
    });
    const injected = await applyTransportFaults(faults, request.signal);
    if (injected) return injected;
    if (!shop || request.method !== "POST") return notFound();

    return exchangeToken(request, shop, {
      ...this.options,
      now: this.options.clock,
    });
  }

  private async handleGraphql(
    request: Request,
    url: URL,
    version: string,
  ): Promise<Response> {
    const shop = this.shopStates.get(shopHost(request, url));
    const admin = loadAdminSchema(version);
    if (!shop || !admin) return notFound();

    const graphql = await readGraphqlRequest(request);
    const faults = this.faults.take(faultRequest(shop, graphql));
    const injected = await applyTransportFaults(faults, request.signal);
    if (injected) return injected;

    const token = findToken(shop, request.headers);
    if (!token) return invalidToken();
    if (!graphql) return missingQuery();

    const body = await executeGraphql(graphql, {
      admin,
      resolvers,
      context: this.contextFor(shop, version, token),
      bucket: this.bucketFor(shop),
      nowMs: this.options.clock().getTime(),
      maxQueryCost: this.options.maxQueryCost,
      faults,
    });
    return Response.json(body);
  }

  private contextFor(
    shop: ShopState,
    apiVersion: string,
    token: AccessTokenRecord,
  ): EmulatorContext {
    return {
      shop,
      apiVersion,
      scopes: expandScopes(token.scopes),
      onlineToken: token.online,
      webhooks: this.webhooks,
      now: this.options.clock,
      origin: this.options.publicOrigin ?? `https://${shop.domain}`,
      idempotencyKey: null,
      schema: loadAdminSchema(apiVersion)?.schema,
      services: this.bulk,
    };
  }

  private bucketFor(shop: ShopState): CostBucket {
    const existing = this.buckets.get(shop.domain);
    if (existing) return existing;

    const nowMs = this.options.clock().getTime();
    const bucket = new CostBucket(this.options.bucket, nowMs);
    this.buckets.set(shop.domain, bucket);

    return bucket;
  }

  addShop(domain: string, options: ShopOptions = {}): ShopState {
    const shop = createShopState(domain, options);
    this.shopStates.set(domain, shop);

    return shop;
  }

  getShop(domain: string): ShopState | undefined {
    return this.shopStates.get(domain);
  }

  requireShop(domain: string): ShopState {
    const shop = this.shopStates.get(domain);
    if (!shop) throw new Error(`The emulator has no shop ${domain}`);

    return shop;
  }

  shops(): ShopState[] {
    return [...this.shopStates.values()];
  }

  installApp(domain: string, scopes = this.options.scopes): string {
    const shop = this.requireShop(domain);
    return ensureOfflineToken(shop, scopes).token;
  }

  uninstallApp(domain: string): void {
    const shop = this.requireShop(domain);
    shop.accessTokens = [];

    this.webhooks.emit(shop, "app/uninstalled", shopWebhookPayload(shop));
  }

  sendComplianceWebhook(
    domain: string,
    topic: ComplianceTopic,
    payload: Record<string, unknown> = {},
  ): void {
    const shop = this.requireShop(domain);
    const urls = this.webhooks.urlsFor(shop, topic);
    if (urls.length === 0) {
      throw new Error(`No subscription for ${topic}: add it to webhooks`);
    }

    this.webhooks.emit(shop, topic, compliancePayload(shop, topic, payload));
  }

  setAvailableCost(domain: string, points: number): void {
    const shop = this.requireShop(domain);
    this.bucketFor(shop).setAvailable(points, this.options.clock().getTime());
  }

  async flush(): Promise<void> {
    await this.bulk.flush();
    await this.webhooks.flush();
  }

  holdBulkOperations(held: boolean): void {
    this.bulk.hold(held);
  }

  setPublicOrigin(origin: string | null): void {
    this.options.publicOrigin = origin;
  }

  reset(): void {
    this.shopStates.clear();
    this.buckets.clear();
    this.faults.clear();
    this.webhooks.clearLog();
    this.bulk.hold(false);

    this.options.setup?.(this);
  }
}

/**
 * The shop is the host the app called. Through the redirect preload the
 * request arrives over plain HTTP at 127.0.0.1 with the original host in
 * x-forwarded-host.
 */
function shopHost(request: Request, url: URL): string {
  const forwarded = request.headers.get("x-forwarded-host");
  if (url.protocol === "http:" && forwarded) return forwarded;

  return url.host;
}

function findToken(
  shop: ShopState,
  headers: Headers,
): AccessTokenRecord | undefined {
  const token = headers.get("x-shopify-access-token");
  if (!token) return undefined;

  return shop.accessTokens.find((record) => record.token === token);
}

function faultRequest(
  shop: ShopState,
  graphql: Awaited<ReturnType<typeof readGraphqlRequest>>,
): FaultRequest {
  return {
    shop: shop.domain,
    endpoint: "graphql",
    operationName: graphql ? operationNameOf(graphql) : null,
    rootFields: graphql ? rootFieldsOf(graphql) : [],
  };
}

/** Latency first, then the fault that replaces the answer, if any. */
async function applyTransportFaults(
  faults: Fault[],
  signal: AbortSignal,
): Promise<Response | null> {
  for (const fault of faults) {
    if (fault.kind === "latency") await delay(fault.ms, signal);
  }

  const fault = faults.find((f) => f.kind !== "latency");
  switch (fault?.kind) {
    case "http":
      return httpFault(fault.status, fault.body, fault.retryAfter);
    case "timeout":
      if (fault.ms === undefined) await untilAborted(signal);
      else await delay(fault.ms, signal);
      return null;
    case "drop":
      throw new ConnectionDroppedError();
    default:
      return null;
  }
}

function httpFault(
  status: number,
  body: string | undefined,
  retryAfter: number | undefined,
): Response {
  const headers: Record<string, string> = {
    "content-type": "application/json",
  };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);

  const text = body ?? JSON.stringify({ errors: statusText(status) });
  return new Response(text, { status, headers });
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    429:
      "Exceeded 2 calls per second for api client. Reduce request rates " +
      "to resume uninterrupted service.",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };

  return texts[status] ?? "Error";
}

function notFound(): Response {
  return Response.json({ errors: "Not Found" }, { status: 404 });
}

function invalidToken(): Response {
  return Response.json(
    {
      errors:
        "[API] Invalid API key or access token " +
        "(unrecognized login or wrong password)",
    },
    { status: 401 },
  );
}

function missingQuery(): Response {
  return Response.json(
    { errors: { query: "Required parameter missing or invalid" } },
    { status: 400 },
  );
}
