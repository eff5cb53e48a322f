/**
 * Money at the boundaries: Shopify prints amounts as decimal strings in the
 * shop's currency ("20.0", "19.99"); ACP wants integers in the currency's
 * minor unit (2000 cents, or 2000 yen for JPY, which has none). Conversions
 * are exact string arithmetic, never floating point.
 */

const minorDigitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit: 2 for USD, 0 for JPY. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  const cached = minorDigitsCache.get(code);
  if (cached !== undefined) return cached;

  const digits =
    new Intl.NumberFormat("en", {
      style: "currency",
      currency: code,
    }).resolvedOptions().maximumFractionDigits ?? 2;
  minorDigitsCache.set(code, digits);

  return digits;
}

/** "19.99" USD → 1999; "1500" JPY → 1500. Rounds half up past the unit. */
export function toMinorUnits(amount: string, currency: string): number {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new Error(`Not a decimal amount: ${amount}`);

  const [, sign, whole = "0", fraction = ""] = match;
  const digits = minorUnitDigits(currency);
  const kept = fraction.slice(0, digits).padEnd(digits, "0");
  const roundUp = Number(fraction.charAt(digits) || "0") >= 5 ? 1 : 0;
  const minor = Number(whole + kept) + roundUp;

  return sign ? -minor : minor;
}

/** 1999 USD → "19.99": the form Shopify's inputs take. */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  if (digits === 0) return sign + text;

  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Splits `total` over `weights` in proportion, in whole minor units, so
 * that the parts always add up to the total (largest remainder first).
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  if (sum <= 0) return weights.map(() => 0);

  const exact = weights.map((weight) => (total * weight) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((acc, part) => acc + part, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }

  return parts;
}
