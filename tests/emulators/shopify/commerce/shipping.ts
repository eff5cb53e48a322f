/**
 * Shipping rates for a cart, from the seeded rate table. Shopify's handles
 * are opaque signed tokens that embed the rate and the cart (notes §1.3);
 * here a handle is a hash of the rate, the shop, the destination and the
 * cart's lines, so a handle quoted for one cart does not select a rate for
 * another, and an app that parses handles learns nothing from them.
 */
import { createHash } from "node:crypto";
import type { ShippingRateRecord, ShopState } from "../store";
import { toCents } from "./money";

export interface ShippingCartLine {
  variantId: string | null;
  title: string;
  quantity: number;
  requiresShipping: boolean;
}

export interface ShippingDestination {
  countryCode: string | null;
  provinceCode: string | null;
  zip: string | null;
}

export interface ShippingRateQuote {
  rate: ShippingRateRecord;
  handle: string;
  priceCents: number;
}

export function quoteShippingRates(
  shop: ShopState,
  lines: ShippingCartLine[],
  destination: ShippingDestination | null,
): ShippingRateQuote[] {
  const country = destination?.countryCode;
  if (!destination || !country || !lines.some((l) => l.requiresShipping)) {
    return [];
  }

  const cartKey = cartFingerprint(lines, destination);
  const matching = shop.shippingRates.filter(
    (rate) =>
      rate.countryCodes.length === 0 || rate.countryCodes.includes(country),
  );

  return matching.map((rate) => ({
    rate,
    priceCents: toCents(rate.price),
    handle: rateHandle(shop, rate, cartKey),
  }));
}

function rateHandle(
  shop: ShopState,
  rate: ShippingRateRecord,
  cartKey: string,
): string {
  const material = [shop.domain, rate.handleSeed, rate.title, rate.price];

  return createHash("sha256")
    .update([...material, cartKey].join("\n"))
    .digest("hex");
}

function cartFingerprint(
  lines: ShippingCartLine[],
  destination: ShippingDestination,
): string {
  const shipped = lines
    .filter((line) => line.requiresShipping)
    .map((line) => `${line.variantId ?? line.title}x${line.quantity}`)
    .sort();
  const place = [
    destination.countryCode,
    destination.provinceCode,
    destination.zip,
  ];

  return [...shipped, place.join("/")].join(";");
}
