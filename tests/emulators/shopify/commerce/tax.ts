/**
 * Taxes from the seeded tax table. A rate for the destination's province
 * beats the country's rate; a zero rate charges nothing and prints no tax
 * line, as Shopify does for tax-free states. Tax is computed per line on
 * the discounted amount and rounded half-up to the cent, then summed.
 */
import type { ShopState, TaxRateRecord } from "../store";
import type { TaxLineRecord } from "../store-orders";
import { bagCents, formatDecimal, moneyBag, multiplyCents } from "./money";

export interface TaxDestination {
  countryCode: string | null;
  provinceCode: string | null;
}

export function findTaxRate(
  shop: ShopState,
  destination: TaxDestination,
): TaxRateRecord | null {
  const { countryCode, provinceCode } = destination;
  if (!countryCode) {
    return null;
  }

  const inCountry = shop.taxRates.filter(
    (rate) => rate.countryCode === countryCode,
  );
  const inProvince = inCountry.find(
    (rate) => provinceCode !== null && rate.provinceCode === provinceCode,
  );

  return inProvince ?? inCountry.find((rate) => !rate.provinceCode) ?? null;
}

export function taxLine(
  title: string,
  rate: number,
  cents: number,
  currencyCode: string,
): TaxLineRecord {
  return {
    title,
    rate,
    ratePercentage: Math.round(rate * 1_000_000) / 10_000,
    priceSet: moneyBag(cents, currencyCode),
    price: formatDecimal(cents),
    channelLiable: false,
    source: "Shopify",
  };
}

/** The tax lines of one taxable amount: none when the rate is zero. */
export function taxLinesFor(
  rate: TaxRateRecord | null,
  amountCents: number,
  currencyCode: string,
): TaxLineRecord[] {
  if (!rate || rate.rate === 0) {
    return [];
  }

  const cents = multiplyCents(amountCents, rate.rate);

  return [taxLine(rate.title, rate.rate, cents, currencyCode)];
}

/** Sums tax lines with the same title and rate into one, keeping order. */
export function mergeTaxLines(
  lines: TaxLineRecord[],
  currencyCode: string,
): TaxLineRecord[] {
  const merged = new Map<string, { line: TaxLineRecord; cents: number }>();
  for (const line of lines) {
    const key = `${line.title}|${line.rate}`;
    const entry = merged.get(key);
    const cents = bagCents(line.priceSet) + (entry?.cents ?? 0);
    merged.set(key, { line: entry?.line ?? line, cents });
  }

  return [...merged.values()].map(({ line, cents }) => ({
    ...taxLine(line.title, line.rate, cents, currencyCode),
    channelLiable: line.channelLiable,
    source: line.source,
  }));
}

export function taxCents(lines: TaxLineRecord[]): number {
  return lines.reduce((total, line) => total + bagCents(line.priceSet), 0);
}
