/**
 * Faults injected on demand, per test or for a whole run: the failures the
 * app must survive (notes on the Admin API, §4.4). A fault matches by shop,
 * operation name and root field; `times` bounds how often it fires.
 */
export interface FaultMatch {
  /** "demo-store.myshopify.com"; any shop when absent. */
  shop?: string;
  operationName?: string;
  /** A root field of the operation, e.g. "draftOrderCreate". */
  rootField?: string;
  /** Which endpoint; GraphQL when absent. */
  endpoint?: "graphql" | "oauth" | "any";
  /** How many requests it affects before it is gone; forever if absent. */
  times?: number;
}

export interface UserErrorSpec {
  field: string[] | null;
  message: string;
  code?: string;
}

export type FaultEffect =
  /** Answers with this HTTP status (503 by default body). */
  | { kind: "http"; status: number; body?: string; retryAfter?: number }
  /** Never answers until aborted; with `ms`, answers late instead. */
  | { kind: "timeout"; ms?: number }
  /** Closes the connection without an answer. */
  | { kind: "drop" }
  /** THROTTLED with HTTP 200, whatever the bucket holds. */
  | { kind: "throttle" }
  /** The named mutation answers with these userErrors and no effect. */
  | { kind: "userErrors"; mutation: string; userErrors: UserErrorSpec[] }
  /** Milliseconds added before every matching answer. */
  | { kind: "latency"; ms: number };

export type Fault = FaultMatch & FaultEffect;

export interface FaultRequest {
  shop: string | null;
  endpoint: "graphql" | "oauth";
  operationName: string | null;
  rootFields: string[];
}

interface StoredFault {
  id: number;
  fault: Fault;
  remaining: number;
}

/** The error a dropped connection surfaces as, like undici's. */
export class ConnectionDroppedError extends TypeError {
  constructor() {
    const cause = Object.assign(new Error("other side closed"), {
      code: "UND_ERR_SOCKET",
    });
    super("fetch failed", { cause });
  }
}

export class FaultPlan {
  private faults: StoredFault[] = [];
  private lastId = 0;

  /** Adds a fault; the returned id removes it early. */
  add(fault: Fault): number {
    this.lastId += 1;
    const remaining = fault.times ?? Number.POSITIVE_INFINITY;
    this.faults.push({ id: this.lastId, fault, remaining });

    return this.lastId;
  }

  remove(id: number): void {
    this.faults = this.faults.filter((stored) => stored.id !== id);
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map(({ fault }) => fault);
  }

  /**
   * The faults that apply to this request, each counted as used once.
   * Latency combines with any other fault; of the others the first wins.
   */
  take(request: FaultRequest): Fault[] {
    const matching = this.faults.filter((s) => matches(s.fault, request));
    const latency = matching.filter((s) => s.fault.kind === "latency");
    const other = matching.find((s) => s.fault.kind !== "latency");
    const used = other ? [...latency, other] : latency;

    for (const stored of used) stored.remaining -= 1;
    this.faults = this.faults.filter((stored) => stored.remaining > 0);

    return used.map(({ fault }) => fault);
  }
}

function matches(fault: Fault, request: FaultRequest): boolean {
  const endpoint = fault.endpoint ?? "graphql";
  if (endpoint !== "any" && endpoint !== request.endpoint) return false;
  if (fault.shop && fault.shop !== request.shop) return false;
  if (fault.operationName && fault.operationName !== request.operationName) {
    return false;
  }

  const rootField =
    fault.rootField ?? (fault.kind === "userErrors" ? fault.mutation : null);
  return !rootField || request.rootFields.includes(rootField);
}

export function delay(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));

    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    });
  });
}

/** Waits until the caller gives up: what a hung upstream looks like. */
export function untilAborted(signal?: AbortSignal | null): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    signal?.addEventListener("abort", () => reject(abortReason(signal)));
  });
}

function abortReason(signal: AbortSignal): unknown {
  return (
    signal.reason ??
    new DOMException("This operation was aborted", "AbortError")
  );
}
