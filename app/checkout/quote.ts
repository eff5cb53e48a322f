/**
 * Shopify's answer to `draftOrderCalculate`, read into the checkout's own
 * terms: integer amounts in minor units, stock per line, shipping rates
 * behind stable option ids, and which discount codes took. Every amount
 * here is Shopify's; the only arithmetic is unit conversion and spreading
 * the order's tax over its lines, which Shopify reports only in total.
 */
import type { DraftOrderCalculation } from "../shopify/draft-order-calculate.server";
import { allocate, toMinorUnits } from "../lib/money";

export interface QuoteLine {
  /** The item id the agent sent: the variant's numeric id. */
  item_id: string;
  product_id: string;
  quantity: number;
  name: string;
  variant_title: string | null;
  description: string | null;
  image_url: string | null;
  sku: string | null;
  variant_options: { name: string; value: string }[];
  unit_amount: number;
  base_amount: number;
  discount: number;
  subtotal: number;
  tax: number;
  total: number;
  requires_shipping: boolean;
  /** False for a draft or archived product: not for sale to agents. */
  for_sale: boolean;
  /** Units that can be sold now; null when stock does not limit the sale. */
  available_quantity: number | null;
}

export interface QuoteShippingRate {
  /** Ours and stable across updates; Shopify's handles change with carts. */
  option_id: string;
  handle: string;
  title: string;
  amount: number;
}

export interface QuoteShipping {
  option_id: string | null;
  title: string;
  amount: number;
  tax: number;
}

export type DiscountRejection =
  | "discount_code_expired"
  | "discount_code_invalid"
  | "discount_code_minimum_not_met";

export interface Quote {
  /** The shop's currency, lowercase as ACP spells currencies. */
  currency: string;
  taxes_included: boolean;
  lines: QuoteLine[];
  shipping_rates: QuoteShippingRate[];
  shipping: QuoteShipping | null;
  totals: {
    items_base_amount: number;
    discount: number;
    subtotal: number;
    fulfillment: number;
    tax: number;
    total: number;
  };
  discounts: {
    applied: { code: string; amount: number }[];
    rejected: { code: string; reason: DiscountRejection; message: string }[];
  };
}

type Calculation = DraftOrderCalculation;
type CalculatedLine = Calculation["lineItems"][number];

export function readQuote(calculation: Calculation): Quote {
  const currency = calculation.currencyCode.toLowerCase();
  const minor = (set: { shopMoney: { amount: string } }) =>
    toMinorUnits(set.shopMoney.amount, currency);
  const rates = readShippingRates(calculation, currency);
  const shipping = readShipping(calculation, rates, currency);
  const totals = {
    items_base_amount: sum(
      calculation.lineItems.map((line) => minor(line.originalTotalSet)),
    ),
    discount: minor(calculation.totalDiscountsSet),
    subtotal: minor(calculation.subtotalPriceSet),
    fulfillment: minor(calculation.totalShippingPriceSet),
    tax: minor(calculation.totalTaxSet),
    total: minor(calculation.totalPriceSet),
  };
  const itemsTax = totals.tax - (shipping?.tax ?? 0);

  return {
    currency,
    taxes_included: calculation.taxesIncluded,
    lines: readLines(calculation, itemsTax, currency),
    shipping_rates: rates,
    shipping,
    totals,
    discounts: readDiscounts(calculation, totals.discount),
  };
}

function readLines(
  calculation: Calculation,
  itemsTax: number,
  currency: string,
): QuoteLine[] {
  const minor = (amount: string) => toMinorUnits(amount, currency);
  const subtotals = calculation.lineItems.map((line) =>
    minor(line.discountedTotalSet.shopMoney.amount),
  );
  // Shopify reports tax per order, not per line: spread it over the
  // taxable lines in proportion to what they cost.
  const taxes = allocate(
    Math.max(itemsTax, 0),
    calculation.lineItems.map((line, i) =>
      line.taxable ? (subtotals[i] ?? 0) : 0,
    ),
  );

  return calculation.lineItems.map((line, i) => {
    const subtotal = subtotals[i] ?? 0;
    const tax = taxes[i] ?? 0;
    const base = minor(line.originalTotalSet.shopMoney.amount);

    return {
      ...describeLine(line),
      quantity: line.quantity,
      unit_amount: minor(line.originalUnitPriceSet.shopMoney.amount),
      base_amount: base,
      discount: base - subtotal,
      subtotal,
      tax,
      total: calculation.taxesIncluded ? subtotal : subtotal + tax,
    };
  });
}

