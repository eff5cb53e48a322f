/**
 * Draft order lines: validation of DraftOrderLineItemInput and pricing of
 * each line before order-level discounts. Messages are the ones captured
 * from Shopify (notes §4.3).
 */
import { randomUUID } from "node:crypto";
import { legacyId, type ShopState } from "../store";
import type { AppliedDiscountRecord } from "../store-orders";
import { appliedDiscountCents, appliedDiscountRecord } from "./discounts";
import type { DraftOrderLineItemInput, UserErrorRecord } from "./inputs";
import { toCents } from "./money";

export interface PricedLine {
  uuid: string;
  variantId: string | null;
  productId: string | null;
  title: string;
  name: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  custom: boolean;
  taxable: boolean;
  requiresShipping: boolean;
  weightGrams: number;
  customAttributes: { key: string; value: string }[];
  priceOverridden: boolean;
  unitCents: number;
  originalCents: number;
  lineDiscountCents: number;
  appliedDiscount: AppliedDiscountRecord | null;
}

export function validateLines(
  shop: ShopState,
  lines: DraftOrderLineItemInput[] | null | undefined,
): UserErrorRecord[] {
  if (!lines || lines.length === 0) {
    return [{ field: null, message: "Add at least 1 product" }];
  }

  return lines.flatMap((line, index) => lineErrors(shop, line, index));
}

function lineErrors(
  shop: ShopState,
  line: DraftOrderLineItemInput,
  index: number,
): UserErrorRecord[] {
  const errors: UserErrorRecord[] = [];
  if (line.quantity < 1) {
    errors.push({
      field: ["lineItems", String(index), "quantity"],
      message: "Quantity must be greater than or equal to 1",
    });
  }
  if (line.variantId && !shop.variants.has(line.variantId)) {
    const id = legacyId(line.variantId);
    errors.push({
      field: null,
      message: `Product with ID ${id} is no longer available.`,
    });
  }
  if (!line.variantId && !line.title?.trim()) {
    errors.push({ field: null, message: "Merchandise title is empty." });
  }
  if (explicitPriceCents(line) < 0) {
    errors.push({
      field: null,
      message: "Cannot send negative price for line_item",
    });
  }

  return errors;
}

function explicitPriceCents(line: DraftOrderLineItemInput): number {
  const price =
    line.priceOverride?.amount ??
    line.originalUnitPriceWithCurrency?.amount ??
    line.originalUnitPrice;

  return price === undefined || price === null ? 0 : toCents(price);
}

/** Prices one validated line: unit price, total and its own discount. */
export function priceLine(
  shop: ShopState,
  line: DraftOrderLineItemInput,
  currencyCode: string,
): PricedLine {
  const described = line.variantId
    ? describeVariantLine(shop, line.variantId, line)
    : describeCustomLine(line);
  const originalCents = described.unitCents * line.quantity;
  const discount = line.appliedDiscount;
  const lineDiscountCents = discount
    ? appliedDiscountCents(discount, originalCents, line.quantity)
    : 0;

  return {
    ...described,
    uuid: line.uuid ?? randomUUID(),
    quantity: line.quantity,
    customAttributes: line.customAttributes ?? [],
    originalCents,
    lineDiscountCents,
    appliedDiscount: discount
      ? appliedDiscountRecord(discount, lineDiscountCents, currencyCode)
      : null,
  };
}

type LineDescription = Omit<
  PricedLine,
  | "uuid"
  | "quantity"
  | "customAttributes"
  | "originalCents"
  | "lineDiscountCents"
  | "appliedDiscount"
>;

function describeVariantLine(
  shop: ShopState,
  variantId: string,
  line: DraftOrderLineItemInput,
): LineDescription {
  const variant = shop.variants.get(variantId);
  if (!variant) {
    throw new Error(`Unvalidated variant ${variantId}`);
  }

  const product = shop.products.get(variant.productId);
  const item = shop.inventoryItems.get(variant.inventoryItemId);
  const title = product?.title ?? variant.title;
  const isDefault = variant.title === "Default Title";
  const override = line.priceOverride?.amount;

  return {
    variantId,
    productId: variant.productId,
    title,
    name: isDefault ? title : `${title} - ${variant.title}`,
    variantTitle: isDefault ? null : variant.title,
    sku: variant.sku,
    vendor: product?.vendor ?? null,
    custom: false,
    taxable: variant.taxable,
    requiresShipping: item?.requiresShipping ?? true,
    weightGrams: item?.weightGrams ?? 0,
    priceOverridden: override !== undefined && override !== null,
    unitCents: toCents(override ?? variant.price),
  };
}

function describeCustomLine(line: DraftOrderLineItemInput): LineDescription {
  const title = line.title?.trim() ?? "";

  return {
    variantId: null,
    productId: null,
    title,
    name: title,
    variantTitle: null,
    sku: line.sku ?? null,
    vendor: null,
    custom: true,
    taxable: line.taxable ?? true,
    requiresShipping: line.requiresShipping ?? true,
    weightGrams: line.weight?.value ?? 0,
    priceOverridden: false,
    unitCents: explicitPriceCents(line),
  };
}
