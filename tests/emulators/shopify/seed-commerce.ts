/**
 * Commerce seed of the emulator: taxes, shipping rates, discount codes and
 * shop policies. The builders (`seedTaxRate`, ...) fill sensible defaults so
 * a test states only what it is about; `seedDemoCommerce` stocks the demo
 * store used by the sandbox and the end-to-end tests.
 */
import {
  nextGid,
  type DiscountCodeRecord,
  type ShippingRateRecord,
  type ShopPolicyRecord,
  type ShopState,
  type TaxRateRecord,
} from "./store";

type Required<T, K extends keyof T> = Partial<T> & Pick<T, K>;

export function seedTaxRate(
  shop: ShopState,
  rate: Required<TaxRateRecord, "countryCode" | "rate">,
): TaxRateRecord {
  const record: TaxRateRecord = {
    provinceCode: null,
    title: `${rate.provinceCode ?? rate.countryCode} Tax`,
    taxShipping: false,
    ...rate,
  };
  shop.taxRates.push(record);

  return record;
}

export function seedShippingRate(
  shop: ShopState,
  rate: Required<ShippingRateRecord, "title" | "price">,
): ShippingRateRecord {
  const record: ShippingRateRecord = {
    handleSeed: `${rate.title}-${shop.shippingRates.length + 1}`,
    code: rate.title.toUpperCase().replace(/\W+/g, "_"),
    source: "shopify",
    countryCodes: [],
    minDeliveryDays: 3,
    maxDeliveryDays: 5,
    ...rate,
  };
  shop.shippingRates.push(record);

  return record;
}

export function seedDiscountCode(
  shop: ShopState,
  discount: Required<DiscountCodeRecord, "code" | "kind" | "value">,
): DiscountCodeRecord {
  const record: DiscountCodeRecord = {
    id: nextGid(shop, "DiscountCodeNode"),
    title: discount.code,
    minimumSubtotal: null,
    startsAt: "2020-01-01T00:00:00Z",
    endsAt: null,
    active: true,
    ...discount,
  };
  shop.discountCodes.set(record.code.toUpperCase(), record);

  return record;
}

const US_SALES_TAX: Required<TaxRateRecord, "countryCode" | "rate">[] = [
  { countryCode: "US", provinceCode: "NY", rate: 0.08875, taxShipping: true },
  { countryCode: "US", provinceCode: "CA", rate: 0.0725 },
  { countryCode: "US", provinceCode: "TX", rate: 0.0625, taxShipping: true },
  { countryCode: "US", provinceCode: "WA", rate: 0.065, taxShipping: true },
  { countryCode: "US", provinceCode: "OR", rate: 0 },
  { countryCode: "US", provinceCode: "DE", rate: 0 },
];

const EU_VAT: Required<TaxRateRecord, "countryCode" | "rate">[] = [
  { countryCode: "DE", rate: 0.19, title: "DE MwSt" },
  { countryCode: "FR", rate: 0.2, title: "FR TVA" },
  { countryCode: "NL", rate: 0.21, title: "NL btw" },
  { countryCode: "IE", rate: 0.23, title: "IE VAT" },
];

const EU = ["DE", "FR", "NL", "IE"];

export function seedDemoTaxes(shop: ShopState): void {
  for (const rate of US_SALES_TAX) {
    seedTaxRate(shop, { ...rate, title: `${rate.provinceCode} State Tax` });
  }
  for (const rate of EU_VAT) {
    seedTaxRate(shop, { ...rate, taxShipping: true });
  }
}

export function seedDemoShippingRates(shop: ShopState): void {
  const standard = { title: "Standard", minDeliveryDays: 5 };
  const express = { title: "Express", minDeliveryDays: 1 };
  const rates = [
    { ...standard, price: "5.00", countryCodes: ["US"], region: "us" },
    { ...standard, price: "15.00", countryCodes: EU, region: "eu" },
    { ...express, price: "15.00", countryCodes: ["US"], region: "us" },
    { ...express, price: "30.00", countryCodes: EU, region: "eu" },
  ];
  for (const { region, ...rate } of rates) {
    seedShippingRate(shop, {
      ...rate,
      handleSeed: `${rate.title.toLowerCase()}-${region}`,
      maxDeliveryDays: rate.minDeliveryDays === 1 ? 2 : 7,
    });
  }
}

export function seedDemoDiscountCodes(shop: ShopState): void {
  seedDiscountCode(shop, {
    code: "WELCOME10",
    title: "10% off your first order",
    kind: "PERCENTAGE",
    value: 0.1,
  });
  seedDiscountCode(shop, {
    code: "FIVEOFF",
    title: "5.00 off",
    kind: "FIXED_AMOUNT",
    value: "5.00",
  });
  seedDiscountCode(shop, {
    code: "FREESHIP",
    title: "Free shipping",
    kind: "FREE_SHIPPING",
    value: 0,
  });
  seedDiscountCode(shop, {
    code: "SUMMER2020",
    title: "Summer 2020",
    kind: "PERCENTAGE",
    value: 0.2,
    endsAt: "2020-09-01T00:00:00Z",
  });
}

const POLICIES: [ShopPolicyRecord["type"], string, string][] = [
  ["REFUND_POLICY", "Refund policy", "refund-policy"],
  ["PRIVACY_POLICY", "Privacy policy", "privacy-policy"],
  ["TERMS_OF_SERVICE", "Terms of service", "terms-of-service"],
  ["SHIPPING_POLICY", "Shipping policy", "shipping-policy"],
  ["CONTACT_INFORMATION", "Contact information", "contact-information"],
];

/** Policies live at /policies/<handle> on the shop's primary domain. */
export function seedShopPolicies(shop: ShopState): void {
  const origin = new URL(shop.primaryDomainUrl);
  origin.protocol = "https:";

  shop.policies = POLICIES.map(([type, title, handle]) => ({
    type,
    title,
    url: new URL(`/policies/${handle}`, origin).toString(),
    body: `<p>${title} of ${shop.name}.</p>`,
  }));
}

/** Everything the demo store sells with, on top of its catalog. */
export function seedDemoCommerce(shop: ShopState): void {
  seedDemoTaxes(shop);
  seedDemoShippingRates(shop);
  seedDemoDiscountCodes(shop);
  seedShopPolicies(shop);
}
