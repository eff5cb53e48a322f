/**
 * Commerce records of the Shopify emulator: draft orders, orders and what
 * hangs off them (transactions, refunds, fulfilment orders, fulfilments).
 *
 * Records are shaped like the Admin schema types they back, money included
 * (`MoneyBag`), so graphql-js's default resolvers read most fields straight
 * from them. What Shopify derives (financial status, current totals,
 * refundable quantities...) is computed on read by resolvers/orders.ts from
 * commerce/order-status.ts, so it can never drift from the facts stored here.
 */
import type { DraftOrderInput } from "./commerce/inputs";
import type { MoneyBag, MoneyV2 } from "./commerce/money";
import type { Decimal } from "./store";

export interface AttributeRecord {
  key: string;
  value: string | null;
}

/** Shaped like MailingAddress. */
export interface MailingAddressRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCodeV2: string | null;
  zip: string | null;
  phone: string | null;
  coordinatesValidated: boolean;
  formatted: string[];
  formattedArea: string | null;
}

/** Shaped like TaxLine. `rate` is a fraction (0.08875). */
export interface TaxLineRecord {
  title: string;
  rate: number;
  ratePercentage: number;
  priceSet: MoneyBag;
  /** Deprecated `price: Money!`, kept because the schema still has it. */
  price: Decimal;
  channelLiable: boolean;
  source: string | null;
}

/** Shaped like DraftOrderAppliedDiscount. */
export interface AppliedDiscountRecord {
  title: string | null;
  description: string;
  value: number;
  valueType: "PERCENTAGE" | "FIXED_AMOUNT";
  amountSet: MoneyBag;
  amountV2: MoneyV2;
  amount: Decimal;
}

/** Shaped like ShippingLine (draft orders and orders). */
export interface ShippingLineRecord {
  id: string | null;
  title: string;
  code: string | null;
  source: string | null;
  custom: boolean;
  shippingRateHandle: string | null;
  carrierIdentifier: string | null;
  deliveryCategory: string | null;
  phone: string | null;
  isRemoved: boolean;
  originalPriceSet: MoneyBag;
  discountedPriceSet: MoneyBag;
  currentDiscountedPriceSet: MoneyBag;
  taxLines: TaxLineRecord[];
  discountAllocations: never[];
}

/** Shaped like ShippingRate. The handle is opaque and tied to the cart. */
export interface ShippingRateOffer {
  handle: string;
  title: string;
  price: MoneyV2;
}

/** Shaped like ResourceAlert. */
export interface ResourceAlertRecord {
  title: string;
  content: string;
  severity: "WARNING" | "CRITICAL" | "INFO" | "DEFAULT" | "SUCCESS";
  icon: null;
  dismissibleHandle: string | null;
  actions: never[];
}

/** Shaped like DraftOrderDiscountNotAppliedWarning (abstract: __typename). */
export interface DraftOrderWarningRecord {
  __typename: "DraftOrderDiscountNotAppliedWarning";
  errorCode: string;
  field: string;
  message: string;
  discountCode: string | null;
  discountTitle: string | null;
  priceRule: null;
}

/** Shaped like DraftOrderPlatformDiscount: a discount code that applied. */
export interface PlatformDiscountRecord {
  id: string | null;
  code: string;
  title: string;
  summary: string;
  shortSummary: string;
  presentationLevel: string;
  automaticDiscount: boolean;
  bxgyDiscount: boolean;
  discountClass: "ORDER" | "PRODUCT" | "SHIPPING";
  discountClasses: ("ORDER" | "PRODUCT" | "SHIPPING")[];
  discountNode: null;
  allocations: never[];
  totalAmount: MoneyV2;
  totalAmountPriceSet: MoneyBag;
}

/** Shaped like CalculatedDraftOrderLineItem and DraftOrderLineItem. */
export interface DraftLineItemRecord {
  /** Empty on a calculation; a DraftOrderLineItem gid once saved. */
  id: string;
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
  isGiftCard: boolean;
  weight: { unit: "GRAMS"; value: number } | null;
  customAttributes: AttributeRecord[];
  appliedDiscount: AppliedDiscountRecord | null;
  originalUnitPriceSet: MoneyBag;
  originalTotalSet: MoneyBag;
  /** After the line's own discount, before order-level discounts. */
  discountedTotalSet: MoneyBag;
  approximateDiscountedUnitPriceSet: MoneyBag;
  totalDiscountSet: MoneyBag;
  originalUnitPriceWithCurrency: MoneyV2 | null;
  priceOverride: MoneyV2 | null;
  /** Tax on this line; CalculatedDraftOrderLineItem does not expose it. */
  taxLines: TaxLineRecord[];
  components: never[];
}

