/**
 * What the agent has asked for in a checkout session, in the canonical
 * (2026-04-17) terms: the cart, the buyer, where it goes, the chosen
 * fulfilment and the discount codes. Stored as is; Shopify's price for it
 * is kept beside it (quote.ts). Create builds it; each update replaces the
 * fields it names and leaves the others alone.
 */
import type {
  Buyer,
  Capabilities,
  CreateRequest,
  FulfillmentDetails,
  SelectedFulfillmentOption,
  UpdateRequest,
} from "../acp/wire-types";

export interface RequestedLine {
  /** The item id the product feed publishes: the variant's numeric id. */
  id: string;
  quantity: number;
}

export interface CheckoutState {
  currency: string;
  line_items: RequestedLine[];
  buyer?: Buyer;
  fulfillment_details?: FulfillmentDetails;
  selected_fulfillment_options?: SelectedFulfillmentOption[];
  discount_codes: string[];
  /** What the agent can do (interventions, extensions it understands). */
  agent_capabilities?: Capabilities;
  locale?: string;
  timezone?: string;
  metadata?: Record<string, unknown>;
  order_notes?: string;
}

export function stateFromCreate(request: CreateRequest): CheckoutState {
  return {
    currency: request.currency.toLowerCase(),
    line_items: mergeLines(request.line_items),
    buyer: request.buyer,
    fulfillment_details: request.fulfillment_details,
    discount_codes: discountCodesOf(request) ?? [],
    agent_capabilities: request.capabilities,
    locale: request.locale,
    timezone: request.timezone,
    metadata: request.metadata,
    order_notes: request.order_notes,
  };
}

/** The state after an update: named fields replace, absent ones stay. */
export function applyUpdate(
  state: CheckoutState,
  request: UpdateRequest,
): CheckoutState {
  const next: CheckoutState = { ...state };
  if (request.line_items) next.line_items = mergeLines(request.line_items);
  if (request.buyer) next.buyer = request.buyer;
  if (request.fulfillment_details) {
    next.fulfillment_details = request.fulfillment_details;
  }
  if (request.selected_fulfillment_options) {
    next.selected_fulfillment_options = request.selected_fulfillment_options;
  }
  const codes = discountCodesOf(request);
  if (codes) next.discount_codes = codes;
  if (request.order_notes !== undefined) next.order_notes = request.order_notes;

  return next;
}

/**
 * Whether two states ask Shopify for the same shipment: the same lines and
 * the same address, on which Shopify's shipping rate handles depend.
 */
export function shipsSameCart(a: CheckoutState, b: CheckoutState): boolean {
  return (
    JSON.stringify(a.line_items) === JSON.stringify(b.line_items) &&
    JSON.stringify(a.fulfillment_details?.address) ===
      JSON.stringify(b.fulfillment_details?.address)
  );
}

/**
 * `discounts.codes` replaces the codes ("send an empty array to clear");
 * the deprecated `coupons` still counts when it comes alone.
 */
function discountCodesOf(
  request: Pick<CreateRequest, "discounts" | "coupons">,
): string[] | undefined {
  const codes = request.discounts?.codes ?? request.coupons;
  if (!codes) return undefined;

  return [...new Set(codes.map((code) => code.trim()).filter(Boolean))];
}

/**
 * One line per item: the spec leaves duplicate ids to the server
 * (acp issue #264), and adding their quantities is what a buyer means.
 * Request line items carry `quantity` only through the overlay on
 * spec/2026-04-17/json-schema/schema.agentic_checkout.json (Item has none).
 */
function mergeLines(
  items: { id: string; quantity?: number }[],
): RequestedLine[] {
  const lines = new Map<string, number>();
  for (const item of items) {
    lines.set(item.id, (lines.get(item.id) ?? 0) + (item.quantity ?? 1));
  }

  return [...lines].map(([id, quantity]) => ({ id, quantity }));
}
