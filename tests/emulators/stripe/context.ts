/**
 * What every endpoint handler receives: the account's state, the clock, the
 * request's identity (for events' `request` field) and any forced decline a
 * fault put on this request.
 */
import type { Params } from "./params";
import type { Clock, EmulatorState } from "./state";

export interface RequestContext {
  state: EmulatorState;
  clock: Clock;
  requestId: string;
  idempotencyKey: string | null;
  /** Decline code a `decline` fault forces on this request's confirmation. */
  forcedDecline: string | null;
  emit(type: string, object: unknown): void;
}

export type Handler = (
  ctx: RequestContext,
  params: Params,
  ids: string[],
) => unknown;

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  handler: Handler;
}
