/**
 * One checkout operation, past the pipeline's checks: the body validated
 * against the caller's version of the official schema, mapped to the
 * canonical model, handed to the checkout service, and the session mapped
 * back to the caller's version.
 */
import { validateRequest } from "../acp/schemas.server";
import {
  fromCanonicalSession,
  toCanonicalRequest,
  type MappingContext,
} from "../acp/version-mapping";
import { LATEST_VERSION, type ApiVersion } from "../acp/versions";
import type {
  CancelRequest,
  CreateRequest,
  UpdateRequest,
} from "../acp/wire-types";
import type { CheckoutResult } from "../checkout/checkout-sessions.server";
import { STRIPE_CARD_HANDLER_ID } from "../checkout/session-view";
import { getShopCheckoutProfile } from "../checkout/shop-checkout-profile.server";
import type { Logger } from "../lib/logger.server";
import type { AcpRoute } from "./acp-routes";
import {
  textResponse,
  type AcpDeps,
  type AcpHttpResponse,
} from "./handle-acp-request.server";

export async function runOperation(
  deps: AcpDeps,
  route: AcpRoute,
  version: ApiVersion,
  body: unknown,
  log: Logger,
): Promise<AcpHttpResponse> {
  const { shop, operation } = route;
  const id = route.sessionId ?? "";
  if (operation === "get") {
    return answer(200, version, "get", await deps.checkout.get(shop, id), log);
  }
  if (operation === "discovery") throw new Error("discovery has no body");

  const context = await mappingContext(deps, route, version);
  const request = canonicalRequest(version, operation, body, context);
  if (operation === "complete")
    return deps.checkout.prepareCompletion(shop, id);

  const result =
    operation === "create"
      ? await deps.checkout.create(shop, version, request as CreateRequest, log)
      : operation === "update"
        ? await deps.checkout.update(shop, id, request as UpdateRequest, log)
        : await deps.checkout.cancel(shop, id, request as CancelRequest, log);
  const status = operation === "create" ? 201 : 200;

  return answer(status, version, operation, result, log);
}

function canonicalRequest(
  version: ApiVersion,
  operation: "create" | "update" | "cancel" | "complete",
  body: unknown,
  context: MappingContext,
) {
  const validation = validateRequest(version, operation, body);
  if (!validation.ok) throw validation.error;

  return toCanonicalRequest(version, operation, validation.value, context);
}

/**
 * What an older version's request leaves out: the shop's currency (create
 * had none before 2026-01-30), the card handler legacy payment data pays
 * with, and the session an update names options of by id only.
 */
async function mappingContext(
  deps: AcpDeps,
  route: AcpRoute,
  version: ApiVersion,
): Promise<MappingContext> {
  const profile = await getShopCheckoutProfile(route.shop);
  const context = {
    shopCurrency: profile.currency ?? "usd",
    cardHandlerId: STRIPE_CARD_HANDLER_ID,
  };
  const needsSession =
    version !== LATEST_VERSION &&
    route.sessionId !== null &&
    route.operation !== "cancel";
  if (!needsSession) return context;

  const { session } = await deps.checkout.get(
    route.shop,
    route.sessionId ?? "",
  );

  return { ...context, session };
}

function answer(
  status: number,
  version: ApiVersion,
  operation: "create" | "update" | "cancel" | "get",
  result: CheckoutResult,
  log: Logger,
): AcpHttpResponse {
  if (result.costPoints > 0) {
    log.debug("checkout priced by Shopify", {
      operation,
      costPoints: result.costPoints,
    });
  }

  // The canonical model is 2026-04-17 itself: nothing to map (the
  // conformance tests hold the session to that version's schema).
  const body =
    version === LATEST_VERSION
      ? serialized(result.session)
      : JSON.stringify(
          fromCanonicalSession(version, operation, result.session),
        );

  return textResponse(status, body, {
    "Server-Timing": `shopify;dur=${result.shopifyMs.toFixed(2)}`,
  });
}

/** A session kept by the service (an unchanged GET) is written out once. */
const texts = new WeakMap<object, string>();

function serialized(session: object): string {
  const kept = texts.get(session);
  if (kept !== undefined) return kept;

  const text = JSON.stringify(session);
  texts.set(session, text);

  return text;
}
