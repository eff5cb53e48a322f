/**
 * draftOrderCalculate's arithmetic, shared by draftOrderCreate/Update:
 * lines → line discounts → order discount and codes (allocated back to the
 * lines) → shipping → tax per line and on shipping → totals. Everything is
 * in cents until the record is built, and each amount is rounded half-up
 * once, where Shopify rounds it.
 */
import type { ShopState } from "../store";
import type {
  CalculatedDraftOrderRecord,
  DraftLineItemRecord,
  DraftOrderWarningRecord,
  MailingAddressRecord,
  PlatformDiscountRecord,
  ResourceAlertRecord,
  TaxLineRecord,
} from "../store-orders";
import { toMailingAddress, sameAddress } from "./addresses";
import {
  appliedDiscountCents,
  appliedDiscountRecord,
  checkDiscountCode,
  codeAmountCents,
  distinctCodes,
} from "./discounts";
import { priceLine, validateLines, type PricedLine } from "./draft-lines";
import type { DraftOrderInput, UserErrorRecord } from "./inputs";
import { findShortages, type StockRequest } from "./inventory";
import { allocateCents, moneyBag, moneyV2, sumCents } from "./money";
import { selectShippingLine, type SelectedShipping } from "./draft-shipping";
import { findTaxRate, mergeTaxLines, taxCents, taxLinesFor } from "./tax";

export interface DraftCalculation {
  calculated: CalculatedDraftOrderRecord;
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
  stock: StockRequest[];
}

