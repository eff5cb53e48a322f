/**
 * One step between two adjacent versions. Steps are composed: a request
 * of 2025-09-29 climbs every step up to the canonical 2026-04-17, and a
 * canonical session walks down them to the agent's version.
 */
import type { RequestOperation } from "../schemas.server";
import type { ApiVersion } from "../versions";
import type { CheckoutSession } from "../wire-types";
import type { JsonObject } from "./json";

/** What an older request leaves out and the app must supply. */
export interface MappingContext {
  /** The shop's settlement currency: create had none before 2026-01-30. */
  shopCurrency: string;
  /** The card handler legacy `payment_data {token, provider}` pays with. */
  cardHandlerId: string;
  /**
   * The session an update or complete applies to: 2025-09-29 names the
   * chosen fulfillment option by id only, and later versions need its type
   * and items.
   */
  session?: CheckoutSession;
}

export interface VersionStep {
  /** The older of the two versions. */
  version: ApiVersion;
  /** A request of `version` as a request of the next newer version. */
  upRequest(
    operation: RequestOperation,
    body: JsonObject,
    context: MappingContext,
  ): JsonObject;
  /**
   * A session of the next newer version as one of `version`. Fields the
   * older schema does not know are dropped afterwards (prune-to-schema.ts),
   * so a step only renames, reshapes and maps enum values.
   */
  downSession(session: JsonObject): JsonObject;
}
