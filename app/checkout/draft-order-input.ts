/**
 * The checkout state as Shopify's DraftOrderInput: variants by id, the
 * shipping address, the chosen rate's handle, discount codes and email.
 */
import type { Address } from "../acp/wire-types";
import type {
  CountryCode,
  DraftOrderInput,
  MailingAddressInput,
} from "../types/admin.types";
import type { CheckoutState } from "./checkout-state";

export function variantGid(itemId: string): string {
  return `gid://shopify/ProductVariant/${itemId}`;
}

/**
 * Shopify's `DraftOrderLineItemInput.quantity` is a GraphQL `Int`, 32 bits
 * signed: a larger quantity cannot even be asked for.
 */
export const MAX_LINE_QUANTITY = 2_147_483_647;

/** Item ids are the feed's variant ids: positive whole numbers. */
export function isItemId(itemId: string): boolean {
  return /^[1-9]\d{0,19}$/.test(itemId);
}

export function draftOrderInput(
  state: CheckoutState,
  shippingRateHandle: string | null,
): DraftOrderInput {
  const address = state.fulfillment_details?.address;
  const email = state.buyer?.email ?? state.fulfillment_details?.email;

  return {
    lineItems: state.line_items.map((line) => ({
      variantId: variantGid(line.id),
      quantity: line.quantity,
      uuid: line.id,
    })),
    ...(email && { email }),
    ...(address &&
      isCountryCode(address.country) && {
        shippingAddress: mailingAddress(
          address,
          state.fulfillment_details?.phone_number,
        ),
      }),
    ...(shippingRateHandle && { shippingLine: { shippingRateHandle } }),
    ...(state.discount_codes.length > 0 && {
      discountCodes: state.discount_codes,
    }),
  };
}

function mailingAddress(
  address: Address,
  phone: string | undefined,
): MailingAddressInput {
  const [firstName, ...rest] = address.name.trim().split(/\s+/);

  return {
    firstName: rest.length > 0 ? firstName : undefined,
    lastName: rest.length > 0 ? rest.join(" ") : firstName,
    company: address.company,
    address1: address.line_one,
    address2: address.line_two || undefined,
    city: address.city,
    provinceCode: address.state,
    countryCode: address.country.toUpperCase() as CountryCode,
    zip: address.postal_code,
    phone,
  };
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
/** ICU's answer per code, kept: asking costs more than the rest of a quote. */
const knownRegions = new Map<string, boolean>();

/** ISO 3166-1 alpha-2, as Shopify's CountryCode enum takes them. */
export function isCountryCode(country: string): boolean {
  if (!/^[A-Za-z]{2}$/.test(country)) return false;

  const code = country.toUpperCase();
  let known = knownRegions.get(code);
  if (known === undefined) {
    known = regionNames.of(code) !== code;
    knownRegions.set(code, known);
  }

  return known;
}