export type DraftCalculationResult =
  | { ok: true; value: DraftCalculation }
  | { ok: false; userErrors: UserErrorRecord[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateDraftInput(
  shop: ShopState,
  input: DraftOrderInput,
  now: Date,
): UserErrorRecord[] {
  const errors = validateLines(shop, input.lineItems);
  if (input.email && !EMAIL.test(input.email)) {
    errors.push({ field: ["email"], message: "Email is invalid" });
  }
  const until = input.reserveInventoryUntil;
  if (until && Date.parse(until) < now.getTime()) {
    errors.push({
      field: ["reserveInventoryUntil"],
      message: "Reserve until can't be in the past",
    });
  }

  return errors;
}

export function calculateDraftOrder(
  shop: ShopState,
  input: DraftOrderInput,
  now: Date,
): DraftCalculationResult {
  const errors = validateDraftInput(shop, input, now);
  if (errors.length > 0) {
    return { ok: false, userErrors: errors };
  }

  const currency = shop.currencyCode;
  const lines = (input.lineItems ?? []).map((line) =>
    priceLine(shop, line, currency),
  );
  const shippingAddress = addressOf(shop, input.shippingAddress);
  const billingAddress = addressOf(shop, input.billingAddress);
  const discounts = applyOrderDiscounts(shop, input, lines, now);
  const shipping = selectShippingLine(shop, input, {
    lines,
    address: shippingAddress,
    freeShipping: discounts.freeShipping !== null,
  });
  if (!shipping.ok) {
    return { ok: false, userErrors: shipping.userErrors };
  }

  const calculated = buildCalculation(shop, input, {
    lines,
    discounts,
    shipping: shipping.value,
    shippingAddress,
    billingAddress,
  });

  return {
    ok: true,
    value: {
      calculated,
      shippingAddress,
      billingAddress,
      stock: stockRequests(lines),
    },
  };
}

function addressOf(
  shop: ShopState,
  input: DraftOrderInput["shippingAddress"],
): MailingAddressRecord | null {
  return input ? toMailingAddress(shop, input) : null;
}

function stockRequests(lines: PricedLine[]): StockRequest[] {
  return lines.flatMap((line) =>
    line.variantId
      ? [{ variantId: line.variantId, quantity: line.quantity }]
      : [],
  );
}

interface OrderDiscounts {
  /** Per line, in line order: its share of order-level discounts. */
  allocations: number[];
  orderDiscountCents: number;
  appliedDiscount: CalculatedDraftOrderRecord["appliedDiscount"];
  codes: { code: string; title: string; kind: string; cents: number }[];
  freeShipping: { code: string; title: string } | null;
  warnings: DraftOrderWarningRecord[];
}

function applyOrderDiscounts(
  shop: ShopState,
  input: DraftOrderInput,
  lines: PricedLine[],
  now: Date,
): OrderDiscounts {
  const currency = shop.currencyCode;
  const lineTotals = lines.map((l) => l.originalCents - l.lineDiscountCents);
  const subtotal = sumCents(lineTotals);
  const custom = input.appliedDiscount;
  const customCents = custom ? appliedDiscountCents(custom, subtotal) : 0;
  const result: OrderDiscounts = {
    allocations: [],
    orderDiscountCents: customCents,
    appliedDiscount: custom
      ? appliedDiscountRecord(custom, customCents, currency)
      : null,
    codes: [],
    freeShipping: null,
    warnings: [],
  };

  applyCodes(shop, input.discountCodes ?? [], subtotal, now, result);
  result.allocations = allocateCents(result.orderDiscountCents, lineTotals);

  return result;
}

function applyCodes(
  shop: ShopState,
  codes: string[],
  subtotal: number,
  now: Date,
  result: OrderDiscounts,
): void {
  for (const code of distinctCodes(codes)) {
    const check = checkDiscountCode(shop, code, subtotal, now);
    if (!check.applies) {
      result.warnings.push(check.warning);
      continue;
    }

    const { discount } = check;
    const remaining = subtotal - result.orderDiscountCents;
    const cents = codeAmountCents(discount, remaining);
    result.orderDiscountCents += cents;
    result.codes.push({
      code,
      title: discount.title,
      kind: discount.kind,
      cents,
    });
    if (discount.kind === "FREE_SHIPPING") {
      result.freeShipping = { code, title: discount.title };
    }
  }
}

interface CalculationParts {
  lines: PricedLine[];
  discounts: OrderDiscounts;
  shipping: SelectedShipping;
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
}

function buildCalculation(
  shop: ShopState,
  input: DraftOrderInput,
  parts: CalculationParts,
): CalculatedDraftOrderRecord {
  const currency = shop.currencyCode;
  const { lines, discounts, shipping } = parts;
  const taxed = taxLines(shop, input, parts);
  const totals = computeTotals(lines, discounts, shipping, taxed.all);
  const bag = (cents: number) => moneyBag(cents, currency);

  return {
    currencyCode: currency,
    presentmentCurrencyCode: currency,
    taxesIncluded: false,
    acceptAutomaticDiscounts: input.acceptAutomaticDiscounts ?? null,
    alerts: stockAlerts(shop, lines),
    warnings: discounts.warnings,
    allVariantPricesOverridden: lines.every((l) => l.priceOverridden),
    anyVariantPricesOverridden: lines.some((l) => l.priceOverridden),
    appliedDiscount: discounts.appliedDiscount,
    availableShippingRates: shipping.offers,
    billingAddressMatchesShippingAddress: sameAddress(
      parts.billingAddress,
      parts.shippingAddress,
    ),
    discountCodes: discounts.codes.map((c) => c.code),
    platformDiscounts: discounts.codes.map((c) =>
      platformDiscount(c, currency),
    ),
    lineItems: lines.map((line, i) =>
      draftLineRecord(line, taxed.perLine[i] ?? [], currency),
    ),
    lineItemsSubtotalPrice: bag(totals.lineItemsSubtotal),
    subtotalPriceSet: bag(totals.subtotal),
    totalDiscountsSet: bag(totals.discounts),
    totalLineItemsPriceSet: bag(totals.lineItemsOriginal),
    totalShippingPriceSet: bag(totals.shipping),
    totalTaxSet: bag(totals.tax),
    totalPriceSet: bag(totals.total),
    amountDueNowSet: bag(totals.total),
    amountDueLaterSet: bag(0),
    totalQuantityOfLineItems: sumCents(lines.map((l) => l.quantity)),
    totalWeight: sumCents(lines.map((l) => l.weightGrams * l.quantity)),
    shippingLine: shipping.line
      ? { ...shipping.line, taxLines: taxed.shipping }
      : null,
    taxLines: mergeTaxLines(taxed.all, currency),
    phone: input.phone ?? null,
  };
}

interface Totals {
  lineItemsOriginal: number;
  lineItemsSubtotal: number;
  subtotal: number;
  shipping: number;
  discounts: number;
  tax: number;
  total: number;
}

function computeTotals(
  lines: PricedLine[],
  discounts: OrderDiscounts,
  shipping: SelectedShipping,
  taxLines: TaxLineRecord[],
): Totals {
  const lineItemsOriginal = sumCents(lines.map((l) => l.originalCents));
  const lineDiscounts = sumCents(lines.map((l) => l.lineDiscountCents));
  const lineItemsSubtotal = lineItemsOriginal - lineDiscounts;
  const subtotal = lineItemsSubtotal - discounts.orderDiscountCents;
  const tax = taxCents(taxLines);
  const discountTotal =
    lineDiscounts + discounts.orderDiscountCents + shipping.discountCents;

  return {
    lineItemsOriginal,
    lineItemsSubtotal,
    subtotal,
    shipping: shipping.priceCents,
    discounts: discountTotal,
    tax,
    total: subtotal + shipping.priceCents + tax,
  };
}

interface TaxedParts {
  perLine: TaxLineRecord[][];
  shipping: TaxLineRecord[];
  all: TaxLineRecord[];
}

/**
 * Destination tax: the shipping address, else the billing address, else
 * the shop's own address (Shopify estimates from the shop's location).
 */
function taxLines(
  shop: ShopState,
  input: DraftOrderInput,
  parts: CalculationParts,
): TaxedParts {
  const address = parts.shippingAddress ?? parts.billingAddress;
  const destination = address
    ? { countryCode: address.countryCodeV2, provinceCode: address.provinceCode }
    : { countryCode: shop.countryCode, provinceCode: shop.provinceCode };
  const rate = input.taxExempt ? null : findTaxRate(shop, destination);
  const currency = shop.currencyCode;

  const perLine = parts.lines.map((line, i) => {
    const allocated = parts.discounts.allocations[i] ?? 0;
    const base = line.originalCents - line.lineDiscountCents - allocated;

    return line.taxable ? taxLinesFor(rate, base, currency) : [];
  });
  const shippingTaxed = rate?.taxShipping ? rate : null;
  const shipping = taxLinesFor(
    shippingTaxed,
    parts.shipping.priceCents,
    currency,
  );

  return { perLine, shipping, all: [...perLine.flat(), ...shipping] };
}

function draftLineRecord(
  line: PricedLine,
  lineTaxLines: TaxLineRecord[],
  currency: string,
): DraftLineItemRecord {
  const discounted = line.originalCents - line.lineDiscountCents;
  const unit = Math.round(discounted / line.quantity);

  return {
    id: "",
    uuid: line.uuid,
    variantId: line.variantId,
    productId: line.productId,
    title: line.title,
    name: line.name,
    variantTitle: line.variantTitle,
    sku: line.sku,
    vendor: line.vendor,
    quantity: line.quantity,
    custom: line.custom,
    taxable: line.taxable,
    requiresShipping: line.requiresShipping,
    isGiftCard: false,
    weight: { unit: "GRAMS", value: line.weightGrams },
    customAttributes: line.customAttributes,
    appliedDiscount: line.appliedDiscount,
    originalUnitPriceSet: moneyBag(line.unitCents, currency),
    originalTotalSet: moneyBag(line.originalCents, currency),
    discountedTotalSet: moneyBag(discounted, currency),
    approximateDiscountedUnitPriceSet: moneyBag(unit, currency),
    totalDiscountSet: moneyBag(line.lineDiscountCents, currency),
    originalUnitPriceWithCurrency: line.custom
      ? moneyV2(line.unitCents, currency)
      : null,
    priceOverride: line.priceOverridden
      ? moneyV2(line.unitCents, currency)
      : null,
    taxLines: lineTaxLines,
    components: [],
  };
}

function platformDiscount(
  code: OrderDiscounts["codes"][number],
  currency: string,
): PlatformDiscountRecord {
  const discountClass = code.kind === "FREE_SHIPPING" ? "SHIPPING" : "ORDER";

  return {
    id: null,
    code: code.code,
    title: code.title,
    summary: code.title,
    shortSummary: code.title,
    presentationLevel: "order",
    automaticDiscount: false,
    bxgyDiscount: false,
    discountClass,
    discountClasses: [discountClass],
    discountNode: null,
    allocations: [],
    totalAmount: moneyV2(code.cents, currency),
    totalAmountPriceSet: moneyBag(code.cents, currency),
  };
}

/**
 * Lines that cannot be sold (policy DENY, not enough available). The
 * schema says CalculatedDraftOrder reports insufficient inventory through
 * its alerts; the wording here is the emulator's own.
 */
function stockAlerts(
  shop: ShopState,
  lines: PricedLine[],
): ResourceAlertRecord[] {
  const shortages = findShortages(shop, stockRequests(lines));

  return shortages.map(({ variant, requested, available }) => ({
    title: "Insufficient inventory",
    content:
      `${variant.id} has ${available} available, ` + `${requested} requested.`,
    severity: "WARNING",
    icon: null,
    dismissibleHandle: null,
    actions: [],
  }));
}
