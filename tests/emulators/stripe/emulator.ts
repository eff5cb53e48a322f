/**
 * The Stripe emulator's core: one `dispatch(Request)` that runs faults,
 * authentication, parameter parsing, idempotency, the endpoint and event
 * delivery, in the order Stripe's front door does. `handle` is the in-process
 * fetch-style face; server.ts puts it on node:http.
 */
import Stripe from "stripe";
import type { RequestContext } from "./context";
import { StripeApiError, unknownRoute } from "./errors";
import { FaultRegistry, type Fault, type MatchedFaults } from "./faults";
import { fingerprint, parseForm, type FormObject } from "./form";
import { expireIfDue } from "./granted-tokens";
import { IdempotencyStore } from "./idempotency";
import { expand } from "./listing";
import { Params } from "./params";
import { completeAuthentication } from "./payment-intents";
import { findRoute } from "./routes";
import {
  createState,
  newId,
  systemClock,
  type Clock,
  type EmulatorState,
} from "./state";
import {
  buildEvent,
  DEFAULT_RETRY,
  subscribes,
  WebhookDispatcher,
  type DeliveryAttempt,
  type EmulatorEvent,
  type WebhookEndpoint,
  type WebhookRetryPolicy,
} from "./webhooks";
import { handleControl } from "./control";

/** The key the emulator accepts unless told otherwise. */
export const DEFAULT_STRIPE_TEST_KEY =
  "sk_test_emulator_4eC39HqLyjWDarjtT1zdp7dc";

/** The version the `stripe` package pins; events carry it. */
export const EMULATED_API_VERSION: string = Stripe.API_VERSION;

export interface StripeEmulatorOptions {
  /** Secret keys that authenticate; default [DEFAULT_STRIPE_TEST_KEY]. */
  apiKeys?: string[];
  webhooks?: WebhookEndpoint[];
  clock?: Clock;
  /** `api_version` of events; default the `stripe` package's version. */
  apiVersion?: string;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** "manual" queues webhooks until flush(); default "auto". */
  webhookDelivery?: "auto" | "manual";
  /** How webhooks are sent; default global fetch. */
  fetch?: typeof fetch;
}

/** What the transport must do with a request. */
export type Outcome =
  | { kind: "respond"; response: Response }
  | { kind: "drop" }
  | { kind: "hang"; ms: number };

export interface StripeEmulator {
  /** Fetch-style: drops and timeouts reject like a failed fetch. */
  handle(request: Request): Promise<Response>;
  dispatch(request: Request): Promise<Outcome>;
  readonly state: EmulatorState;
  readonly clock: Clock;
  readonly apiKeys: readonly string[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  listFaults(): Fault[];
  addWebhookEndpoint(endpoint: WebhookEndpoint): void;
  /** Waits for every queued webhook delivery, retries included. */
  flush(): Promise<void>;
  /** Whether a request with this Idempotency-Key is running now. */
  isInFlight(idempotencyKey: string): boolean;
  deliveries(): readonly DeliveryAttempt[];
  events(): EmulatorEvent[];
  /** Ends the 3DS challenge of a requires_action PaymentIntent. */
  completeAuthentication(
    id: string,
    result: "succeed" | "fail",
  ): Stripe.PaymentIntent;
  /** Deactivates every token past its expires_at, with events. */
  sweepExpiredTokens(): void;
  /** Forgets all objects, events, keys, faults and deliveries. */
  reset(): void;
}

export function createStripeEmulator(
  options: StripeEmulatorOptions = {},
): StripeEmulator {
  return new Emulator(options);
}

interface PendingEvent {
  event: EmulatorEvent;
}

class Emulator implements StripeEmulator {
  state: EmulatorState = createState();
  readonly clock: Clock;
  readonly apiKeys: readonly string[];
  private readonly apiVersion: string;
  private readonly faults = new FaultRegistry();
  private readonly idempotency: IdempotencyStore;
  private readonly dispatcher: WebhookDispatcher;

  constructor(options: StripeEmulatorOptions) {
    this.clock = options.clock ?? systemClock;
    this.apiKeys = options.apiKeys ?? [DEFAULT_STRIPE_TEST_KEY];
    this.apiVersion = options.apiVersion ?? EMULATED_API_VERSION;
    this.idempotency = new IdempotencyStore(this.clock);
    this.dispatcher = new WebhookDispatcher({
      endpoints: [...(options.webhooks ?? [])],
      clock: this.clock,
      retry: { ...DEFAULT_RETRY, ...options.webhookRetry },
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      mode: options.webhookDelivery ?? "auto",
    });
  }

  async handle(request: Request): Promise<Response> {
    const outcome = await this.dispatch(request);
    if (outcome.kind === "respond") return outcome.response;
    if (outcome.kind === "hang") await waitOrAbort(outcome.ms, request.signal);
    throw connectionLost();
  }

  async dispatch(request: Request): Promise<Outcome> {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/__emulator/")) {
      return respond(await handleControl(this, request, url));
    }

