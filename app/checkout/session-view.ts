/**
 * The full, authoritative checkout session the agent receives, in the
 * canonical 2026-04-17 shape (older versions are mapped from it at the
 * edge): built from what the agent asked for, Shopify's quote, and the
 * shop's own policies and payment settings.
 */
import type {
  Capabilities,
  CheckoutSession,
  FulfillmentOption,
  LineItem,
  Link,
  Message,
  SelectedFulfillmentOption,
  Total,
} from "../acp/wire-types";
import type { CheckoutState } from "./checkout-state";
import type { ShopPolicyLink } from "../shops/shop-policies.server";
import type { Quote, QuoteLine } from "./quote";
import type { ShopCheckoutProfile } from "./shop-checkout-profile.server";

export type CheckoutStatus =
  | "not_ready_for_payment"
  | "ready_for_payment"
  | "completed"
  | "canceled"
  | "expired";

export interface SessionRecord {
  id: string;
  status: CheckoutStatus;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
}

export function sessionView(
  record: SessionRecord,
  state: CheckoutState,
  quote: Quote,
  messages: Message[],
  profile: ShopCheckoutProfile,
): CheckoutSession {
  const discountsActive = agentUsesDiscounts(state);

  return {
    id: record.id,
    protocol: { version: "2026-04-17" },
    capabilities: sellerCapabilities(state, profile, discountsActive),
    status: record.status,
    currency: quote.currency,
    ...(state.buyer && { buyer: state.buyer }),
    line_items: quote.lines.map(lineItem),
    ...(state.fulfillment_details && {
      fulfillment_details: state.fulfillment_details,
    }),
    fulfillment_options: fulfillmentOptions(quote),
    selected_fulfillment_options: selectedOptions(state, quote),
    totals: sessionTotals(quote),
    messages,
    links: policyLinks(profile.policies),
    ...(discountsActive && { discounts: discountsView(state, quote) }),
    ...(state.locale && { locale: state.locale }),
    ...(state.timezone && { timezone: state.timezone }),
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    expires_at: record.expiresAt.toISOString(),
  };
}

function total(type: Total["type"], display_text: string, amount: number) {
  return { type, display_text, amount };
}

function lineItem(line: QuoteLine): LineItem {
  return {
    id: `li_${line.item_id}`,
    item: { id: line.item_id, name: line.name, unit_amount: line.unit_amount },
    quantity: line.quantity,
    name: line.variant_title
      ? `${line.name} (${line.variant_title})`
      : line.name,
    ...(line.description && { description: line.description }),
    ...(line.image_url && { images: [line.image_url] }),
    unit_amount: line.unit_amount,
    product_id: line.product_id,
    variant_id: line.item_id,
    ...(line.sku && { sku: line.sku }),
    ...(line.variant_options.length > 0 && {
      variant_options: line.variant_options,
    }),
    availability_status: availability(line),
    ...(line.available_quantity !== null && {
      available_quantity: line.available_quantity,
    }),
    totals: [
      total("items_base_amount", "Base amount", line.base_amount),
      total("discount", "Discount", line.discount),
      total("subtotal", "Subtotal", line.subtotal),
      total("tax", "Tax", line.tax),
      total("total", "Total", line.total),
    ],
  };
}

function availability(line: QuoteLine) {
  if (line.available_quantity === null) return "in_stock";
  if (line.available_quantity === 0) return "out_of_stock";

  return line.available_quantity < 5 ? "low_stock" : "in_stock";
}

function sessionTotals(quote: Quote): Total[] {
  const totals = quote.totals;
  const shipped = quote.lines.some((line) => line.requires_shipping);

  return [
    total("items_base_amount", "Items", totals.items_base_amount),
    total("discount", "Discount", totals.discount),
    total("subtotal", "Subtotal", totals.subtotal),
    ...(shipped ? [total("fulfillment", "Shipping", totals.fulfillment)] : []),
    total("tax", quote.taxes_included ? "Included tax" : "Tax", totals.tax),
    total("total", "Total", totals.total),
  ];
}

const DIGITAL_OPTION_ID = "digital";

