/**
 * 2026-01-30 ⇄ 2026-01-16, the big break (changelog/2026-01-30.md):
 * `items` became `line_items`, `payment_provider` became capabilities with
 * payment handlers, `payment_data` became a handler instrument, selected
 * fulfillment options flattened, line items moved to `totals[]`, and the
 * status, message, link and total enums grew.
 */
import {
  isJsonObject,
  objectsIn,
  omit,
  stringAt,
  withField,
  type JsonObject,
} from "./json";
import { amountOf, mapTotals } from "./totals";
import type { MappingContext, VersionStep } from "./version-step";

export const step20260116: VersionStep = {
  version: "2026-01-16",

  upRequest(operation, body, context) {
    if (operation === "create") return upCreate(body, context);
    if (operation === "update") return upUpdate(body);
    if (operation === "complete") return upComplete(body, context);

    return body;
  },

  downSession(session) {
    const steps = [
      downStatus,
      withPaymentProvider,
      downLineItems,
      downSessionTotals,
      downFulfillmentOptions,
      downSelectedOptions,
      downMessages,
      downLinks,
      downBuyer,
    ];

    return steps.reduce((result, step) => step(result), session);
  },
};

/**
 * 2025-12-12 and 2026-01-16 define the 3-D Secure round trip
 * (`authentication_required`, `authentication_result`), so their agents
 * handle 3DS; an earlier step may already have said otherwise.
 */
const LEGACY_AGENT_CAPABILITIES = { interventions: { supported: ["3ds"] } };

function upCreate(body: JsonObject, context: MappingContext): JsonObject {
  return {
    ...omit(body, ["items"]),
    line_items: requestLineItems(body.items),
    currency: context.shopCurrency.toLowerCase(),
    capabilities: body.capabilities ?? LEGACY_AGENT_CAPABILITIES,
  };
}

function upUpdate(body: JsonObject): JsonObject {
  let result = omit(body, ["items"]);
  if (body.items !== undefined) {
    result = { ...result, line_items: requestLineItems(body.items) };
  }
  if (body.selected_fulfillment_options === undefined) return result;

  return {
    ...result,
    selected_fulfillment_options: objectsIn(
      body.selected_fulfillment_options,
    ).map(flatSelectedOption),
  };
}

function requestLineItems(items: unknown): JsonObject[] {
  return objectsIn(items).map((item) => ({
    id: item.id,
    quantity: item.quantity,
  }));
}

/** `{type, shipping: {option_id, item_ids}}` → `{type, option_id, ...}`. */
function flatSelectedOption(option: JsonObject): JsonObject {
  const type = stringAt(option, "type") ?? "";
  const nested = isJsonObject(option[type]) ? option[type] : {};

  return { type, option_id: nested.option_id, item_ids: nested.item_ids };
}

function upComplete(body: JsonObject, context: MappingContext): JsonObject {
  const result = withField(
    body,
    "payment_data",
    handlerPaymentData(body.payment_data, context),
  );

  return withField(
    result,
    "authentication_result",
    upAuthenticationResult(result.authentication_result),
  );
}

/**
 * Legacy `{token, provider: "stripe", billing_address}` is a Stripe shared
 * payment token for a card: the canonical form names the seller's card
 * handler and an `spt` credential (rfc.payment_handlers.md).
 */
function handlerPaymentData(
  paymentData: unknown,
  context: MappingContext,
): unknown {
  if (!isJsonObject(paymentData) || paymentData.handler_id !== undefined) {
    return paymentData;
  }
  const credential = { type: "spt", token: paymentData.token };

  return withField(
    {
      handler_id: context.cardHandlerId,
      instrument: { type: "card", credential },
    },
    "billing_address",
    paymentData.billing_address,
  );
}

/**
 * 2026-01-16 had its own outcome names; later versions (and 2025-12-12)
 * use the 3DS vocabulary. The two sets share only `authenticated` and
 * `rejected`, so mapping the others is unambiguous.
 */
const OUTCOMES_FROM_2026_01_16: Record<string, string> = {
  failed: "denied",
  unavailable: "not_supported",
  attempt: "attempt_acknowledged",
};

function upAuthenticationResult(result: unknown): unknown {
  if (!isJsonObject(result)) return result;
  const outcome = OUTCOMES_FROM_2026_01_16[stringAt(result, "outcome") ?? ""];

  return outcome ? { ...result, outcome } : result;
}