    const matched = this.faults.take(request.method, url.pathname);
    const early = faultOutcome(matched);
    if (early) {
      await waitOrAbort(matched.latencyMs, request.signal);
      return early;
    }

    const response = await this.serve(request, url, matched);
    const drop =
      matched.action?.type === "drop" && matched.action.stage === "after";
    return drop ? { kind: "drop" } : respond(response);
  }

  private async serve(
    request: Request,
    url: URL,
    matched: MatchedFaults,
  ): Promise<Response> {
    const requestId = newId("req", 14);
    const headers = this.baseHeaders(request, requestId);

    try {
      this.authenticate(request);
      checkVersion(request);
      const form = await readForm(request, url);
      return await this.run(request, url, form, requestId, headers, matched);
    } catch (error) {
      return errorResponse(error, requestId, headers);
    }
  }

  private async run(
    request: Request,
    url: URL,
    form: FormObject,
    requestId: string,
    headers: Headers,
    matched: MatchedFaults,
  ): Promise<Response> {
    const found = findRoute(request.method, url.pathname);
    if (!found) throw unknownRoute(request.method, url.pathname);

    const key =
      request.method === "POST" ? request.headers.get("Idempotency-Key") : null;
    const endpoint = `${request.method} ${url.pathname}`;
    const print = fingerprint(form);
    // Latency stands for a slow endpoint: it runs while the key is in flight.
    const slow = () => waitOrAbort(matched.latencyMs, request.signal);
    if (!key) {
      await slow();
      return this.execute(found, form, requestId, null, headers, matched)
        .response;
    }

    const saved = this.idempotency.lookup(key, endpoint, print);
    if (saved) return replay(saved, headers);

    this.idempotency.begin(key);
    try {
      await slow();
      const result = this.execute(
        found,
        form,
        requestId,
        key,
        headers,
        matched,
      );
      if (result.save) {
        const { response } = result;
        const body = await response.clone().text();
        this.idempotency.save(key, {
          endpoint,
          fingerprint: print,
          status: response.status,
          body,
          requestId,
        });
      }
      return result.response;
    } finally {
      this.idempotency.end(key);
    }
  }

  /** Runs the endpoint; `save` says whether Stripe would keep the result. */
  private execute(
    found: NonNullable<ReturnType<typeof findRoute>>,
    form: FormObject,
    requestId: string,
    key: string | null,
    headers: Headers,
    matched: MatchedFaults,
  ): { response: Response; save: boolean } {
    const pending: PendingEvent[] = [];
    const ctx = this.context(requestId, key, pending, matched);
    const params = new Params(form);

    try {
      const body = found.handler(ctx, params, found.ids);
      const expanded = expand(ctx, body, params.stringArray("expand"));
      return { response: json(200, expanded, headers), save: true };
    } catch (error) {
      const response = errorResponse(error, requestId, headers);
      const save =
        error instanceof StripeApiError && error.stage === "execution";
      return { response, save };
    } finally {
      this.commit(pending);
    }
  }

  private context(
    requestId: string | null,
    key: string | null,
    pending: PendingEvent[],
    matched?: MatchedFaults,
  ): RequestContext {
    const action = matched?.action;
    return {
      state: this.state,
      clock: this.clock,
      requestId: requestId ?? "",
      idempotencyKey: key,
      forcedDecline:
        action?.type === "decline"
          ? (action.declineCode ?? "generic_decline")
          : null,
      emit: (type, object) => {
        const pendingWebhooks = this.dispatcher.endpoints.filter((e) =>
          subscribes(e, type),
        ).length;
        const event = buildEvent({
          type,
          object,
          clock: this.clock,
          apiVersion: this.apiVersion,
          pendingWebhooks,
          request: { id: requestId, idempotency_key: key },
        });
        pending.push({ event });
      },
    };
  }

  private commit(pending: PendingEvent[]): void {
    for (const { event } of pending) {
      const payload = JSON.stringify(event, null, 2);
      this.state.events.set(event.id, { event, payload });
      this.state.sequence.set(event.id, this.state.nextSequence++);
      this.dispatcher.enqueue(event, payload);
    }
  }

  private baseHeaders(request: Request, requestId: string): Headers {
    const headers = new Headers({
      "Content-Type": "application/json",
      "Request-Id": requestId,
      "Stripe-Version":
        request.headers.get("Stripe-Version") ?? this.apiVersion,
      "Cache-Control": "no-cache, no-store",
    });
    const key = request.headers.get("Idempotency-Key");
    if (key && request.method === "POST") headers.set("Idempotency-Key", key);
    return headers;
  }

  private authenticate(request: Request): void {
    const key = apiKeyOf(request.headers.get("Authorization"));
    if (key === null) throw missingKey();
    if (!this.apiKeys.includes(key)) throw invalidKey(key);
  }

  addFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  listFaults(): Fault[] {
    return this.faults.list();
  }

