/**
 * The parts of the Admin schema's input types that the emulator reads.
 * graphql-js has already validated and coerced arguments against the real
 * schema before a resolver runs, so resolvers may treat `args` as these.
 * Custom scalars (Money, Decimal) arrive as the client sent them: a string
 * or a number.
 */
export type DecimalInput = string | number;

export interface MoneyInput {
  amount: DecimalInput;
  currencyCode: string;
}

export interface MoneyBagInput {
  shopMoney: MoneyInput;
  presentmentMoney?: MoneyInput | null;
}

export interface MailingAddressInput {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  company?: string | null;
  country?: string | null;
  countryCode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  province?: string | null;
  provinceCode?: string | null;
  zip?: string | null;
}

export interface AttributeInput {
  key: string;
  value: string;
}

export interface AppliedDiscountInput {
  amount?: DecimalInput | null;
  amountWithCurrency?: MoneyInput | null;
  description?: string | null;
  title?: string | null;
  value: number;
  valueType: "FIXED_AMOUNT" | "PERCENTAGE";
}

export interface DraftOrderLineItemInput {
  appliedDiscount?: AppliedDiscountInput | null;
  customAttributes?: AttributeInput[] | null;
  originalUnitPrice?: DecimalInput | null;
  originalUnitPriceWithCurrency?: MoneyInput | null;
  priceOverride?: MoneyInput | null;
  quantity: number;
  requiresShipping?: boolean | null;
  sku?: string | null;
  taxable?: boolean | null;
  title?: string | null;
  uuid?: string | null;
  variantId?: string | null;
  weight?: { unit: string; value: number } | null;
}

export interface ShippingLineInput {
  price?: DecimalInput | null;
  priceWithCurrency?: MoneyInput | null;
  shippingRateHandle?: string | null;
  title?: string | null;
}

export interface MetafieldInput {
  id?: string | null;
  key?: string | null;
  namespace?: string | null;
  type?: string | null;
  value?: string | null;
}

export interface DraftOrderInput {
  acceptAutomaticDiscounts?: boolean | null;
  allowDiscountCodesInCheckout?: boolean | null;
  appliedDiscount?: AppliedDiscountInput | null;
  billingAddress?: MailingAddressInput | null;
  customAttributes?: AttributeInput[] | null;
  discountCodes?: string[] | null;
  email?: string | null;
  lineItems?: DraftOrderLineItemInput[] | null;
  metafields?: MetafieldInput[] | null;
  note?: string | null;
  phone?: string | null;
  poNumber?: string | null;
  presentmentCurrencyCode?: string | null;
  reserveInventoryUntil?: string | null;
  shippingAddress?: MailingAddressInput | null;
  shippingLine?: ShippingLineInput | null;
  sourceName?: string | null;
  tags?: string[] | null;
  taxExempt?: boolean | null;
  visibleToCustomer?: boolean | null;
}

export interface OrderCreateTaxLineInput {
  channelLiable?: boolean | null;
  priceSet?: MoneyBagInput | null;
  rate: DecimalInput;
  title: string;
}

export interface OrderCreateLineItemInput {
  giftCard?: boolean | null;
  priceSet?: MoneyBagInput | null;
  productId?: string | null;
  properties?: { name: string; value: string }[] | null;
  quantity: number;
  requiresShipping?: boolean | null;
  sku?: string | null;
  taxLines?: OrderCreateTaxLineInput[] | null;
  taxable?: boolean | null;
  title?: string | null;
  variantId?: string | null;
  variantTitle?: string | null;
  vendor?: string | null;
  weight?: { unit: string; value: number } | null;
}

export interface OrderCreateShippingLineInput {
  code?: string | null;
  priceSet: MoneyBagInput;
  source?: string | null;
  taxLines?: OrderCreateTaxLineInput[] | null;
  title: string;
}

export interface OrderCreateTransactionInput {
  amountSet: MoneyBagInput;
  authorizationCode?: string | null;
  gateway?: string | null;
  kind?: string | null;
  processedAt?: string | null;
  receiptJson?: unknown;
  status?: string | null;
  test?: boolean | null;
}

export interface OrderCreateDiscountCodeInput {
  itemPercentageDiscountCode?: {
    code: string;
    percentage?: number | null;
  } | null;
  itemFixedDiscountCode?: {
    code: string;
    amountSet?: MoneyBagInput | null;
  } | null;
  freeShippingDiscountCode?: { code: string } | null;
}

export interface OrderCreateOrderInput {
  billingAddress?: MailingAddressInput | null;
  currency?: string | null;
  customAttributes?: AttributeInput[] | null;
  customer?: unknown;
  customerId?: string | null;
  discountCode?: OrderCreateDiscountCodeInput | null;
  email?: string | null;
  financialStatus?: string | null;
  lineItems?: OrderCreateLineItemInput[] | null;
  name?: string | null;
  note?: string | null;
  phone?: string | null;
  poNumber?: string | null;
  presentmentCurrency?: string | null;
  processedAt?: string | null;
  shippingAddress?: MailingAddressInput | null;
  shippingLines?: OrderCreateShippingLineInput[] | null;
  sourceIdentifier?: string | null;
  sourceName?: string | null;
  sourceUrl?: string | null;
  tags?: string[] | null;
  taxLines?: OrderCreateTaxLineInput[] | null;
  taxesIncluded?: boolean | null;
  test?: boolean | null;
  transactions?: OrderCreateTransactionInput[] | null;
}

export interface OrderCreateOptionsInput {
  inventoryBehaviour?: string | null;
  sendFulfillmentReceipt?: boolean | null;
  sendReceipt?: boolean | null;
}

export interface RefundInput {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  allowOverRefunding?: boolean | null;
  refundLineItems?:
    | {
        lineItemId: string;
        quantity: number;
        restockType?: string | null;
        locationId?: string | null;
      }[]
    | null;
  shipping?: {
    amount?: DecimalInput | null;
    fullRefund?: boolean | null;
  } | null;
  transactions?:
    | {
        amount: DecimalInput;
        gateway: string;
        kind: string;
        orderId: string;
        parentId?: string | null;
      }[]
    | null;
}

export interface FulfillmentInput {
  lineItemsByFulfillmentOrder: {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
  }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: {
    company?: string | null;
    number?: string | null;
    numbers?: string[] | null;
    url?: string | null;
    urls?: string[] | null;
  } | null;
}

/** UserError / OrderCreateUserError / OrderCancelUserError, by shape. */
export interface UserErrorRecord {
  field: string[] | null;
  message: string;
  code?: string;
}