/** Shaped like CalculatedDraftOrder. */
export interface CalculatedDraftOrderRecord {
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  acceptAutomaticDiscounts: boolean | null;
  alerts: ResourceAlertRecord[];
  warnings: DraftOrderWarningRecord[];
  allVariantPricesOverridden: boolean;
  anyVariantPricesOverridden: boolean;
  appliedDiscount: AppliedDiscountRecord | null;
  availableShippingRates: ShippingRateOffer[];
  billingAddressMatchesShippingAddress: boolean;
  discountCodes: string[];
  platformDiscounts: PlatformDiscountRecord[];
  lineItems: DraftLineItemRecord[];
  lineItemsSubtotalPrice: MoneyBag;
  subtotalPriceSet: MoneyBag;
  totalDiscountsSet: MoneyBag;
  totalLineItemsPriceSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag;
  totalPriceSet: MoneyBag;
  amountDueNowSet: MoneyBag;
  amountDueLaterSet: MoneyBag;
  totalQuantityOfLineItems: number;
  totalWeight: number;
  shippingLine: ShippingLineRecord | null;
  taxLines: TaxLineRecord[];
  phone: string | null;
}

export interface InventoryReservationRecord {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
}

export type DraftOrderStatus = "OPEN" | "INVOICE_SENT" | "COMPLETED";

/** Shaped like DraftOrder; `lineItems` is served as a connection. */
export interface DraftOrderRecord extends CalculatedDraftOrderRecord {
  id: string;
  legacyResourceId: number;
  name: string;
  status: DraftOrderStatus;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  invoiceSentAt: string | null;
  invoiceUrl: string;
  email: string | null;
  note2: string | null;
  tags: string[];
  customAttributes: AttributeRecord[];
  poNumber: string | null;
  sourceName: string | null;
  taxExempt: boolean;
  visibleToCustomer: boolean;
  allowDiscountCodesInCheckout: boolean;
  ready: boolean;
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
  reserveInventoryUntil: string | null;
  /** Stock held for this draft; released on delete or expiry. */
  reservations: InventoryReservationRecord[];
  /** Set by draftOrderComplete. */
  orderId: string | null;
  /** The input as last given, so draftOrderUpdate can merge into it. */
  sourceInput: DraftOrderInput;
}

export type TransactionKind =
  | "AUTHORIZATION"
  | "CAPTURE"
  | "CHANGE"
  | "EMV_AUTHORIZATION"
  | "REFUND"
  | "SALE"
  | "SUGGESTED_REFUND"
  | "VOID";

export type TransactionStatus =
  "AWAITING_RESPONSE" | "ERROR" | "FAILURE" | "PENDING" | "SUCCESS" | "UNKNOWN";

/** Shaped like OrderTransaction; `order` and `parentTransaction` resolve. */
export interface OrderTransactionRecord {
  id: string;
  orderId: string;
  kind: TransactionKind;
  status: TransactionStatus;
  gateway: string;
  formattedGateway: string;
  manualPaymentGateway: boolean;
  amountSet: MoneyBag;
  authorizationCode: string | null;
  paymentId: string | null;
  parentTransactionId: string | null;
  createdAt: string;
  processedAt: string;
  test: boolean;
  receiptJson: string | null;
  errorCode: null;
  fees: never[];
}

/** Shaped like LineItem; quantities after refunds are derived on read. */
export interface OrderLineItemRecord {
  id: string;
  variantId: string | null;
  productId: string | null;
  title: string;
  name: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  taxable: boolean;
  requiresShipping: boolean;
  isGiftCard: boolean;
  customAttributes: AttributeRecord[];
  weightGrams: number;
  originalUnitPriceSet: MoneyBag;
  /** Unit price after this line's share of every discount. */
  discountedUnitPriceSet: MoneyBag;
  originalTotalSet: MoneyBag;
  totalDiscountSet: MoneyBag;
  taxLines: TaxLineRecord[];
}

