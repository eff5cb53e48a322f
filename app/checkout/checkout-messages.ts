/**
 * What stands between a session and payment, as messages the agent can act
 * on: each names the field to fix with a JSONPath `param`. A session with
 * no error message is ready for payment.
 */
import type { Message } from "../acp/wire-types";
import type { CheckoutState } from "./checkout-state";
import { isCountryCode } from "./draft-order-input";
import type { Quote } from "./quote";

type ErrorCode =
  | "missing"
  | "invalid"
  | "out_of_stock"
  | "quantity_exceeded"
  | "region_restricted"
  | "unsupported";

function error(code: ErrorCode, param: string, content: string): Message {
  return {
    type: "error",
    code,
    param,
    severity: "high",
    resolution: "requires_buyer_input",
    content_type: "plain",
    content,
  };
}

export function checkoutMessages(state: CheckoutState, quote: Quote) {
  return [
    ...currencyMessages(state, quote),
    ...stockMessages(quote),
    ...buyerMessages(state),
    ...fulfillmentMessages(state, quote),
    ...discountMessages(state, quote),
  ];
}

export function isReadyForPayment(messages: Message[]): boolean {
  return messages.every((message) => message.type !== "error");
}

function currencyMessages(state: CheckoutState, quote: Quote): Message[] {
  if (state.currency === quote.currency) return [];

  const currency = quote.currency.toUpperCase();

  return [
    error("unsupported", "$.currency", `This store sells in ${currency} only.`),
  ];
}

function stockMessages(quote: Quote): Message[] {
  return quote.lines.flatMap((line, i) => {
    const available = line.available_quantity;
    if (available === null || line.quantity <= available) return [];
    if (available === 0) {
      return [
        error(
          "out_of_stock",
          `$.line_items[${i}]`,
          `${line.name} is sold out.`,
        ),
      ];
    }

    return [
      error(
        "quantity_exceeded",
        `$.line_items[${i}].quantity`,
        `Only ${available} of ${line.name} can be bought.`,
      ),
    ];
  });
}

function buyerMessages(state: CheckoutState): Message[] {
  if (state.buyer?.email ?? state.fulfillment_details?.email) return [];

  return [error("missing", "$.buyer.email", "The buyer's email is needed.")];
}

function fulfillmentMessages(state: CheckoutState, quote: Quote): Message[] {
  if (!quote.lines.some((line) => line.requires_shipping)) return [];

  const address = state.fulfillment_details?.address;
  if (!address) {
    return [
      error(
        "missing",
        "$.fulfillment_details.address",
        "A shipping address is needed.",
      ),
    ];
  }
  if (!isCountryCode(address.country)) {
    return [
      error(
        "invalid",
        "$.fulfillment_details.address.country",
        `${address.country} is not an ISO 3166-1 country code.`,
      ),
    ];
  }
  if (quote.shipping_rates.length === 0) {
    return [
      error(
        "region_restricted",
        "$.fulfillment_details.address.country",
        `This store does not ship to ${address.country.toUpperCase()}.`,
      ),
    ];
  }

  return selectionMessages(state, quote);
}

function selectionMessages(state: CheckoutState, quote: Quote): Message[] {
  const selections = state.selected_fulfillment_options ?? [];
  const shipping = selections.findIndex((option) => option.type === "shipping");
  const selected = selections[shipping];
  if (!selected) {
    return [
      error(
        "missing",
        "$.selected_fulfillment_options",
        "Choose one of the shipping options.",
      ),
    ];
  }
  if (quote.shipping?.option_id === selected.option_id) return [];

  return [
    error(
      "invalid",
      `$.selected_fulfillment_options[${shipping}].option_id`,
      `Shipping option ${selected.option_id} is not available for this cart.`,
    ),
  ];
}

/** Rejected codes warn; the session can still be paid without them. */
function discountMessages(state: CheckoutState, quote: Quote): Message[] {
  return quote.discounts.rejected.map((rejection) => ({
    type: "warning",
    code: rejection.reason,
    param: `$.discounts.codes[${Math.max(state.discount_codes.indexOf(rejection.code), 0)}]`,
    severity: "low",
    resolution: "requires_buyer_input",
    content_type: "plain",
    content: rejection.message,
  }));
}
