/**
 * Checkout sessions: create and update price the cart through Shopify and
 * store what the agent asked for beside Shopify's answer; get answers from
 * the database alone; cancel closes the session. Concurrent updates of one
 * session never lose a write: each update applies to the version it read,
 * and starts again from the newer one when another update came first.
 */
import { randomBytes } from "node:crypto";
import type { Prisma } from "@prisma/client";
import type {
  CancelRequest,
  CheckoutSession,
  CreateRequest,
  UpdateRequest,
} from "../acp/wire-types";
import { db, sql } from "../lib/db.server";
import { logger, type Logger } from "../lib/logger.server";
import { sqlTimestamp } from "../lib/sql";
import {
  ShopifyUnavailableError,
  type AdminGraphql,
} from "../shopify/admin-client.server";
import { checkoutError } from "./checkout-errors";
import { checkoutMessages, isReadyForPayment } from "./checkout-messages";
import {
  applyUpdate,
  shipsSameCart,
  stateFromCreate,
  type CheckoutState,
} from "./checkout-state";
import { isItemId, MAX_LINE_QUANTITY } from "./draft-order-input";
import type { Quote } from "./quote";
import { quoteCheckout } from "./quote-checkout.server";
import { sessionView, type CheckoutStatus } from "./session-view";
import {
  DEFAULT_CHECKOUT_TTL_MINUTES,
  getShopCheckoutProfile,
  type ShopCheckoutProfile,
} from "./shop-checkout-profile.server";

export interface CheckoutDeps {
  /** The Admin API of a shop the app is installed on. */
  graphqlFor(shop: string): Promise<AdminGraphql>;
  now(): Date;
  /**
   * Keep sessions in memory between requests. Only right when this
   * process is the database's only writer: one app instance on SQLite.
   */
  cacheSessions?: boolean;
}

/** The service's own state beside its dependencies. */
interface Ctx extends CheckoutDeps {
  rows: SessionRowCache | null;
}

export interface CheckoutResult {
  session: CheckoutSession;
  /** Shopify cost points this call spent (0 for reads). */
  costPoints: number;
  /** Milliseconds spent waiting on Shopify (0 for reads). */
  shopifyMs: number;
}

const UPDATE_ATTEMPTS = 3;
const TERMINAL: ReadonlySet<string> = new Set([
  "completed",
  "canceled",
  "expired",
]);

type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