export type RestockType = "CANCEL" | "LEGACY_RESTOCK" | "NO_RESTOCK" | "RETURN";

export interface RefundLineItemRecord {
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: RestockType;
  restocked: boolean;
  locationId: string | null;
  priceSet: MoneyBag;
  subtotalSet: MoneyBag;
  totalTaxSet: MoneyBag;
}

export interface RefundShippingLineRecord {
  id: string;
  shippingLineId: string;
  subtotalAmountSet: MoneyBag;
  taxAmountSet: MoneyBag;
}

/** Shaped like Refund; its transactions live on the order. */
export interface RefundRecord {
  id: string;
  legacyResourceId: number;
  orderId: string;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  refundLineItems: RefundLineItemRecord[];
  refundShippingLines: RefundShippingLineRecord[];
  transactionIds: string[];
  totalRefundedSet: MoneyBag;
  /** The `@idempotent` key it was created with, and the input it keyed. */
  idempotencyKey: string | null;
  inputFingerprint: string;
}

export type FulfillmentOrderStatus =
  | "OPEN"
  | "IN_PROGRESS"
  | "CLOSED"
  | "CANCELLED"
  | "INCOMPLETE"
  | "ON_HOLD"
  | "SCHEDULED";

export interface FulfillmentOrderLineItemRecord {
  id: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

/** Since 2026-07 every fulfilment goes through a fulfilment order. */
export interface FulfillmentOrderRecord {
  id: string;
  orderId: string;
  status: FulfillmentOrderStatus;
  requestStatus: "UNSUBMITTED";
  locationId: string | null;
  createdAt: string;
  updatedAt: string;
  lineItems: FulfillmentOrderLineItemRecord[];
}

export interface FulfillmentLineItemRecord {
  id: string;
  lineItemId: string;
  fulfillmentOrderLineItemId: string;
  quantity: number;
}

export interface FulfillmentRecord {
  id: string;
  legacyResourceId: number;
  orderId: string;
  name: string;
  status: "SUCCESS" | "CANCELLED";
  createdAt: string;
  updatedAt: string;
  locationId: string | null;
  trackingInfo: {
    company: string | null;
    number: string | null;
    url: string | null;
  }[];
  lineItems: FulfillmentLineItemRecord[];
  fulfillmentOrderIds: string[];
}

export type FinancialStatus =
  | "AUTHORIZED"
  | "EXPIRED"
  | "PAID"
  | "PARTIALLY_PAID"
  | "PARTIALLY_REFUNDED"
  | "PENDING"
  | "REFUNDED"
  | "VOIDED";

export type InventoryBehaviour =
  "BYPASS" | "DECREMENT_IGNORING_POLICY" | "DECREMENT_OBEYING_POLICY";

/** Shaped like Order; statuses and current totals are derived on read. */
export interface OrderRecord {
  id: string;
  legacyResourceId: number;
  number: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  closedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  cancellation: { staffNote: string | null } | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  poNumber: string | null;
  tags: string[];
  customAttributes: AttributeRecord[];
  sourceName: string | null;
  sourceIdentifier: string | null;
  sourceUrl: string | null;
  test: boolean;
  confirmed: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  taxExempt: boolean;
  shippingAddress: MailingAddressRecord | null;
  billingAddress: MailingAddressRecord | null;
  lineItems: OrderLineItemRecord[];
  shippingLines: ShippingLineRecord[];
  discountCodes: string[];
  taxLines: TaxLineRecord[];
  /** Line items after every discount, before shipping and tax. */
  subtotalPriceSet: MoneyBag;
  totalDiscountsSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag;
  /** The price when created; `currentTotalPriceSet` follows refunds. */
  totalPriceSet: MoneyBag;
  transactions: OrderTransactionRecord[];
  refunds: RefundRecord[];
  fulfillmentOrders: FulfillmentOrderRecord[];
  fulfillments: FulfillmentRecord[];
  /** `financialStatus` given to orderCreate without transactions. */
  financialStatusOverride: FinancialStatus | null;
  inventoryBehaviour: InventoryBehaviour;
  draftOrderId: string | null;
}