function describeLine(line: CalculatedLine) {
  const variant = line.variant;
  const title = variant?.title ?? null;

  return {
    item_id: variant?.legacyResourceId ?? line.uuid ?? "",
    product_id: variant?.product.legacyResourceId ?? "",
    name: variant?.product.title ?? line.name,
    variant_title: title && title !== "Default Title" ? title : null,
    description: variant?.product.description || null,
    image_url: line.image?.url ?? null,
    sku: variant?.sku || line.sku || null,
    variant_options: (variant?.selectedOptions ?? []).filter(
      (option) => option.value !== "Default Title",
    ),
    requires_shipping: line.requiresShipping,
    for_sale: variant?.product.status === "ACTIVE",
    available_quantity: availableQuantity(line),
  };
}

/** Stock limits a sale only when it is tracked and overselling is off. */
function availableQuantity(line: CalculatedLine): number | null {
  const variant = line.variant;
  if (!variant?.inventoryItem.tracked) return null;
  if (variant.inventoryPolicy !== "DENY") return null;

  return Math.max(variant.inventoryQuantity ?? 0, 0);
}

function readShippingRates(
  calculation: Calculation,
  currency: string,
): QuoteShippingRate[] {
  const taken = new Set<string>();

  return calculation.availableShippingRates.map((rate) => {
    const option_id = uniqueOptionId(rate.title, taken);

    return {
      option_id,
      handle: rate.handle,
      title: rate.title,
      amount: toMinorUnits(rate.price.amount, currency),
    };
  });
}

/** "Express Shipping" → "shipping_express_shipping", unique in the quote. */
function uniqueOptionId(title: string, taken: Set<string>): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  let id = `shipping_${slug || "rate"}`;
  for (let n = 2; taken.has(id); n++) id = `shipping_${slug}_${n}`;
  taken.add(id);

  return id;
}

function readShipping(
  calculation: Calculation,
  rates: QuoteShippingRate[],
  currency: string,
): QuoteShipping | null {
  const line = calculation.shippingLine;
  if (!line) return null;

  const minor = (amount: string) => toMinorUnits(amount, currency);

  return {
    option_id:
      rates.find((rate) => rate.title === line.title)?.option_id ?? null,
    title: line.title,
    amount: minor(line.discountedPriceSet.shopMoney.amount),
    tax: sum(line.taxLines.map((tax) => minor(tax.priceSet.shopMoney.amount))),
  };
}

function readDiscounts(calculation: Calculation, discount: number) {
  const applied = calculation.discountCodes;
  const rejected = calculation.warnings.flatMap((warning) => {
    if (warning.__typename !== "DraftOrderDiscountNotAppliedWarning") return [];
    const code = warning.discountCode ?? "";

    return [
      { code, reason: rejectionOf(warning.message), message: warning.message },
    ];
  });

  // Shopify reports the discount of the whole order; with one code (the
  // usual case) it is that code's, with several the first carries it.
  return {
    applied: applied.map((code, i) => ({
      code,
      amount: i === 0 ? discount : 0,
    })),
    rejected,
  };
}

/** Shopify's warning carries a message, not a reason code. */
function rejectionOf(message: string): DiscountRejection {
  if (/expired/i.test(message)) return "discount_code_expired";
  if (/minimum/i.test(message)) return "discount_code_minimum_not_met";

  return "discount_code_invalid";
}

function sum(values: number[]): number {
  return values.reduce((acc, value) => acc + value, 0);
}
