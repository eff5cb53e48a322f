/**
 * The shipping line of a draft order: a rate chosen by its handle from the
 * rates quoted for this very cart, or a custom line (title and price).
 */
import type { ShopState } from "../store";
import type {
  MailingAddressRecord,
  ShippingLineRecord,
  ShippingRateOffer,
} from "../store-orders";
import type { PricedLine } from "./draft-lines";
import type { DraftOrderInput, UserErrorRecord } from "./inputs";
import { moneyBag, moneyV2, toCents } from "./money";
import { quoteShippingRates, type ShippingRateQuote } from "./shipping";

export interface SelectedShipping {
  offers: ShippingRateOffer[];
  line: ShippingLineRecord | null;
  /** After a free-shipping code. */
  priceCents: number;
  discountCents: number;
}

export interface ShippingContext {
  lines: PricedLine[];
  address: MailingAddressRecord | null;
  freeShipping: boolean;
}

export type ShippingSelection =
  | { ok: true; value: SelectedShipping }
  | { ok: false; userErrors: UserErrorRecord[] };

export function selectShippingLine(
  shop: ShopState,
  input: DraftOrderInput,
  context: ShippingContext,
): ShippingSelection {
  const quotes = quoteShippingRates(shop, context.lines, destination(context));
  const offers = quotes.map((quote) => ({
    handle: quote.handle,
    title: quote.rate.title,
    price: moneyV2(quote.priceCents, shop.currencyCode),
  }));
  const chosen = chosenLine(shop, input, quotes);
  if (chosen === "unknown-handle") {
    return { ok: false, userErrors: [unknownHandleError()] };
  }

  const original = chosen?.cents ?? 0;
  const discountCents = context.freeShipping ? original : 0;
  const line = chosen
    ? shippingLineRecord(shop, chosen, original - discountCents)
    : null;

  return {
    ok: true,
    value: {
      offers,
      line,
      priceCents: original - discountCents,
      discountCents,
    },
  };
}

function destination(context: ShippingContext) {
  const address = context.address;

  return address
    ? {
        countryCode: address.countryCodeV2,
        provinceCode: address.provinceCode,
        zip: address.zip,
      }
    : null;
}

interface ChosenLine {
  title: string;
  cents: number;
  code: string | null;
  source: string | null;
  handle: string | null;
}

function chosenLine(
  shop: ShopState,
  input: DraftOrderInput,
  quotes: ShippingRateQuote[],
): ChosenLine | "unknown-handle" | null {
  const wanted = input.shippingLine;
  if (!wanted) {
    return null;
  }

  if (wanted.shippingRateHandle) {
    const quote = quotes.find((q) => q.handle === wanted.shippingRateHandle);

    return quote ? fromQuote(quote) : "unknown-handle";
  }

  const price = wanted.priceWithCurrency?.amount ?? wanted.price ?? 0;
  const title = wanted.title?.trim() || "Shipping";

  return {
    title,
    cents: toCents(price),
    code: null,
    source: null,
    handle: null,
  };
}

function fromQuote(quote: ShippingRateQuote): ChosenLine {
  return {
    title: quote.rate.title,
    cents: quote.priceCents,
    code: quote.rate.code,
    source: quote.rate.source,
    handle: quote.handle,
  };
}

/**
 * A handle that is not one of this cart's rates (stale, or quoted for
 * another cart). The wording is the emulator's; the field is the input's.
 */
function unknownHandleError(): UserErrorRecord {
  return {
    field: ["shippingLine", "shippingRateHandle"],
    message: "Shipping rate is not available for this draft order.",
  };
}

function shippingLineRecord(
  shop: ShopState,
  chosen: ChosenLine,
  discountedCents: number,
): ShippingLineRecord {
  const currency = shop.currencyCode;

  return {
    id: null,
    title: chosen.title,
    code: chosen.code,
    source: chosen.source,
    custom: chosen.handle === null,
    shippingRateHandle: chosen.handle,
    carrierIdentifier: null,
    deliveryCategory: null,
    phone: null,
    isRemoved: false,
    originalPriceSet: moneyBag(chosen.cents, currency),
    discountedPriceSet: moneyBag(discountedCents, currency),
    currentDiscountedPriceSet: moneyBag(discountedCents, currency),
    taxLines: [],
    discountAllocations: [],
  };
}
