/**
 * Idempotency-Key handling as the 2026-04-17 RFC defines it (§6; notes in
 * acp-spec.md §1.4), scoped to shop + endpoint + key:
 *
 * - the first request inserts an in-flight record and proceeds;
 * - the same key and body again replays the stored status and body;
 * - the same key with another body is a conflict (422);
 * - the same key while the first is running is in flight (409);
 * - a 5xx answer is never stored: the record goes, a retry starts afresh;
 * - records live 24 hours, after which the key is new again.
 *
 * Exactly-once holds across processes because only the database decides:
 * the unique constraint on (shop, endpoint, key) lets one insert win, and
 * every other caller reads what that one stored. There is no lock in memory.
 */
import { randomBytes } from "node:crypto";
import { db, sql } from "../lib/db.server";
import { logger, type Logger } from "../lib/logger.server";
import { isUniqueViolation, sqlTimestamp } from "../lib/sql";
import { fingerprintRequestBody } from "./request-fingerprint";

/** How long an answer is replayed; the RFC asks for at least 24 hours. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * An in-flight record older than this belongs to a request that crashed
 * (the process died before answering): the key is free again. Completion
 * itself is keyed on the checkout session, so even a request that merely
 * ran this long cannot capture a payment twice.
 */
export const IN_FLIGHT_TIMEOUT_MS = 60_000;

/** What the 409 tells the agent to wait before trying again. */
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

const IN_FLIGHT = "in_flight";
const COMPLETED = "completed";
const MAX_ATTEMPTS = 3;

export interface IdempotentRequest {
  /** The shop's myshopify domain. */
  shop: string;
  /** Method and path with the real ids: `POST /checkout_sessions/cs_1`. */
  endpoint: string;
  /** The Idempotency-Key header. */
  key: string;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  now?: Date;
  /** The request's logger, with its Request-Id. */
  log?: Logger;
}

export type IdempotencyDecision =
  | { kind: "proceed"; recordId: string }
  /** `body` is the stored answer's JSON text, replayed as is. */
  | { kind: "replay"; status: number; body: string }
  | { kind: "conflict" }
  | { kind: "in_flight"; retryAfterSeconds: number };

interface StoredRecord {
  id: string;
  fingerprint: string;
  state: string;
  responseStatus: number | null;
  responseBody: string | null;
}

/** The RFC's bounds for the header: 1 to 255 characters. */
export function isValidIdempotencyKey(key: string | null): key is string {
  return !!key && key.length <= IDEMPOTENCY_KEY_MAX_LENGTH;
}

/**
 * Decides what a request carrying an Idempotency-Key does. On "proceed"
 * the caller runs the request and must then call completeIdempotentRequest
 * with its answer, a 5xx included (a thrown error counts as a 500).
 */
export async function beginIdempotentRequest(
  request: IdempotentRequest,
): Promise<IdempotencyDecision> {
  const now = request.now ?? new Date();
  const fingerprint = fingerprintRequestBody(request.body);

  // Each round either wins the insert or reads the record that did. A
  // record can vanish between the two (a 5xx, a stale one cleared), and
  // then the next round inserts again.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const recordId = await insertInFlight(request, fingerprint, now);
    if (recordId) return { kind: "proceed", recordId };

    const existing = await findRecord(request);
    if (!existing) continue;
    if (await deleteIfStale(existing.id, now, request.log ?? logger)) {
      continue;
    }

    return decide(existing, fingerprint);
  }

  return inFlight();
}

/**
 * Stores the answer (its status and JSON text) for replay, or forgets the
 * key after a 5xx so that a retry is a fresh request. Retention counts
 * from the answer.
 */
export async function completeIdempotentRequest(
  recordId: string,
  status: number,
  body: string,
  options: { now?: Date; log?: Logger } = {},
): Promise<void> {
  const { now = new Date(), log = logger } = options;
  if (status >= 500) {
    await db.idempotencyRecord.deleteMany({
      where: { id: recordId, state: IN_FLIGHT },
    });

    return;
  }

  // This and the insert run on every POST: plain SQL (lib/sql.ts).
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS);
  const count = await sql.execute(
    `UPDATE "IdempotencyRecord"
     SET "state" = ?, "responseStatus" = ?, "responseBody" = ?,
       "expiresAt" = ?
     WHERE "id" = ? AND "state" = ?`,
    [COMPLETED, status, body, sqlTimestamp(expiresAt), recordId, IN_FLIGHT],
  );
  // Only when the request outlived IN_FLIGHT_TIMEOUT_MS and a retry took
  // the key over: that retry's answer is the one kept.
  if (count === 0) log.warn("idempotency record gone", { recordId });
}

/** Deletes records past their retention; returns how many. */
export async function purgeExpiredIdempotencyRecords(
  now = new Date(),
): Promise<number> {
  const { count } = await db.idempotencyRecord.deleteMany({
    where: { expiresAt: { lte: now } },
  });

  return count;
}

/** The record's id, or null when another request holds the key. */
async function insertInFlight(
  request: IdempotentRequest,
  fingerprint: string,
  now: Date,
): Promise<string | null> {
  const id = newRecordId();
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS);
  try {
    await sql.execute(
      `INSERT INTO "IdempotencyRecord"
         ("id", "shop", "endpoint", "key", "fingerprint", "state",
          "createdAt", "expiresAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        request.shop,
        request.endpoint,
        request.key,
        fingerprint,
        IN_FLIGHT,
        sqlTimestamp(now),
        sqlTimestamp(expiresAt),
      ],
    );

    return id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function findRecord(
  request: IdempotentRequest,
): Promise<StoredRecord | null> {
  const { shop, endpoint, key } = request;

  return db.idempotencyRecord.findUnique({
    where: { shop_endpoint_key: { shop, endpoint, key } },
    select: {
      id: true,
      fingerprint: true,
      state: true,
      responseStatus: true,
      responseBody: true,
    },
  });
}

/**
 * Clears an expired record, or an in-flight one abandoned by a crash. The
 * condition is checked by the database in the same statement, so a record
 * completed meanwhile is kept, and of several callers only one deletes.
 */
async function deleteIfStale(
  id: string,
  now: Date,
  log: Logger,
): Promise<boolean> {
  const abandonedBefore = new Date(now.getTime() - IN_FLIGHT_TIMEOUT_MS);
  const { count } = await db.idempotencyRecord.deleteMany({
    where: {
      id,
      OR: [
        { expiresAt: { lte: now } },
        { state: IN_FLIGHT, createdAt: { lte: abandonedBefore } },
      ],
    },
  });
  if (count > 0) log.debug("stale idempotency record cleared", { id });

  return count > 0;
}

function decide(
  record: StoredRecord,
  fingerprint: string,
): IdempotencyDecision {
  if (record.fingerprint !== fingerprint) return { kind: "conflict" };
  if (record.state !== COMPLETED || record.responseStatus === null) {
    return inFlight();
  }

  return {
    kind: "replay",
    status: record.responseStatus,
    body: record.responseBody ?? "",
  };
}

function inFlight(): IdempotencyDecision {
  return {
    kind: "in_flight",
    retryAfterSeconds: IN_FLIGHT_RETRY_AFTER_SECONDS,
  };
}

/** Records are inserted in SQL, so the schema's cuid() default is not used. */
function newRecordId(): string {
  return `idem_${randomBytes(16).toString("base64url")}`;
}
