/**
 * orderCreate: an order from lines, prices, taxes and payments the caller
 * supplies. Shopify does not run its tax engine here (notes §5.1): tax
 * lines are taken as given, order-level ones split over the taxable lines.
 * Financial status follows the transactions unless `financialStatus` is
 * given, which then persists until a later operation.
 */
import { legacyId, nextGid, type ShopState } from "../store";
import type {
  FinancialStatus,
  InventoryBehaviour,
  OrderLineItemRecord,
  OrderRecord,
  ShippingLineRecord,
  TaxLineRecord,
  TransactionKind,
  TransactionStatus,
} from "../store-orders";
import { toMailingAddress } from "./addresses";
import type {
  OrderCreateLineItemInput,
  OrderCreateOptionsInput,
  OrderCreateOrderInput,
  OrderCreateShippingLineInput,
  OrderCreateTaxLineInput,
  UserErrorRecord,
} from "./inputs";
import { commitStock, findShortages } from "./inventory";
import {
  allocateCents,
  moneyBag,
  multiplyCents,
  sumCents,
  toCents,
} from "./money";
import { addTransaction, assembleOrder } from "./order-records";
import { taxLine } from "./tax";
import type { Result } from "./draft-orders";

export interface OrderCreateRequest {
  order: OrderCreateOrderInput;
  options: OrderCreateOptionsInput | null;
  apiVersion: string;
}

function invalid(field: string[], message: string, code = "INVALID") {
  return { field, message, code };
}

export function validateOrderInput(
  shop: ShopState,
  request: OrderCreateRequest,
  now: Date,
): UserErrorRecord[] {
  const { order } = request;
  const lines = order.lineItems ?? [];
  const errors: UserErrorRecord[] = lines.flatMap((line, i) =>
    lineErrors(shop, line, i),
  );
  if (lines.length === 0) {
    errors.push(
      invalid(
        ["order", "lineItems"],
        "Line items must have at least one line item",
      ),
    );
  }
  const lineTaxes = lines.some((line) => (line.taxLines ?? []).length > 0);
  if (lineTaxes && (order.taxLines ?? []).length > 0) {
    errors.push(
      invalid(
        ["order", "taxLines"],
        "Tax lines can be specified on the order or on line items, not both",
      ),
    );
  }
  if (order.customerId && order.customer) {
    errors.push(
      invalid(
        ["order", "customerId"],
        "Cannot specify both customerId and customer",
        "REDUNDANT_CUSTOMER_FIELDS",
      ),
    );
  }

  return [...errors, ...processedAtErrors(request, now)];
}

function lineErrors(
  shop: ShopState,
  line: OrderCreateLineItemInput,
  index: number,
): UserErrorRecord[] {
  const field = ["order", "lineItems", String(index)];
  if (line.quantity < 1) {
    return [invalid([...field, "quantity"], "Quantity must be greater than 0")];
  }
  if (line.variantId && !shop.variants.has(line.variantId)) {
    return [invalid([...field, "variantId"], "Variant does not exist")];
  }
  if (!line.variantId && !line.title?.trim()) {
    return [invalid([...field, "title"], "Title can't be blank")];
  }

  return [];
}

/**
 * Before 2026-07 a processedAt in the future is an error; from 2026-07 it
 * is clamped to now (OrderCreateOrderInput.processedAt description).
 */
function processedAtErrors(
  request: OrderCreateRequest,
  now: Date,
): UserErrorRecord[] {
  const processedAt = request.order.processedAt;
  const inFuture = processedAt && Date.parse(processedAt) > now.getTime();
  if (!inFuture || request.apiVersion >= "2026-07") {
    return [];
  }

  return [
    invalid(
      ["order", "processedAt"],
      "Processed at must not be in the future",
      "PROCESSED_AT_INVALID",
    ),
  ];
}

