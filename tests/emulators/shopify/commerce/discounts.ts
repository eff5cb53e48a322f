/**
 * Discounts on a draft order: a line's own applied discount, the order's
 * applied (custom) discount, then discount codes from the shop's table.
 * A code that is unknown, inactive, expired, not yet started or below its
 * minimum subtotal is not applied; the calculation reports it as a
 * DraftOrderDiscountNotAppliedWarning instead of failing, which is how the
 * schema describes rejected codes on CalculatedDraftOrder.
 */
import type { DiscountCodeRecord, ShopState } from "../store";
import type {
  AppliedDiscountRecord,
  DraftOrderWarningRecord,
} from "../store-orders";
import type { AppliedDiscountInput } from "./inputs";
import {
  formatDecimal,
  moneyBag,
  moneyV2,
  multiplyCents,
  toCents,
} from "./money";

export type CodeCheck =
  | { applies: true; discount: DiscountCodeRecord }
  | { applies: false; warning: DraftOrderWarningRecord };

export function checkDiscountCode(
  shop: ShopState,
  code: string,
  subtotalCents: number,
  now: Date,
): CodeCheck {
  const discount = shop.discountCodes.get(code.trim().toUpperCase());
  const problem = discount
    ? codeProblem(discount, subtotalCents, now)
    : "is not a valid discount code";

  if (!discount || problem) {
    return { applies: false, warning: notApplied(code, discount, problem) };
  }

  return { applies: true, discount };
}

function codeProblem(
  discount: DiscountCodeRecord,
  subtotalCents: number,
  now: Date,
): string | null {
  const time = now.getTime();
  if (!discount.active || Date.parse(discount.startsAt) > time) {
    return "is not active";
  }
  if (discount.endsAt !== null && Date.parse(discount.endsAt) <= time) {
    return "has expired";
  }
  const minimum = discount.minimumSubtotal;
  if (minimum !== null && subtotalCents < toCents(minimum)) {
    return `requires a minimum subtotal of ${minimum}`;
  }

  return null;
}

function notApplied(
  code: string,
  discount: DiscountCodeRecord | undefined,
  problem: string | null,
): DraftOrderWarningRecord {
  return {
    __typename: "DraftOrderDiscountNotAppliedWarning",
    errorCode: "discount_code_not_applicable",
    field: "discount_codes",
    message: `Discount code ${code} ${problem ?? "could not be applied"}.`,
    discountCode: code,
    discountTitle: discount?.title ?? null,
    priceRule: null,
  };
}

/** Cents a discount code takes off the line items (not shipping). */
export function codeAmountCents(
  discount: DiscountCodeRecord,
  baseCents: number,
): number {
  if (discount.kind === "PERCENTAGE") {
    return multiplyCents(baseCents, Number(discount.value));
  }
  if (discount.kind === "FIXED_AMOUNT") {
    return Math.min(baseCents, toCents(discount.value));
  }

  return 0;
}

/**
 * Cents an applied (custom) discount takes off `baseCents`. For a line,
 * Shopify takes a fixed amount off each unit, so `units` multiplies it.
 */
export function appliedDiscountCents(
  input: AppliedDiscountInput,
  baseCents: number,
  units = 1,
): number {
  if (input.valueType === "PERCENTAGE") {
    return Math.min(baseCents, multiplyCents(baseCents, input.value / 100));
  }

  const fixed = input.amountWithCurrency?.amount ?? input.amount;
  const perUnit = toCents(fixed ?? input.value);

  return Math.min(baseCents, perUnit * units);
}

export function appliedDiscountRecord(
  input: AppliedDiscountInput,
  cents: number,
  currencyCode: string,
): AppliedDiscountRecord {
  return {
    title: input.title ?? null,
    description: input.description ?? "",
    value: input.value,
    valueType: input.valueType,
    amountSet: moneyBag(cents, currencyCode),
    amountV2: moneyV2(cents, currencyCode),
    amount: formatDecimal(cents),
  };
}

/** Distinct codes, compared case-insensitively, in the order given. */
export function distinctCodes(codes: string[]): string[] {
  const seen = new Set<string>();

  return codes.filter((code) => {
    const key = code.trim().toUpperCase();
    const fresh = key !== "" && !seen.has(key);
    seen.add(key);

    return fresh;
  });
}