function fulfillmentOptions(quote: Quote): FulfillmentOption[] {
  const shipping = quote.shipping_rates.map((rate) => ({
    type: "shipping" as const,
    id: rate.option_id,
    title: rate.title,
    totals: [total("fulfillment", rate.title, rate.amount)],
  }));
  const digital = quote.lines.some((line) => !line.requires_shipping)
    ? [
        {
          type: "digital" as const,
          id: DIGITAL_OPTION_ID,
          title: "Digital delivery",
          totals: [total("fulfillment", "Digital delivery", 0)],
        },
      ]
    : [];

  return [...shipping, ...digital];
}

/** The agent's valid choices, plus digital delivery: the only way. */
function selectedOptions(
  state: CheckoutState,
  quote: Quote,
): SelectedFulfillmentOption[] {
  const shipped = quote.lines.filter((line) => line.requires_shipping);
  const digital = quote.lines.filter((line) => !line.requires_shipping);
  const chosen = quote.shipping?.option_id;

  return [
    ...(chosen && shipped.length > 0
      ? [
          {
            type: "shipping" as const,
            option_id: chosen,
            item_ids: shipped.map((line) => line.item_id),
          },
        ]
      : []),
    ...(digital.length > 0
      ? [
          {
            type: "digital" as const,
            option_id: DIGITAL_OPTION_ID,
            item_ids: digital.map((line) => line.item_id),
          },
        ]
      : []),
  ];
}

const POLICY_LINKS: Record<string, Link["type"]> = {
  REFUND_POLICY: "return_policy",
  PRIVACY_POLICY: "privacy_policy",
  TERMS_OF_SERVICE: "terms_of_use",
  SHIPPING_POLICY: "shipping_policy",
  CONTACT_INFORMATION: "contact_us",
};

function policyLinks(policies: ShopPolicyLink[]): Link[] {
  return policies.flatMap((policy) => {
    const type = POLICY_LINKS[policy.type];

    return type ? [{ type, url: policy.url }] : [];
  });
}

function agentUsesDiscounts(state: CheckoutState): boolean {
  const extensions = state.agent_capabilities?.extensions ?? [];
  const named = extensions.some((extension) =>
    typeof extension === "string"
      ? extension === "discount"
      : extension.name === "discount",
  );

  return named || state.discount_codes.length > 0;
}

/** Interventions both sides support; Stripe handles 3-D Secure. */
const SELLER_INTERVENTIONS = ["3ds"] as const;

function sellerCapabilities(
  state: CheckoutState,
  profile: ShopCheckoutProfile,
  discountsActive: boolean,
): Capabilities {
  const agent = state.agent_capabilities?.interventions?.supported ?? [];
  const supported = SELLER_INTERVENTIONS.filter((name) => agent.includes(name));

  return {
    payment: { handlers: [stripeCardHandler(profile)] },
    interventions: { supported, required: [], enforcement: "conditional" },
    ...(discountsActive && {
      extensions: [
        {
          name: "discount",
          extends: [
            "$.CheckoutSessionCreateRequest.discounts",
            "$.CheckoutSessionUpdateRequest.discounts",
            "$.CheckoutSession.discounts",
          ],
        },
      ],
    }),
  };
}

export const STRIPE_CARD_HANDLER_ID = "stripe_card";

/**
 * Stripe's tokenized card handler: the agent pays with a shared payment
 * token granted to the shop's Stripe account.
 */
function stripeCardHandler(profile: ShopCheckoutProfile) {
  return {
    id: STRIPE_CARD_HANDLER_ID,
    name: "dev.acp.tokenized.card",
    display_name: "Card",
    version: "2026-04-17",
    spec: "https://acp.dev/handlers/tokenized.card",
    requires_delegate_payment: true,
    requires_pci_compliance: false,
    psp: "stripe",
    config_schema:
      "https://acp.dev/schemas/handlers/tokenized.card/config.json",
    instrument_schemas: [
      "https://acp.dev/schemas/handlers/tokenized.card/instrument.json",
    ],
    config: {
      psp: "stripe",
      ...(profile.stripeAccountId && { merchant_id: profile.stripeAccountId }),
    },
  };
}

function discountsView(state: CheckoutState, quote: Quote) {
  return {
    codes: state.discount_codes,
    applied: quote.discounts.applied.map((discount) => ({
      id: `discount_${discount.code.toLowerCase()}`,
      code: discount.code,
      coupon: { id: discount.code, name: discount.code },
      amount: discount.amount,
    })),
    rejected: quote.discounts.rejected.map(({ code, reason, message }) => ({
      code,
      reason,
      message,
    })),
  };
}