/**
 * Statuses added in 2026-01-30 (no semantics in the RFCs yet, issue #96)
 * map to the nearest 2026-01-16 status by what the agent may do next:
 * nothing to pay yet → not_ready_for_payment; completion under way →
 * in_progress; expired → canceled, the terminal state that also forbids
 * every further call.
 */
const STATUS_2026_01_16: Record<string, string> = {
  incomplete: "not_ready_for_payment",
  requires_escalation: "not_ready_for_payment",
  pending_approval: "not_ready_for_payment",
  complete_in_progress: "in_progress",
  expired: "canceled",
};

function downStatus(session: JsonObject): JsonObject {
  const status = stringAt(session, "status") ?? "";

  return { ...session, status: STATUS_2026_01_16[status] ?? status };
}

const CARD_NETWORKS = ["amex", "discover", "mastercard", "visa"];

/**
 * Before handlers, the seller advertised `payment_provider` (Stripe, card)
 * and, in 2026-01-16, `authentication_provider` for 3DS. Both require the
 * PSP merchant id, which the card handler's config carries.
 */
function withPaymentProvider(session: JsonObject): JsonObject {
  const handler = stripeCardHandler(session.capabilities);
  const config = isJsonObject(handler?.config) ? handler.config : {};
  const merchantId = stringAt(config, "merchant_id");
  if (merchantId === undefined) return session;

  const networks = cardNetworks(config);
  const result = {
    ...session,
    payment_provider: {
      provider: "stripe",
      merchant_id: merchantId,
      supported_payment_methods: [
        { type: "card", supported_card_networks: networks },
      ],
    },
  };
  if (!supports3ds(session.capabilities)) return result;

  return { ...result, authentication_provider: stripe3ds(merchantId) };
}

function stripe3ds(merchantId: string): JsonObject {
  return {
    provider: "stripe",
    merchant_id: merchantId,
    supported_authentication_methods: ["3ds"],
  };
}

function stripeCardHandler(capabilities: unknown): JsonObject | undefined {
  const payment = isJsonObject(capabilities) ? capabilities.payment : undefined;
  const handlers = isJsonObject(payment) ? objectsIn(payment.handlers) : [];

  return handlers.find(
    (handler) =>
      handler.name === "dev.acp.tokenized.card" && handler.psp === "stripe",
  );
}

function cardNetworks(config: JsonObject): string[] {
  const brands = Array.isArray(config.accepted_brands)
    ? config.accepted_brands
    : CARD_NETWORKS;
  const networks = CARD_NETWORKS.filter((name) => brands.includes(name));

  return networks.length > 0 ? networks : CARD_NETWORKS;
}

function supports3ds(capabilities: unknown): boolean {
  const interventions = isJsonObject(capabilities)
    ? capabilities.interventions
    : undefined;
  const supported = isJsonObject(interventions)
    ? interventions.supported
    : undefined;

  return Array.isArray(supported) && supported.includes("3ds");
}

function downLineItems(session: JsonObject): JsonObject {
  return {
    ...session,
    line_items: objectsIn(session.line_items).map(downLineItem),
  };
}

/**
 * Before 2026-01-30 a line item carried five required amounts instead of
 * `totals[]`. Each is read from the matching total, or derived from the
 * others when the seller did not list it.
 */
function downLineItem(line: JsonObject): JsonObject {
  const quantity = typeof line.quantity === "number" ? line.quantity : 1;
  const item = isJsonObject(line.item) ? line.item : {};

  return {
    ...line,
    item: { id: item.id, quantity },
    ...legacyAmounts(line, quantity),
  };
}

function legacyAmounts(line: JsonObject, quantity: number): JsonObject {
  const totals = line.totals;
  const base = amountOf(totals, "items_base_amount") ?? baseOf(line, quantity);
  const discount =
    amountOf(totals, "items_discount") ?? amountOf(totals, "discount") ?? 0;
  const subtotal = amountOf(totals, "subtotal") ?? base - discount;
  const tax = amountOf(totals, "tax") ?? 0;
  const total = amountOf(totals, "total") ?? subtotal + tax;

  return { base_amount: base, discount, subtotal, tax, total };
}

