/**
 * Every Admin GraphQL call of the app goes through `queryAdmin`: typed by
 * the generated operation types, with retries where they are safe.
 *
 * Shopify throttles GraphQL with HTTP 200 and a `THROTTLED` error, which
 * Shopify's client does not retry; the answer's cost extension says how long
 * the bucket needs to refill, so we wait that long and try again. A throttled
 * call never ran, so even a mutation may be retried. Server errors and lost
 * connections are retried only for calls that are safe to repeat (queries,
 * or mutations the caller marks idempotent): a mutation that may have run
 * must not run twice.
 * https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits
 */
import type {
  AdminOperations,
  ApiClientRequestOptions,
  ReturnData,
} from "@shopify/admin-api-client";
import {
  GraphqlQueryError,
  HttpRequestError,
  HttpResponseError,
} from "@shopify/shopify-api";
import { logger, type Logger } from "../lib/logger.server";

type Operation = keyof AdminOperations & string;

/** The `graphql` function of an admin context (authenticated or not). */
export type AdminGraphql = <Op extends Operation>(
  operation: Op,
  options?: {
    variables?: ApiClientRequestOptions<Op, AdminOperations>["variables"];
  },
) => Promise<Response>;

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: {
    maximumAvailable: number;
    currentlyAvailable: number;
    restoreRate: number;
  };
}

export interface AdminResult<T> {
  data: T;
  cost: QueryCost | null;
}

export interface QueryOptions<Op extends Operation> {
  variables?: ApiClientRequestOptions<Op, AdminOperations>["variables"];
  /** Mutations are retried after a server error only when this is set. */
  idempotent?: boolean;
  maxAttempts?: number;
  /** Injected by tests; waits `ms` milliseconds. */
  sleep?: (ms: number) => Promise<void>;
  /** The request's logger, when a request makes the call. */
  log?: Logger;
}

export interface ShopifyGraphqlErrorDetail {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
  path?: (string | number)[];
}

/** Shopify answered, but with errors that retrying will not fix. */
export class ShopifyGraphqlError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: ShopifyGraphqlErrorDetail[],
  ) {
    super(
      `Shopify rejected ${operation}: ` +
        errors.map((error) => error.message).join("; "),
    );
    this.name = "ShopifyGraphqlError";
  }

  get codes(): string[] {
    return this.errors.flatMap((error) => error.extensions?.code ?? []);
  }
}

/** Shopify could not be reached or kept failing; the call may be retried later. */
export class ShopifyUnavailableError extends Error {
  constructor(
    readonly operation: string,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`Shopify unavailable for ${operation} after ${attempts} attempts`);
    this.name = "ShopifyUnavailableError";
  }
}

const DEFAULT_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 8_000;

export async function queryAdmin<Op extends Operation>(
  graphql: AdminGraphql,
  operation: Op,
  options: QueryOptions<Op> = {},
): Promise<AdminResult<ReturnData<Op, AdminOperations>>> {
  const name = operationName(operation);
  const repeatable = options.idempotent ?? !isMutation(operation);
  const maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  const sleep = options.sleep ?? defaultSleep;

  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptQuery(graphql, operation, options.variables);
    if (outcome.kind === "ok") {
      return outcome.result as AdminResult<ReturnData<Op, AdminOperations>>;
    }

    const waitMs = retryDelay(outcome, attempt, repeatable);
    if (waitMs === null) throw finalError(name, outcome, attempt);
    if (attempt >= maxAttempts) {
      throw new ShopifyUnavailableError(name, attempt, outcome.error);
    }

    (options.log ?? logger).warn("retrying Shopify call", {
      operation: name,
      attempt,
      waitMs,
      reason: outcome.kind,
    });
    await sleep(waitMs);
  }
}

type Outcome =
  | { kind: "ok"; result: AdminResult<unknown> }
  | { kind: "throttled"; cost: QueryCost | null; error: unknown }
  | { kind: "rejected"; errors: ShopifyGraphqlErrorDetail[]; error: unknown }
  | { kind: "unavailable"; error: unknown }
  | { kind: "failed"; error: unknown };

async function attemptQuery(
  graphql: AdminGraphql,
  operation: Operation,
  variables: unknown,
): Promise<Outcome> {
  try {
    const response = await graphql(operation, {
      variables: variables as never,
    });
    const body = (await response.json()) as {
      data: unknown;
      extensions?: { cost?: QueryCost };
    };

    return {
      kind: "ok",
      result: { data: body.data, cost: body.extensions?.cost ?? null },
    };
  } catch (error) {
    return classify(error);
  }
}

function classify(error: unknown): Outcome {
  if (error instanceof GraphqlQueryError) {
    const body = error.body ?? {};
    const errors = graphqlErrors(body.errors);
    const throttled = errors.some(
      (detail) => detail.extensions?.code === "THROTTLED",
    );
    if (throttled) {
      return { kind: "throttled", cost: costOf(body), error };
    }

    return { kind: "rejected", errors, error };
  }
  if (error instanceof HttpResponseError) {
    const status = error.response.code;
    const transient = status === 429 || status >= 500;

    return transient
      ? { kind: "unavailable", error }
      : { kind: "failed", error };
  }
  if (error instanceof HttpRequestError || error instanceof TypeError) {
    return { kind: "unavailable", error };
  }

  return { kind: "failed", error };
}

/** How long to wait before the next attempt, or null to give up now. */
function retryDelay(
  outcome: Outcome,
  attempt: number,
  repeatable: boolean,
): number | null {
  if (outcome.kind === "throttled") return throttleWait(outcome.cost, attempt);
  if (outcome.kind === "unavailable" && repeatable) return backoff(attempt);

  return null;
}

/** Time for the bucket to hold the requested cost again, plus jitter. */
function throttleWait(cost: QueryCost | null, attempt: number): number {
  if (!cost) return backoff(attempt);

  const { currentlyAvailable, restoreRate } = cost.throttleStatus;
  const missing = Math.max(cost.requestedQueryCost - currentlyAvailable, 0);
  const seconds = missing / Math.max(restoreRate, 1);

  return Math.ceil(seconds * 1000) + jitter();
}

function backoff(attempt: number): number {
  const exponential = BASE_BACKOFF_MS * 2 ** (attempt - 1);

  return Math.min(exponential, MAX_BACKOFF_MS) + jitter();
}

function jitter(): number {
  return Math.floor(Math.random() * 100);
}

function finalError(name: string, outcome: Outcome, attempts: number) {
  if (outcome.kind === "rejected") {
    return new ShopifyGraphqlError(name, outcome.errors);
  }
  if (outcome.kind === "unavailable") {
    return new ShopifyUnavailableError(name, attempts, outcome.error);
  }

  return "error" in outcome ? outcome.error : new Error("unreachable");
}

function graphqlErrors(value: unknown): ShopifyGraphqlErrorDetail[] {
  if (Array.isArray(value)) return value as ShopifyGraphqlErrorDetail[];
  // The client nests the answer's errors one level down in some versions.
  if (value && typeof value === "object" && "graphQLErrors" in value) {
    return graphqlErrors((value as { graphQLErrors: unknown }).graphQLErrors);
  }

  return [{ message: String(value) }];
}

function costOf(body: Record<string, unknown>): QueryCost | null {
  const extensions = body.extensions as { cost?: QueryCost } | undefined;

  return extensions?.cost ?? null;
}

/** The name a GraphQL document gives its operation, e.g. `ShopOverview`. */
export function operationName(document: string): string {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document)?.[1] ?? "anonymous";
}

function isMutation(document: string): boolean {
  return /^\s*(#graphql\s*)?mutation\b/.test(document);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