export function createOrder(
  shop: ShopState,
  request: OrderCreateRequest,
  now: Date,
): Result<OrderRecord> {
  const errors = validateOrderInput(shop, request, now);
  if (errors.length > 0) {
    return { ok: false, userErrors: errors };
  }

  const input = request.order;
  const currency = input.currency ?? shop.currencyCode;
  const lines = priceOrderLines(shop, input, currency);
  const behaviour = inventoryBehaviour(request.options);
  const claimErrors = claimInventory(shop, lines, behaviour);
  if (claimErrors.length > 0) {
    return { ok: false, userErrors: claimErrors };
  }

  const order = assembleFromInput(shop, input, lines, behaviour, now);
  recordPayments(shop, order, input, now);
  shop.orders.set(order.id, order);

  return { ok: true, value: order };
}

function inventoryBehaviour(
  options: OrderCreateOptionsInput | null,
): InventoryBehaviour {
  const value = options?.inventoryBehaviour;
  const known = ["DECREMENT_IGNORING_POLICY", "DECREMENT_OBEYING_POLICY"];

  return value && known.includes(value)
    ? (value as InventoryBehaviour)
    : "BYPASS";
}

function claimInventory(
  shop: ShopState,
  lines: OrderLineItemRecord[],
  behaviour: InventoryBehaviour,
): UserErrorRecord[] {
  const requests = lines.flatMap((line) =>
    line.variantId
      ? [{ variantId: line.variantId, quantity: line.quantity }]
      : [],
  );
  if (behaviour === "BYPASS") {
    return [];
  }

  const shortages =
    behaviour === "DECREMENT_OBEYING_POLICY"
      ? findShortages(shop, requests)
      : [];
  if (shortages.length === 0) {
    commitStock(shop, requests);
  }

  return shortages.map(({ variant, available }) => {
    const index = lines.findIndex((line) => line.variantId === variant.id);

    return invalid(
      ["order", "lineItems", String(index)],
      `Unable to claim inventory for ${legacyId(variant.id)}: ` +
        `${available} available`,
      "INVENTORY_CLAIM_FAILED",
    );
  });
}

function assembleFromInput(
  shop: ShopState,
  input: OrderCreateOrderInput,
  lineItems: OrderLineItemRecord[],
  behaviour: InventoryBehaviour,
  now: Date,
): OrderRecord {
  const currency = input.currency ?? shop.currencyCode;
  const freeShipping = Boolean(input.discountCode?.freeShippingDiscountCode);
  const shippingLines = (input.shippingLines ?? []).map((line) =>
    shippingLineRecord(shop, line, currency, freeShipping),
  );
  const processedAt = clampToNow(input.processedAt, now);

  return assembleOrder(
    shop,
    {
      name: input.name ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      note: input.note ?? null,
      poNumber: input.poNumber ?? null,
      tags: [...new Set(input.tags ?? [])].sort(),
      customAttributes: input.customAttributes ?? [],
      sourceName: input.sourceName ?? null,
      sourceIdentifier: input.sourceIdentifier ?? null,
      sourceUrl: input.sourceUrl ?? null,
      test: input.test ?? false,
      currencyCode: currency,
      taxesIncluded: input.taxesIncluded ?? false,
      taxExempt: false,
      shippingAddress: input.shippingAddress
        ? toMailingAddress(shop, input.shippingAddress)
        : null,
      billingAddress: input.billingAddress
        ? toMailingAddress(shop, input.billingAddress)
        : null,
      lineItems,
      shippingLines,
      shippingDiscountCents: freeShipping
        ? sumCents(
            shippingLines.map((s) =>
              toCents(s.originalPriceSet.shopMoney.amount),
            ),
          )
        : 0,
      discountCodes: discountCodeOf(input),
      processedAt,
      financialStatusOverride: financialStatusOf(input),
      inventoryBehaviour: behaviour,
      draftOrderId: null,
    },
    now,
  );
}

function clampToNow(value: string | null | undefined, now: Date): string {
  if (!value || Date.parse(value) > now.getTime()) {
    return now.toISOString();
  }

  return new Date(value).toISOString();
}

function discountCodeOf(input: OrderCreateOrderInput): string[] {
  const code = input.discountCode;
  const chosen =
    code?.itemPercentageDiscountCode ??
    code?.itemFixedDiscountCode ??
    code?.freeShippingDiscountCode;

  return chosen ? [chosen.code] : [];
}