  addWebhookEndpoint(endpoint: WebhookEndpoint): void {
    this.dispatcher.endpoints.push(endpoint);
  }

  flush(): Promise<void> {
    return this.dispatcher.flush();
  }

  isInFlight(idempotencyKey: string): boolean {
    return this.idempotency.isInFlight(idempotencyKey);
  }

  deliveries(): readonly DeliveryAttempt[] {
    return this.dispatcher.log;
  }

  events(): EmulatorEvent[] {
    return [...this.state.events.values()].map((stored) => stored.event);
  }

  completeAuthentication(
    id: string,
    result: "succeed" | "fail",
  ): Stripe.PaymentIntent {
    const pending: PendingEvent[] = [];
    try {
      return completeAuthentication(
        this.context(null, null, pending),
        id,
        result,
      );
    } finally {
      this.commit(pending);
    }
  }

  sweepExpiredTokens(): void {
    const pending: PendingEvent[] = [];
    const ctx = this.context(null, null, pending);
    for (const token of this.state.grantedTokens.values())
      expireIfDue(ctx, token);
    this.commit(pending);
  }

  reset(): void {
    this.state = createState();
    this.faults.clear();
    this.idempotency.clear();
    this.dispatcher.clear();
  }
}

function faultOutcome(matched: MatchedFaults): Outcome | null {
  const action = matched.action;
  if (!action) return null;
  if (action.type === "timeout")
    return { kind: "hang", ms: action.ms ?? 30_000 };
  if (action.type === "drop" && action.stage !== "after")
    return { kind: "drop" };
  if (action.type !== "error") return null;

  const requestId = newId("req", 14);
  const status = action.status ?? 500;
  const headers = new Headers({
    "Content-Type": "application/json",
    "Request-Id": requestId,
  });
  const shouldRetry =
    action.shouldRetry === undefined ? true : action.shouldRetry;
  if (shouldRetry !== null)
    headers.set("Stripe-Should-Retry", String(shouldRetry));

  const error = new StripeApiError(
    status,
    {
      type: "api_error",
      message:
        action.message ??
        "An unknown error occurred. Please retry, or contact support if the problem persists.",
    },
    "validation",
  );
  return respond(json(status, error.body(requestId), headers));
}

function respond(response: Response): Outcome {
  return { kind: "respond", response };
}

function json(status: number, body: unknown, headers: Headers): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: new Headers(headers),
  });
}

function errorResponse(
  error: unknown,
  requestId: string,
  headers: Headers,
): Response {
  if (error instanceof StripeApiError) {
    const response = json(error.status, error.body(requestId), headers);
    for (const [name, value] of Object.entries(error.headers))
      response.headers.set(name, value);
    return response;
  }

  // A bug in the emulator: say so loudly, in Stripe's shape.
  const message =
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  const body = {
    error: { type: "api_error", message: `Stripe emulator bug: ${message}` },
  };
  return json(500, body, headers);
}

function replay(
  saved: { status: number; body: string; requestId: string },
  headers: Headers,
): Response {
  const out = new Headers(headers);
  out.set("Idempotent-Replayed", "true");
  out.set("Original-Request", saved.requestId);
  return new Response(saved.body, { status: saved.status, headers: out });
}

async function readForm(request: Request, url: URL): Promise<FormObject> {
  if (request.method === "GET" || request.method === "DELETE") {
    return parseForm(url.search.slice(1));
  }
  return parseForm(await request.text());
}

/** Bearer (what stripe-node sends) or Basic `sk_...:` (what curl -u sends). */
function apiKeyOf(header: string | null): string | null {
  if (!header) return null;

  const [scheme, value = ""] = header.split(" ", 2);
  if (scheme?.toLowerCase() === "bearer") return value.trim() || null;
  if (scheme?.toLowerCase() !== "basic") return null;

  const decoded = Buffer.from(value, "base64").toString("utf8");
  return decoded.split(":")[0] || null;
}

function missingKey(): StripeApiError {
  return new StripeApiError(
    401,
    {
      type: "invalid_request_error",
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    },
    "validation",
    { "WWW-Authenticate": 'Basic realm="Stripe"' },
  );
}

function invalidKey(key: string): StripeApiError {
  const masked = `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
  return new StripeApiError(
    401,
    {
      type: "invalid_request_error",
      message: `Invalid API Key provided: ${masked}`,
    },
    "validation",
    { "WWW-Authenticate": 'Basic realm="Stripe"' },
  );
}

function checkVersion(request: Request): void {
  const version = request.headers.get("Stripe-Version");
  if (version === null || /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(version))
    return;

  throw new StripeApiError(
    400,
    {
      type: "invalid_request_error",
      message: `Invalid Stripe API version: ${version}`,
    },
    "validation",
  );
}

function connectionLost(): TypeError {
  const cause = Object.assign(new Error("socket hang up"), {
    code: "ECONNRESET",
  });
  return new TypeError("fetch failed", { cause });
}

function waitOrAbort(ms: number, signal: AbortSignal | null): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
