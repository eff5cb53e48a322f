/**
 * Keeps the hand-written canonical types (app/acp/wire-types.ts) equal to
 * the 2026-04-17 schema. At compile time (`tsc`), each interface must
 * have exactly the property names of its `$defs` entry; at run time, a
 * minimal sample of each (only what the type requires) must validate, so
 * a field the schema requires cannot be optional in the type.
 */
import { describe, expect, it } from "vitest";
import { validateDefinition } from "../../app/acp/schemas.server";
import type schema from "../../app/acp/spec/2026-04-17/schema.agentic_checkout.json";
import type * as Wire from "../../app/acp/wire-types";
import {
  buildCompletedSession,
  buildSession,
  cardHandler,
} from "./session-factory";

type Defs = typeof schema.$defs;
type FieldsOf<N extends keyof Defs> = Defs[N] extends { properties: infer P }
  ? keyof P
  : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type FieldsMatch<T, N extends keyof Defs> = Same<keyof T, FieldsOf<N>>;

// Each line fails to compile if the type and the schema disagree on names.
export const fieldNameChecks = [
  true satisfies FieldsMatch<Wire.Address, "Address">,
  true satisfies FieldsMatch<Wire.Buyer, "Buyer">,
  true satisfies FieldsMatch<Wire.Item, "Item">,
  true satisfies Same<keyof Wire.RequestItem, FieldsOf<"Item"> | "quantity">,
  true satisfies FieldsMatch<Wire.LineItem, "LineItem">,
  true satisfies FieldsMatch<Wire.Total, "Total">,
  true satisfies FieldsMatch<
    Wire.FulfillmentOptionShipping,
    "FulfillmentOptionShipping"
  >,
  true satisfies FieldsMatch<
    Wire.FulfillmentOptionDigital,
    "FulfillmentOptionDigital"
  >,
  true satisfies FieldsMatch<
    Wire.FulfillmentOptionPickup,
    "FulfillmentOptionPickup"
  >,
  true satisfies FieldsMatch<
    Wire.FulfillmentOptionLocalDelivery,
    "FulfillmentOptionLocalDelivery"
  >,
  true satisfies FieldsMatch<
    Wire.SelectedFulfillmentOption,
    "SelectedFulfillmentOption"
  >,
  true satisfies FieldsMatch<Wire.FulfillmentDetails, "FulfillmentDetails">,
  true satisfies FieldsMatch<Wire.FulfillmentGroup, "FulfillmentGroup">,
  true satisfies FieldsMatch<Wire.MessageInfo, "MessageInfo">,
  true satisfies FieldsMatch<Wire.MessageWarning, "MessageWarning">,
  true satisfies FieldsMatch<Wire.MessageError, "MessageError">,
  true satisfies FieldsMatch<Wire.Link, "Link">,
  true satisfies FieldsMatch<Wire.Capabilities, "Capabilities">,
  true satisfies FieldsMatch<
    Wire.InterventionCapabilities,
    "InterventionCapabilities"
  >,
  true satisfies FieldsMatch<Wire.ExtensionDeclaration, "ExtensionDeclaration">,
  true satisfies FieldsMatch<Wire.PaymentHandler, "PaymentHandler">,
  true satisfies FieldsMatch<Wire.PaymentData, "PaymentData">,
  true satisfies FieldsMatch<Wire.DiscountsRequest, "DiscountsRequest">,
  true satisfies FieldsMatch<Wire.DiscountsResponse, "DiscountsResponse">,
  true satisfies FieldsMatch<Wire.AppliedDiscount, "AppliedDiscount">,
  true satisfies FieldsMatch<Wire.Coupon, "Coupon">,
  true satisfies FieldsMatch<Wire.Order, "Order">,
  true satisfies FieldsMatch<Wire.OrderLineItem, "OrderLineItem">,
  true satisfies FieldsMatch<Wire.Fulfillment, "Fulfillment">,
  true satisfies FieldsMatch<Wire.Adjustment, "Adjustment">,
  true satisfies FieldsMatch<
    Wire.AuthenticationMetadata,
    "AuthenticationMetadata"
  >,
  true satisfies FieldsMatch<Wire.AuthenticationResult, "AuthenticationResult">,
  true satisfies FieldsMatch<Wire.AffiliateAttribution, "AffiliateAttribution">,
  true satisfies FieldsMatch<
    Wire.MarketingConsentOption,
    "MarketingConsentOption"
  >,
  true satisfies FieldsMatch<Wire.CheckoutSession, "CheckoutSessionBase">,
  true satisfies FieldsMatch<
    Wire.CreateRequest,
    "CheckoutSessionCreateRequest"
  >,
  true satisfies FieldsMatch<
    Wire.UpdateRequest,
    "CheckoutSessionUpdateRequest"
  >,
  true satisfies FieldsMatch<
    Wire.CompleteRequest,
    "CheckoutSessionCompleteRequest"
  >,
  true satisfies FieldsMatch<Wire.CancelRequest, "CancelSessionRequest">,
  true satisfies FieldsMatch<Wire.IntentTrace, "IntentTrace">,
  true satisfies FieldsMatch<Wire.DiscoveryResponse, "DiscoveryResponse">,
  true satisfies FieldsMatch<
    Wire.DiscoveryCapabilities,
    "DiscoveryCapabilities"
  >,
  true satisfies FieldsMatch<Wire.DiscoveryProtocol, "DiscoveryProtocol">,
];