function financialStatusOf(
  input: OrderCreateOrderInput,
): FinancialStatus | null {
  const status = input.financialStatus;

  return status ? (status as FinancialStatus) : null;
}

function priceOrderLines(
  shop: ShopState,
  input: OrderCreateOrderInput,
  currency: string,
): OrderLineItemRecord[] {
  const inputs = input.lineItems ?? [];
  const described = inputs.map((line) => describeLine(shop, line));
  const originals = described.map(
    (d, i) => d.unitCents * (inputs[i]?.quantity ?? 0),
  );
  const discounts = allocateCents(
    orderDiscountCents(input, originals),
    originals,
  );
  const discounted = originals.map((cents, i) => cents - (discounts[i] ?? 0));
  const taxes = lineTaxLines(input, described, discounted, currency);

  return inputs.map((line, i) => {
    const description = described[i];
    if (!description) {
      throw new Error("Lines and descriptions out of step");
    }

    return {
      ...description.record,
      id: nextGid(shop, "LineItem"),
      quantity: line.quantity,
      customAttributes: (line.properties ?? []).map((p) => ({
        key: p.name,
        value: p.value,
      })),
      originalUnitPriceSet: moneyBag(description.unitCents, currency),
      discountedUnitPriceSet: moneyBag(
        Math.round((discounted[i] ?? 0) / line.quantity),
        currency,
      ),
      originalTotalSet: moneyBag(originals[i] ?? 0, currency),
      totalDiscountSet: moneyBag(discounts[i] ?? 0, currency),
      taxLines: taxes[i] ?? [],
    };
  });
}

type LineBasics = Pick<
  OrderLineItemRecord,
  | "variantId"
  | "productId"
  | "title"
  | "name"
  | "variantTitle"
  | "sku"
  | "vendor"
  | "taxable"
  | "requiresShipping"
  | "isGiftCard"
  | "weightGrams"
>;

interface DescribedLine {
  record: LineBasics;
  unitCents: number;
}

function describeLine(
  shop: ShopState,
  line: OrderCreateLineItemInput,
): DescribedLine {
  const variant = line.variantId
    ? shop.variants.get(line.variantId)
    : undefined;
  const product = variant ? shop.products.get(variant.productId) : undefined;
  const item = variant
    ? shop.inventoryItems.get(variant.inventoryItemId)
    : undefined;
  const title = line.title ?? product?.title ?? variant?.title ?? "";
  const variantTitle =
    line.variantTitle ??
    (variant && variant.title !== "Default Title" ? variant.title : null);
  const price = line.priceSet?.shopMoney.amount ?? variant?.price ?? 0;

  return {
    unitCents: toCents(price),
    record: {
      variantId: variant?.id ?? null,
      productId: variant?.productId ?? line.productId ?? null,
      title,
      name: variantTitle ? `${title} - ${variantTitle}` : title,
      variantTitle,
      sku: line.sku ?? variant?.sku ?? null,
      vendor: line.vendor ?? product?.vendor ?? null,
      taxable: line.taxable ?? variant?.taxable ?? true,
      requiresShipping: line.requiresShipping ?? item?.requiresShipping ?? true,
      isGiftCard: line.giftCard ?? false,
      weightGrams: line.weight?.value ?? item?.weightGrams ?? 0,
    },
  };
}

/** The one discount code orderCreate accepts, as cents off the lines. */
function orderDiscountCents(
  input: OrderCreateOrderInput,
  originals: number[],
): number {
  const subtotal = sumCents(originals);
  const percentage = input.discountCode?.itemPercentageDiscountCode;
  if (percentage) {
    return multiplyCents(subtotal, (percentage.percentage ?? 0) / 100);
  }
  const fixed = input.discountCode?.itemFixedDiscountCode?.amountSet;

  return fixed ? Math.min(subtotal, toCents(fixed.shopMoney.amount)) : 0;
}

