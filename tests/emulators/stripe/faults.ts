/**
 * Faults on demand. A fault matches requests by method and path prefix and
 * fires `count` times (default 1; "always" or Infinity for a whole run).
 *
 * - error: Stripe's `api_error` body with status 500/502/503 (or any), sent
 *   before the endpoint runs, so nothing is saved for idempotency and a
 *   retry with the same key runs for real. `Stripe-Should-Retry` defaults to
 *   "true" (Stripe sends it when a retry is safe); `shouldRetry: null`
 *   leaves it out, so the client falls back on the status code.
 * - timeout: no answer for `ms` (default 30 s), then the socket closes.
 * - drop: the connection is destroyed, `before` the endpoint runs or
 *   `after` it ran (the charge happened, the answer was lost).
 * - latency: `ms` added before the endpoint runs; adds to other faults.
 * - decline: the confirmation in this request declines with `declineCode`.
 */
import { z } from "zod";

export type FaultAction =
  | {
      type: "error";
      status?: number;
      message?: string;
      shouldRetry?: boolean | null;
    }
  | { type: "timeout"; ms?: number }
  | { type: "drop"; stage?: "before" | "after" }
  | { type: "latency"; ms: number }
  | { type: "decline"; declineCode?: string };

export type Fault = FaultAction & {
  /** "POST", "GET", ...; any method when absent. */
  method?: string;
  /** Path prefix, e.g. "/v1/payment_intents". */
  path: string;
  count?: number | "always";
};

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export interface MatchedFaults {
  latencyMs: number;
  action: Exclude<FaultAction, { type: "latency" }> | null;
}

export class FaultRegistry {
  private active: ActiveFault[] = [];

  add(fault: Fault): void {
    const count = fault.count ?? 1;
    const remaining = count === "always" ? Infinity : count;
    this.active.push({ fault, remaining });
  }

  clear(): void {
    this.active = [];
  }

  list(): Fault[] {
    return this.active.map((a) => a.fault);
  }

  /** Every matching latency adds up; the first other fault wins. */
  take(method: string, path: string): MatchedFaults {
    const matched: MatchedFaults = { latencyMs: 0, action: null };

    for (const entry of this.active) {
      if (!matches(entry.fault, method, path)) continue;
      if (entry.fault.type === "latency") {
        matched.latencyMs += entry.fault.ms;
      } else if (matched.action === null) {
        matched.action = entry.fault;
      } else {
        continue;
      }
      entry.remaining -= 1;
    }

    this.active = this.active.filter((entry) => entry.remaining > 0);
    return matched;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  return path.startsWith(fault.path);
}

const matchShape = {
  method: z.string().optional(),
  path: z.string(),
  count: z.union([z.number().int().positive(), z.literal("always")]).optional(),
};

const faultSchema = z.discriminatedUnion("type", [
  z.object({
    ...matchShape,
    type: z.literal("error"),
    status: z.number().int().optional(),
    message: z.string().optional(),
    shouldRetry: z.boolean().nullable().optional(),
  }),
  z.object({
    ...matchShape,
    type: z.literal("timeout"),
    ms: z.number().optional(),
  }),
  z.object({
    ...matchShape,
    type: z.literal("drop"),
    stage: z.enum(["before", "after"]).optional(),
  }),
  z.object({ ...matchShape, type: z.literal("latency"), ms: z.number() }),
  z.object({
    ...matchShape,
    type: z.literal("decline"),
    declineCode: z.string().optional(),
  }),
]);

/** Reads a fault from the control endpoint's JSON; throws a ZodError. */
export function parseFault(input: unknown): Fault {
  return faultSchema.parse(input);
}