const address: Wire.Address = {
  name: "A",
  line_one: "1 Main St",
  city: "X",
  state: "IL",
  country: "US",
  postal_code: "1",
};
const total: Wire.Total = { type: "total", display_text: "Total", amount: 1 };
const order: Wire.Order = {
  id: "o",
  checkout_session_id: "cs",
  permalink_url: "https://shop.example/o",
};
const session: Wire.CheckoutSession = {
  id: "cs",
  capabilities: {},
  status: "incomplete",
  currency: "usd",
  line_items: [],
  fulfillment_options: [],
  totals: [],
  messages: [],
  links: [],
};

const minimalSamples: [string, unknown][] = [
  ["Address", address],
  ["Buyer", { email: "a@b.co" } satisfies Wire.Buyer],
  ["Item", { id: "v" } satisfies Wire.Item],
  [
    "LineItem",
    {
      id: "l",
      item: { id: "v" },
      quantity: 1,
      totals: [total],
    } satisfies Wire.LineItem,
  ],
  ["Total", total],
  [
    "FulfillmentOptionShipping",
    {
      type: "shipping",
      id: "s",
      title: "S",
      totals: [],
    } satisfies Wire.FulfillmentOptionShipping,
  ],
  [
    "FulfillmentOptionDigital",
    {
      type: "digital",
      id: "d",
      title: "D",
      totals: [],
    } satisfies Wire.FulfillmentOptionDigital,
  ],
  [
    "FulfillmentOptionPickup",
    {
      type: "pickup",
      id: "p",
      title: "P",
      location: { name: "L", address },
      totals: [],
    } satisfies Wire.FulfillmentOptionPickup,
  ],
  [
    "FulfillmentOptionLocalDelivery",
    {
      type: "local_delivery",
      id: "l",
      title: "L",
      totals: [],
    } satisfies Wire.FulfillmentOptionLocalDelivery,
  ],
  [
    "SelectedFulfillmentOption",
    {
      type: "pickup",
      option_id: "p",
      item_ids: [],
    } satisfies Wire.SelectedFulfillmentOption,
  ],
  ["FulfillmentDetails", {} satisfies Wire.FulfillmentDetails],
  [
    "MessageInfo",
    {
      type: "info",
      content_type: "plain",
      content: "c",
    } satisfies Wire.MessageInfo,
  ],
  [
    "MessageWarning",
    {
      type: "warning",
      code: "price_change",
      content_type: "plain",
      content: "c",
    } satisfies Wire.MessageWarning,
  ],
  [
    "MessageError",
    {
      type: "error",
      code: "out_of_stock",
      content_type: "plain",
      content: "c",
    } satisfies Wire.MessageError,
  ],
  [
    "Link",
    { type: "faq", url: "https://shop.example/faq" } satisfies Wire.Link,
  ],
  ["Capabilities", {} satisfies Wire.Capabilities],
  ["PaymentHandler", cardHandler],
  ["DiscountsResponse", {} satisfies Wire.DiscountsResponse],
  ["Order", order],
  ["CheckoutSession", session],
  ["CheckoutSession", buildSession()],
  [
    "CheckoutSessionWithOrder",
    { ...session, order } satisfies Wire.CheckoutSessionWithOrder,
  ],
  ["CheckoutSessionWithOrder", buildCompletedSession()],
  [
    "CheckoutSessionCreateRequest",
    {
      line_items: [{ id: "v", quantity: 1 }],
      currency: "usd",
      capabilities: {},
    } satisfies Wire.CreateRequest,
  ],
  ["CheckoutSessionUpdateRequest", {} satisfies Wire.UpdateRequest],
  [
    "CheckoutSessionCompleteRequest",
    {
      payment_data: { purchase_order_number: "po" },
    } satisfies Wire.CompleteRequest,
  ],
  ["CancelSessionRequest", {} satisfies Wire.CancelRequest],
];

describe("wire types", () => {
  it("are checked field by field at compile time", () => {
    expect(fieldNameChecks.every(Boolean)).toBe(true);
  });

  it.each(minimalSamples)("a sample %s validates", (definition, sample) => {
    expect(validateDefinition("2026-04-17", definition, sample)).toEqual([]);
  });

  it("refuses a sample without a required field", () => {
    const { currency: _currency, ...incomplete } = session;

    expect(
      validateDefinition("2026-04-17", "CheckoutSession", incomplete),
    ).toContainEqual(
      expect.objectContaining({ code: "missing", param: "$.currency" }),
    );
  });
});