function lineTaxLines(
  input: OrderCreateOrderInput,
  described: DescribedLine[],
  discounted: number[],
  currency: string,
): TaxLineRecord[][] {
  const inputs = input.lineItems ?? [];
  const perLine = inputs.map((line, i) =>
    (line.taxLines ?? []).map((tax) =>
      taxLineFromInput(tax, discounted[i] ?? 0, currency),
    ),
  );
  const taxable = discounted.map((cents, i) =>
    described[i]?.record.taxable ? cents : 0,
  );
  for (const tax of input.taxLines ?? []) {
    const rate = Number(tax.rate);
    const total = tax.priceSet
      ? toCents(tax.priceSet.shopMoney.amount)
      : multiplyCents(sumCents(taxable), rate);
    allocateCents(total, taxable).forEach((share, i) => {
      if ((taxable[i] ?? 0) > 0) {
        perLine[i]?.push(
          withChannel(taxLine(tax.title, rate, share, currency), tax),
        );
      }
    });
  }

  return perLine;
}

function taxLineFromInput(
  tax: OrderCreateTaxLineInput,
  baseCents: number,
  currency: string,
): TaxLineRecord {
  const rate = Number(tax.rate);
  const cents = tax.priceSet
    ? toCents(tax.priceSet.shopMoney.amount)
    : multiplyCents(baseCents, rate);

  return withChannel(taxLine(tax.title, rate, cents, currency), tax);
}

function withChannel(
  line: TaxLineRecord,
  tax: OrderCreateTaxLineInput,
): TaxLineRecord {
  return { ...line, channelLiable: tax.channelLiable ?? false, source: null };
}

function shippingLineRecord(
  shop: ShopState,
  line: OrderCreateShippingLineInput,
  currency: string,
  free: boolean,
): ShippingLineRecord {
  const cents = toCents(line.priceSet.shopMoney.amount);
  const charged = free ? 0 : cents;

  return {
    id: nextGid(shop, "ShippingLine"),
    title: line.title,
    code: line.code ?? null,
    source: line.source ?? null,
    custom: true,
    shippingRateHandle: null,
    carrierIdentifier: null,
    deliveryCategory: null,
    phone: null,
    isRemoved: false,
    originalPriceSet: moneyBag(cents, currency),
    discountedPriceSet: moneyBag(charged, currency),
    currentDiscountedPriceSet: moneyBag(charged, currency),
    taxLines: (line.taxLines ?? []).map((tax) =>
      taxLineFromInput(tax, charged, currency),
    ),
    discountAllocations: [],
  };
}

/**
 * Transactions as given (kind SALE and status SUCCESS by default). With
 * `financialStatus: PAID` and no transactions Shopify records a manual
 * payment for the total (notes §4.3).
 */
function recordPayments(
  shop: ShopState,
  order: OrderRecord,
  input: OrderCreateOrderInput,
  now: Date,
): void {
  const transactions = input.transactions ?? [];
  for (const transaction of transactions) {
    addTransaction(
      shop,
      order,
      {
        kind: (transaction.kind ?? "SALE") as TransactionKind,
        status: (transaction.status ?? "SUCCESS") as TransactionStatus,
        gateway: transaction.gateway ?? "manual",
        amountCents: toCents(transaction.amountSet.shopMoney.amount),
        authorizationCode: transaction.authorizationCode ?? null,
        processedAt: transaction.processedAt ?? null,
        receiptJson: receiptText(transaction.receiptJson),
        test: transaction.test ?? false,
      },
      now,
    );
  }

  if (transactions.length === 0 && input.financialStatus === "PAID") {
    const total = toCents(order.totalPriceSet.shopMoney.amount);
    addTransaction(
      shop,
      order,
      {
        kind: "SALE",
        status: "SUCCESS",
        gateway: "manual",
        amountCents: total,
      },
      now,
    );
    order.financialStatusOverride = null;
  }
}

function receiptText(receipt: unknown): string | null {
  if (receipt === undefined || receipt === null) {
    return null;
  }

  return typeof receipt === "string" ? receipt : JSON.stringify(receipt);
}
