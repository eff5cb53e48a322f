/**
 * Well-formed request bodies of every supported ACP version, spelled as
 * that version's schema spells them (app/acp/spec/<version>/), for a
 * session that buys the catalog's shirt and ships it to California.
 * Plain objects: each call returns fresh copies a test may change.
 */
import type { ApiVersion } from "../../app/acp/versions";
import { STRIPE_CARD_HANDLER_ID } from "../../app/checkout/session-view";
import { ADDRESSES, type CheckoutCatalog } from "./checkout";

export type JsonBody = { [key: string]: unknown };

export interface VersionBodies {
  /** Asks for one shirt, with a buyer and an address. */
  create: JsonBody;
  /** Chooses the standard shipping rate: the session becomes ready. */
  selectShipping: JsonBody;
  complete: JsonBody;
  cancel: JsonBody;
}

/** The emulated shop's cheapest rate (tests/emulators/shopify). */
export const STANDARD_SHIPPING = "shipping_standard";

const LEGACY_BUYER = {
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@example.com",
};

const LEGACY_PAYMENT = {
  token: "spt_123",
  provider: "stripe",
  billing_address: ADDRESSES.CA,
};

const HANDLER_PAYMENT = {
  handler_id: STRIPE_CARD_HANDLER_ID,
  instrument: {
    type: "card",
    credential: { type: "spt", token: "spt_123" },
  },
  billing_address: ADDRESSES.CA,
};

const INTENT_TRACE = {
  intent_trace: { reason_code: "comparison", trace_summary: "Later." },
};

type BodiesOf = (catalog: CheckoutCatalog) => VersionBodies;

/** 2025-09-29: `items`, a flat address, one fulfillment option id. */
const bodies20250929: BodiesOf = (catalog) => ({
  create: {
    items: [{ id: catalog.shirt, quantity: 1 }],
    buyer: LEGACY_BUYER,
    fulfillment_address: ADDRESSES.CA,
  },
  selectShipping: { fulfillment_option_id: STANDARD_SHIPPING },
  complete: { payment_data: LEGACY_PAYMENT },
  cancel: {},
});

/** 2025-12-12 and 2026-01-16: `fulfillment_details`, nested options. */
const bodies20251212: BodiesOf = (catalog) => ({
  create: {
    items: [{ id: catalog.shirt, quantity: 1 }],
    buyer: LEGACY_BUYER,
    fulfillment_details: { address: ADDRESSES.CA },
  },
  selectShipping: {
    selected_fulfillment_options: [
      {
        type: "shipping",
        shipping: { option_id: STANDARD_SHIPPING, item_ids: [catalog.shirt] },
      },
    ],
  },
  complete: { payment_data: LEGACY_PAYMENT },
  cancel: INTENT_TRACE,
});

/** 2026-01-30 and later: `line_items`, currency, capabilities, handlers. */
const bodies20260130: BodiesOf = (catalog) => ({
  create: {
    currency: "usd",
    line_items: [{ id: catalog.shirt, quantity: 1 }],
    capabilities: { interventions: { supported: ["3ds"] } },
    buyer: { email: "ada@example.com" },
    fulfillment_details: { address: ADDRESSES.CA },
  },
  selectShipping: {
    selected_fulfillment_options: [
      {
        type: "shipping",
        option_id: STANDARD_SHIPPING,
        item_ids: [catalog.shirt],
      },
    ],
  },
  complete: { payment_data: HANDLER_PAYMENT },
  cancel: INTENT_TRACE,
});

const BODIES: Record<ApiVersion, BodiesOf> = {
  "2025-09-29": bodies20250929,
  "2025-12-12": bodies20251212,
  "2026-01-16": bodies20251212,
  "2026-01-30": bodies20260130,
  "2026-04-17": bodies20260130,
};

export function requestBodiesFor(
  version: ApiVersion,
  catalog: CheckoutCatalog,
): VersionBodies {
  return structuredClone(BODIES[version](catalog));
}
