/**
 * The v1 endpoints the emulator serves. Anything else is Stripe's 404
 * "Unrecognized request URL".
 */
import { retrieveCharge } from "./charges";
import type { Handler, Route } from "./context";
import { notFound } from "./errors";
import {
  createGrantedToken,
  retrieveGrantedToken,
  revokeGrantedToken,
} from "./granted-tokens";
import { listHandler } from "./listing";
import {
  cancelPaymentIntent,
  capturePaymentIntent,
  confirmPaymentIntent,
  createPaymentIntent,
  retrievePaymentIntent,
  updatePaymentIntent,
} from "./payment-intents";
import { createRefund, retrieveRefund } from "./refunds";

const ID = "([^/]+)";

function route(method: Route["method"], path: string, handler: Handler): Route {
  return { method, pattern: new RegExp(`^${path}$`), handler };
}

const retrievePaymentMethod: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand"]);
  const pm = ctx.state.paymentMethods.get(id);
  if (!pm) throw notFound("PaymentMethod", id);
  return pm;
};

const retrieveEvent: Handler = (ctx, params, [id = ""]) => {
  params.allowOnly(["expand"]);
  const stored = ctx.state.events.get(id);
  if (!stored) throw notFound("event", id);
  return JSON.parse(stored.payload);
};

const listEvents = listHandler(
  "/v1/events",
  (ctx) => [...ctx.state.events.values()].map((s) => s.event),
  { type: (event, value) => event.type === value },
);

const listPaymentIntents = listHandler("/v1/payment_intents", (ctx) =>
  ctx.state.paymentIntents.values(),
);

const listRefunds = listHandler(
  "/v1/refunds",
  (ctx) => ctx.state.refunds.values(),
  {
    payment_intent: (refund, value) => refund.payment_intent === value,
    charge: (refund, value) => refund.charge === value,
  },
);

const listCharges = listHandler(
  "/v1/charges",
  (ctx) => ctx.state.charges.values(),
  {
    payment_intent: (charge, value) => charge.payment_intent === value,
  },
);

const PI = "/v1/payment_intents";
const SPT_HELPERS = "/v1/test_helpers/shared_payment/granted_tokens";

export const ROUTES: readonly Route[] = [
  route("POST", PI, createPaymentIntent),
  route("GET", PI, listPaymentIntents),
  route("GET", `${PI}/${ID}`, retrievePaymentIntent),
  route("POST", `${PI}/${ID}`, updatePaymentIntent),
  route("POST", `${PI}/${ID}/confirm`, confirmPaymentIntent),
  route("POST", `${PI}/${ID}/capture`, capturePaymentIntent),
  route("POST", `${PI}/${ID}/cancel`, cancelPaymentIntent),
  route("POST", "/v1/refunds", createRefund),
  route("GET", "/v1/refunds", listRefunds),
  route("GET", `/v1/refunds/${ID}`, retrieveRefund),
  route("GET", "/v1/charges", listCharges),
  route("GET", `/v1/charges/${ID}`, retrieveCharge),
  route("GET", `/v1/payment_methods/${ID}`, retrievePaymentMethod),
  route("GET", `/v1/shared_payment/granted_tokens/${ID}`, retrieveGrantedToken),
  route("POST", SPT_HELPERS, createGrantedToken),
  route("POST", `${SPT_HELPERS}/${ID}/revoke`, revokeGrantedToken),
  route("GET", "/v1/events", listEvents),
  route("GET", `/v1/events/${ID}`, retrieveEvent),
];

export function findRoute(
  method: string,
  path: string,
): { handler: Handler; ids: string[] } | null {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match)
      return {
        handler: candidate.handler,
        ids: match.slice(1).map(decodeURIComponent),
      };
  }
  return null;
}