export function createCheckoutService(options: CheckoutDeps) {
  const deps: Ctx = {
    ...options,
    rows: options.cacheSessions ? processRows : null,
  };

  // `log` is the request's logger (Request-Id, shop) when a request calls
  // a method that may log; the app's own otherwise.
  return {
    create: (
      shop: string,
      apiVersion: string,
      request: CreateRequest,
      log: Logger = logger,
    ) => create(deps, shop, apiVersion, request, log),
    update: (
      shop: string,
      id: string,
      request: UpdateRequest,
      log: Logger = logger,
    ) => update(deps, shop, id, request, log),
    get: (shop: string, id: string) => get(deps, shop, id),
    cancel: (
      shop: string,
      id: string,
      request: CancelRequest | null,
      log: Logger = logger,
    ) => cancel(deps, shop, id, request, log),
    prepareCompletion: (shop: string, id: string) =>
      prepareCompletion(deps, shop, id),
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;

async function create(
  deps: Ctx,
  shop: string,
  apiVersion: string,
  request: CreateRequest,
  log: Logger,
): Promise<CheckoutResult> {
  const state = stateFromCreate(request);
  const { quote, costPoints, shopifyMs } = await price(
    deps,
    shop,
    state,
    null,
    log,
  );
  const now = deps.now();
  const status = statusOf(state, quote);
  const row = await insertRow({
    id: newSessionId(),
    shop,
    apiVersion,
    status,
    currency: quote.currency,
    state,
    quote,
    expiresAt: await expiryFrom(shop, now),
    now,
  });
  remember(deps, row);
  log.info("checkout session created", { id: row.id, status });

  return { session: await view(row, state, quote), costPoints, shopifyMs };
}

async function update(
  deps: Ctx,
  shop: string,
  id: string,
  request: UpdateRequest,
  log: Logger,
): Promise<CheckoutResult> {
  const spent = { costPoints: 0, shopifyMs: 0 };
  for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
    const row = await requireOpenRow(deps, shop, id);
    const before = stateOf(row);
    const state = applyUpdate(before, request);
    // The last quote's shipping handles hold only for the same cart.
    const previous = shipsSameCart(before, state) ? quoteOf(row) : null;
    const priced = await price(deps, shop, state, previous, log);
    spent.costPoints += priced.costPoints;
    spent.shopifyMs += priced.shopifyMs;

    const saved = await saveUpdate(deps, row, state, priced.quote);
    if (saved) {
      return { session: await view(saved, state, priced.quote), ...spent };
    }
    log.debug("checkout update lost a race; retrying", { id, attempt });
  }

  throw checkoutError.conflict(id);
}

async function get(
  deps: Ctx,
  shop: string,
  id: string,
): Promise<CheckoutResult> {
  const row = await expireIfDue(deps, await requireRow(deps, shop, id));

  return {
    session: await view(row, stateOf(row), quoteOf(row)),
    costPoints: 0,
    shopifyMs: 0,
  };
}

async function cancel(
  deps: Ctx,
  shop: string,
  id: string,
  request: CancelRequest | null,
  log: Logger,
): Promise<CheckoutResult> {
  const row = await requireRow(deps, shop, id);
  if (row.status === "completed" || row.status === "canceled") {
    throw checkoutError.notCancelable(row.status);
  }

  const canceled = await db.checkoutSession.update({
    where: { id: row.id },
    data: {
      status: "canceled",
      version: { increment: 1 },
      updatedAt: deps.now(),
      ...(request?.intent_trace && { intentTrace: json(request.intent_trace) }),
    },
  });
  remember(deps, canceled);
  log.info("checkout session canceled", {
    id,
    reason: request?.intent_trace?.reason_code,
  });

  return {
    session: await view(canceled, stateOf(canceled), quoteOf(canceled)),
    costPoints: 0,
    shopifyMs: 0,
  };
}

/**
 * Completion checks the session can be paid for. Taking the payment and
 * creating the order are not built yet: a ready session is refused with
 * a clear error, and nothing is charged.
 */
async function prepareCompletion(
  deps: Ctx,
  shop: string,
  id: string,
): Promise<never> {
  const row = await requireOpenRow(deps, shop, id);
  if (row.status !== "ready_for_payment") throw checkoutError.notReady(id);

  throw checkoutError.completionUnavailable();
}

async function price(
  deps: Ctx,
  shop: string,
  state: CheckoutState,
  previous: Quote | null,
  log: Logger,
) {
  state.line_items.forEach((line, index) => {
    if (!isItemId(line.id)) throw checkoutError.unknownItem(line.id, index);
    if (line.quantity > MAX_LINE_QUANTITY) {
      throw checkoutError.quantityTooLarge(index);
    }
  });

  const started = performance.now();
  try {
    const graphql = await deps.graphqlFor(shop);
    const quoted = await quoteCheckout(graphql, state, previous, log);
    const result = { ...quoted, shopifyMs: performance.now() - started };
    const hidden = result.quote.lines.findIndex((line) => !line.for_sale);
    if (hidden !== -1) {
      throw checkoutError.unknownItem(
        result.quote.lines[hidden]?.item_id ?? "",
        hidden,
      );
    }

    return result;
  } catch (error) {
    if (error instanceof ShopifyUnavailableError) {
      log.warn("Shopify unavailable for a checkout quote");
      throw checkoutError.shopUnavailable();
    }
    throw error;
  }
}

function statusOf(state: CheckoutState, quote: Quote): CheckoutStatus {
  return isReadyForPayment(checkoutMessages(state, quote))
    ? "ready_for_payment"
    : "not_ready_for_payment";
}

async function saveUpdate(
  deps: Ctx,
  row: Row,
  state: CheckoutState,
  quote: Quote,
): Promise<Row | null> {
  const now = deps.now();
  const saved = await updateRow(row, {
    status: statusOf(state, quote),
    currency: quote.currency,
    state,
    quote,
    expiresAt: await expiryFrom(row.shop, now),
    now,
  });
  if (saved) remember(deps, saved);
  else deps.rows?.delete(row.id);

  return saved;
}

interface RowWrite {
  status: CheckoutStatus;
  currency: string;
  state: CheckoutState;
  quote: Quote;
  expiresAt: Date;
  now: Date;
}

/*
 * Create and update write in SQL, not through the model API: they run on
 * every checkout call (lib/sql.ts says why). Each returns the row as
 * the database now holds it, JSON columns read back from the same text.
 */

async function insertRow(
  write: RowWrite & { id: string; shop: string; apiVersion: string },
): Promise<Row> {
  const { id, shop, apiVersion, status, currency, now } = write;
  const stored = storedRow(write);
  await sql.execute(
    `INSERT INTO "CheckoutSession"
       ("id", "shop", "apiVersion", "status", "currency", "request", "quote",
        "buyerEmail", "version", "expiresAt", "createdAt", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    [
      id,
      shop,
      apiVersion,
      status,
      currency,
      stored.requestJson,
      stored.quoteJson,
      stored.buyerEmail,
      sqlTimestamp(write.expiresAt),
      sqlTimestamp(now),
      sqlTimestamp(now),
    ],
  );

  return {
    id,
    shop,
    apiVersion,
    status,
    currency,
    request: stored.request,
    quote: stored.quote,
    intentTrace: null,
    buyerEmail: stored.buyerEmail,
    version: 1,
    expiresAt: write.expiresAt,
    createdAt: now,
    updatedAt: now,
  };
}

/** Applies the write to the version read; null when another came first. */
async function updateRow(row: Row, write: RowWrite): Promise<Row | null> {
  const { status, currency, now } = write;
  const stored = storedRow(write);
  const count = await sql.execute(
    `UPDATE "CheckoutSession"
     SET "status" = ?, "currency" = ?, "request" = ?, "quote" = ?,
       "buyerEmail" = ?, "version" = ?, "expiresAt" = ?, "updatedAt" = ?
     WHERE "id" = ? AND "version" = ?`,
    [
      status,
      currency,
      stored.requestJson,
      stored.quoteJson,
      stored.buyerEmail,
      row.version + 1,
      sqlTimestamp(write.expiresAt),
      sqlTimestamp(now),
      row.id,
      row.version,
    ],
  );
  if (count !== 1) return null;

  return {
    ...row,
    status,
    currency,
    request: stored.request,
    quote: stored.quote,
    buyerEmail: stored.buyerEmail,
    version: row.version + 1,
    expiresAt: write.expiresAt,
    updatedAt: now,
  };
}

function storedRow(write: RowWrite) {
  const requestJson = JSON.stringify(write.state);
  const quoteJson = JSON.stringify(write.quote);

  return {
    requestJson,
    quoteJson,
    // What a read of the row would give: undefined members dropped.
    request: JSON.parse(requestJson) as Prisma.JsonValue,
    quote: JSON.parse(quoteJson) as Prisma.JsonValue,
    buyerEmail: buyerEmailOf(write.state),
  };
}

function readRow(shop: string, id: string) {
  return db.checkoutSession.findFirst({ where: { id, shop } });
}

async function findRow(deps: Ctx, shop: string, id: string) {
  const cached = deps.rows?.get(id);
  if (cached) return cached.shop === shop ? cached : null;

  return remember(deps, await readRow(shop, id));
}

function remember(deps: Ctx, row: Row | null): Row | null {
  if (row) deps.rows?.set(row);

  return row;
}

/** A session of another shop is as unknown as one that never existed. */
async function requireRow(deps: Ctx, shop: string, id: string): Promise<Row> {
  const row = await findRow(deps, shop, id);
  if (!row) throw checkoutError.notFound();

  return row;
}

async function requireOpenRow(deps: Ctx, shop: string, id: string) {
  const row = await expireIfDue(deps, await requireRow(deps, shop, id));
  if (TERMINAL.has(row.status)) throw checkoutError.closed(id, row.status);

  return row;
}

/** Marks a session expired once its time is up (on first sight). */
async function expireIfDue(deps: Ctx, row: Row): Promise<Row> {
  if (TERMINAL.has(row.status) || row.expiresAt > deps.now()) return row;

  await db.checkoutSession.updateMany({
    where: { id: row.id, version: row.version },
    data: { status: "expired", version: { increment: 1 } },
  });

  const expired = { ...row, status: "expired", version: row.version + 1 };
  remember(deps, expired);

  return expired;
}

/**
 * Sessions by id, as last written by this process, so that GET needs no
 * database read. Bounded: the oldest entries go first.
 */
class SessionRowCache {
  readonly #rows = new Map<string, Row>();

  constructor(private readonly limit = 10_000) {}

  get(id: string): Row | undefined {
    return this.#rows.get(id);
  }

  set(row: Row) {
    this.#rows.delete(row.id);
    this.#rows.set(row.id, row);
    if (this.#rows.size <= this.limit) return;

    const oldest = this.#rows.keys().next().value;
    if (oldest !== undefined) this.#rows.delete(oldest);
  }

  delete(id: string) {
    this.#rows.delete(id);
  }

  deleteShop(shop: string) {
    for (const [id, row] of this.#rows) {
      if (row.shop === shop) this.#rows.delete(id);
    }
  }
}

/** One per process: every service instance writes through the same one. */
const processRows = new SessionRowCache();

/**
 * Drops a shop's sessions from memory after they were changed outside the
 * service (deleted by the privacy webhooks).
 */
export function forgetCachedSessions(shop: string) {
  processRows.deleteShop(shop);
}

/**
 * The session as the agent sees it. A row and a shop profile render the
 * same way every time, so the result is kept per row object (rows are
 * never modified in place, only replaced) until the profile changes.
 */
const views = new WeakMap<
  Row,
  { profile: ShopCheckoutProfile; session: CheckoutSession }
>();

async function view(row: Row, state: CheckoutState, quote: Quote) {
  const profile = await getShopCheckoutProfile(row.shop);
  const kept = views.get(row);
  if (kept?.profile === profile) return kept.session;

  const messages = TERMINAL.has(row.status)
    ? []
    : checkoutMessages(state, quote);
  const session = sessionView(
    {
      id: row.id,
      status: row.status as CheckoutStatus,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      expiresAt: row.expiresAt,
    },
    state,
    quote,
    messages,
    profile,
  );
  views.set(row, { profile, session });

  return session;
}

async function expiryFrom(shop: string, now: Date): Promise<Date> {
  const settings = await getShopCheckoutProfile(shop);
  const minutes = settings.checkoutTtlMinutes ?? DEFAULT_CHECKOUT_TTL_MINUTES;

  return new Date(now.getTime() + minutes * 60_000);
}

function buyerEmailOf(state: CheckoutState): string | null {
  return state.buyer?.email ?? state.fulfillment_details?.email ?? null;
}

// The stored JSON is the app's own writing (below), so reading it back
// needs no validation.
function stateOf(row: Row): CheckoutState {
  return row.request as unknown as CheckoutState;
}

function quoteOf(row: Row): Quote {
  return row.quote as unknown as Quote;
}

function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

function newSessionId(): string {
  return `cs_${randomBytes(18).toString("base64url")}`;
}
