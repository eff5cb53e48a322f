/**
 * Canonical (2026-04-17) sessions for tests: plain objects with
 * overridable defaults. The default uses as many of the newer fields as
 * possible, so down-mapping has something to drop.
 */
import type {
  CheckoutSession,
  CheckoutSessionWithOrder,
  Order,
  PaymentHandler,
} from "../../app/acp/wire-types";

export const cardHandler: PaymentHandler = {
  id: "card_tokenized",
  name: "dev.acp.tokenized.card",
  display_name: "Card",
  version: "2026-01-30",
  spec: "https://acp.dev/handlers/tokenized.card",
  requires_delegate_payment: true,
  requires_pci_compliance: false,
  psp: "stripe",
  config_schema: "https://acp.dev/schemas/handlers/tokenized.card/config.json",
  instrument_schemas: [
    "https://acp.dev/schemas/handlers/tokenized.card/instrument.json",
  ],
  config: {
    merchant_id: "acct_123",
    psp: "stripe",
    accepted_brands: ["visa", "mastercard", "jcb"],
  },
  display_order: 1,
};

const address = {
  name: "Ada Lovelace",
  company: "Analytical Engines Ltd",
  line_one: "1 Main St",
  city: "Springfield",
  state: "IL",
  country: "US",
  postal_code: "62701",
};

export function buildSession(
  overrides: Partial<CheckoutSession> = {},
): CheckoutSession {
  return {
    id: "cs_1",
    protocol: { version: "2026-04-17" },
    capabilities: {
      payment: { handlers: [cardHandler] },
      interventions: { supported: ["3ds"], enforcement: "conditional" },
      extensions: [{ name: "discount" }],
    },
    buyer: { email: "ada@example.com", full_name: "Ada King Lovelace" },
    status: "ready_for_payment",
    currency: "usd",
    locale: "en-US",
    line_items: [
      {
        id: "li_1",
        item: { id: "gid-variant-1", name: "Mug", unit_amount: 1500 },
        quantity: 2,
        name: "Mug",
        unit_amount: 1500,
        sku: "MUG-1",
        totals: [
          { type: "items_base_amount", display_text: "Base", amount: 3000 },
          { type: "items_discount", display_text: "Discount", amount: 300 },
          { type: "subtotal", display_text: "Subtotal", amount: 2700 },
          { type: "tax", display_text: "Tax", amount: 216 },
          { type: "total", display_text: "Total", amount: 2916 },
        ],
      },
    ],
    fulfillment_details: {
      name: "Ada Lovelace",
      email: "ada@example.com",
      address,
    },
    fulfillment_options: [
      {
        type: "shipping",
        id: "ship_standard",
        title: "Standard",
        description: "3-5 days",
        totals: [
          { type: "fulfillment", display_text: "Shipping", amount: 500 },
          { type: "total", display_text: "Total", amount: 500 },
        ],
      },
      {
        type: "pickup",
        id: "pickup_store",
        title: "Pick up in store",
        location: { name: "Main store", address },
        totals: [{ type: "total", display_text: "Total", amount: 0 }],
      },
    ],
    selected_fulfillment_options: [
      {
        type: "shipping",
        option_id: "ship_standard",
        item_ids: ["gid-variant-1"],
      },
    ],
    totals: [
      { type: "subtotal", display_text: "Subtotal", amount: 2700 },
      { type: "gift_wrap", display_text: "Gift wrap", amount: 200 },
      { type: "tip", display_text: "Tip", amount: 100 },
      { type: "store_credit", display_text: "Store credit", amount: 100 },
      { type: "fulfillment", display_text: "Shipping", amount: 500 },
      { type: "tax", display_text: "Tax", amount: 216 },
      { type: "total", display_text: "Total", amount: 3616 },
    ],
    messages: [
      {
        type: "warning",
        code: "low_stock",
        content_type: "plain",
        content: "Only 3 left.",
        severity: "low",
        resolution: "requires_buyer_review",
      },
      {
        type: "error",
        code: "quantity_exceeded",
        param: "$.line_items[0].quantity",
        content_type: "plain",
        content: "At most 2 per order.",
        resolution: "recoverable",
      },
      { type: "info", content_type: "markdown", content: "**Thanks**" },
    ],
    links: [
      { type: "terms_of_use", url: "https://shop.example/terms", title: "T" },
      { type: "privacy_policy", url: "https://shop.example/privacy" },
      { type: "return_policy", url: "https://shop.example/returns" },
      { type: "shipping_policy", url: "https://shop.example/shipping" },
      { type: "contact_us", url: "https://shop.example/contact" },
    ],
    marketing_consent_options: [
      {
        channel: "email",
        display_text: "News by email",
        privacy_policy_url: "https://shop.example/privacy",
      },
    ],
    expires_at: "2026-05-01T00:00:00Z",
    ...overrides,
  };
}

export function buildOrder(overrides: Partial<Order> = {}): Order {
  return {
    type: "order",
    id: "ord_1",
    checkout_session_id: "cs_1",
    permalink_url: "https://shop.example/orders/1",
    status: "manual_review",
    confirmation: { confirmation_number: "1001", order_notes: "Leave it" },
    line_items: [
      {
        id: "oli_1",
        title: "Mug",
        quantity: { ordered: 2, current: 2 },
      },
    ],
    totals: [
      { type: "total", display_text: "Total", amount: 3616 },
      { type: "amount_refunded", display_text: "Refunded", amount: 0 },
    ],
    ...overrides,
  };
}

export function buildCompletedSession(
  overrides: Partial<CheckoutSession> = {},
): CheckoutSessionWithOrder {
  return {
    ...buildSession({ status: "completed", ...overrides }),
    order: buildOrder(),
  };
}