function baseOf(line: JsonObject, quantity: number): number {
  if (typeof line.unit_amount === "number") return line.unit_amount * quantity;

  return amountOf(line.totals, "subtotal") ?? 0;
}

const TOTAL_TYPES_2026_01_16 = [
  "items_base_amount",
  "items_discount",
  "subtotal",
  "discount",
  "fulfillment",
  "tax",
  "fee",
  "total",
];

/**
 * Gift wrap and tips are charges on top of the goods, like a fee; store
 * credit lowers what the buyer pays, like a discount.
 */
const TOTAL_RENAMES_2026_01_16 = {
  gift_wrap: "fee",
  tip: "fee",
  store_credit: "discount",
};

function legacyTotals(totals: unknown): unknown {
  return mapTotals(totals, TOTAL_TYPES_2026_01_16, TOTAL_RENAMES_2026_01_16);
}

function downSessionTotals(session: JsonObject): JsonObject {
  return { ...session, totals: legacyTotals(session.totals) };
}

/** Pickup and local delivery arrived in 2026-01-30: not shown before. */
function downFulfillmentOptions(session: JsonObject): JsonObject {
  const options = objectsIn(session.fulfillment_options)
    .filter((option) => option.type === "shipping" || option.type === "digital")
    .map((option) => ({ ...option, totals: legacyTotals(option.totals) }));

  return { ...session, fulfillment_options: options };
}

function downSelectedOptions(session: JsonObject): JsonObject {
  if (session.selected_fulfillment_options === undefined) return session;
  const selected = objectsIn(session.selected_fulfillment_options)
    .filter((option) => option.type === "shipping" || option.type === "digital")
    .map((option) => ({
      type: option.type,
      [String(option.type)]: {
        option_id: option.option_id,
        item_ids: option.item_ids,
      },
    }));

  return { ...session, selected_fulfillment_options: selected };
}

/**
 * 2026-01-16 knows six error codes. Newer codes map to the nearest one an
 * older agent acts on: stock problems → out_of_stock; a required
 * intervention (3DS is the only one these agents know) → requires_3ds;
 * everything else the buyer must change → invalid.
 */
const ERROR_CODES_2026_01_16: Record<string, string> = {
  missing: "missing",
  invalid: "invalid",
  out_of_stock: "out_of_stock",
  payment_declined: "payment_declined",
  requires_sign_in: "requires_sign_in",
  requires_3ds: "requires_3ds",
  low_stock: "out_of_stock",
  intervention_required: "requires_3ds",
};

function downMessages(session: JsonObject): JsonObject {
  return {
    ...session,
    messages: objectsIn(session.messages).map(downMessage),
  };
}

/** Warnings arrived in 2026-01-30; before, the nearest is an info message. */
function downMessage(message: JsonObject): JsonObject {
  if (message.type === "warning") {
    return { ...omit(message, ["code"]), type: "info" };
  }
  if (message.type !== "error") return message;
  const code = stringAt(message, "code") ?? "";

  return { ...message, code: ERROR_CODES_2026_01_16[code] ?? "invalid" };
}

const LINK_TYPES_2026_01_16 = [
  "terms_of_use",
  "privacy_policy",
  "return_policy",
];

function downLinks(session: JsonObject): JsonObject {
  const links = objectsIn(session.links).filter((link) =>
    LINK_TYPES_2026_01_16.includes(stringAt(link, "type") ?? ""),
  );

  return { ...session, links };
}

/**
 * Before 2026-01-30 a buyer needed first and last name. A full name is
 * split at its last space; without any name the buyer is left out (it is
 * optional) rather than sent with made-up names.
 */
function downBuyer(session: JsonObject): JsonObject {
  if (!isJsonObject(session.buyer)) return session;
  const buyer = session.buyer;
  const [first, last] = namesOf(buyer);
  if (!first || !last) return omit(session, ["buyer"]);

  return {
    ...session,
    buyer: { ...buyer, first_name: first, last_name: last },
  };
}

function namesOf(buyer: JsonObject): [string?, string?] {
  const first = stringAt(buyer, "first_name");
  const last = stringAt(buyer, "last_name");
  if (first && last) return [first, last];

  const full = (stringAt(buyer, "full_name") ?? "").trim();
  const split = full.lastIndexOf(" ");
  if (split <= 0) return [first, last];

  return [first ?? full.slice(0, split), last ?? full.slice(split + 1)];
}
