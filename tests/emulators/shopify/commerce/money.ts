/**
 * Money arithmetic for the emulator. Amounts are kept as integer cents while
 * computing and printed as Shopify prints `Decimal`s: the shortest form with
 * at least one decimal ("20.0", "19.9", "19.99"), so an app that compares
 * amounts as strings fails here as it would against Shopify (notes §4.2).
 */
import type { Decimal } from "../store";

export interface MoneyV2 {
  amount: Decimal;
  currencyCode: string;
}

export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}

/** Parses "19.99", "20", "-5.5" or 19.99 into cents, half-up past cents. */
export function toCents(value: string | number): number {
  const text = typeof value === "number" ? String(value) : value.trim();
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === "" && !match[3])) {
    throw new Error(`Invalid decimal: ${text}`);
  }

  const whole = Number(match[2] || "0");
  const fraction = (match[3] ?? "").padEnd(3, "0");
  const cents = Number(fraction.slice(0, 2));
  const roundUp = Number(fraction[2]) >= 5 ? 1 : 0;
  const total = whole * 100 + cents + roundUp;

  return match[1] ? -total : total;
}

/** Prints cents like Shopify's Decimal: 2000 → "20.0", 1990 → "19.9". */
export function formatDecimal(cents: number): Decimal {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100)
    .padStart(2, "0")
    .replace(/0$/, "");

  return `${sign}${whole}.${fraction || "0"}`;
}

/** cents × rate, rounded half-up to the cent in exact integer arithmetic. */
export function multiplyCents(cents: number, rate: number): number {
  const micros = Math.round(rate * 1_000_000);
  const product = Math.abs(cents) * micros;
  const rounded = Math.floor((product + 500_000) / 1_000_000);

  return cents < 0 ? -rounded : rounded;
}

export function moneyV2(cents: number, currencyCode: string): MoneyV2 {
  return { amount: formatDecimal(cents), currencyCode };
}

/**
 * A MoneyBag in the shop currency. The emulator has no exchange rates, so
 * the presentment money is the shop money.
 */
export function moneyBag(cents: number, currencyCode: string): MoneyBag {
  return {
    shopMoney: moneyV2(cents, currencyCode),
    presentmentMoney: moneyV2(cents, currencyCode),
  };
}

export function bagCents(bag: MoneyBag): number {
  return toCents(bag.shopMoney.amount);
}

export function sumCents(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Splits `total` over `weights` in proportion, the remainder going to the
 * last share, so the parts always add up to the total (Shopify allocates
 * order discounts and order-level tax lines this way).
 */
export function allocateCents(total: number, weights: number[]): number[] {
  const weightSum = sumCents(weights);
  if (weightSum === 0) {
    return weights.map(() => 0);
  }

  const shares = weights.map((weight) =>
    Math.floor((total * weight) / weightSum),
  );
  const remainder = total - sumCents(shares);
  const last = shares.length - 1;
  shares[last] = (shares[last] ?? 0) + remainder;

  return shares;
}
