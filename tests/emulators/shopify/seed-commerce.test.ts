import { describe, expect, it } from "vitest";
import { findTaxRate } from "./commerce/tax";
import {
  seedDemoCommerce,
  seedDiscountCode,
  seedShippingRate,
  seedTaxRate,
} from "./seed-commerce";
import { createShopState } from "./shop-state";

describe("seedDemoCommerce", () => {
  it("publishes every policy over https on the primary domain", () => {
    const shop = createShopState("demo-store.myshopify.com", {
      primaryDomainUrl: "http://shop.example.com",
    });

    seedDemoCommerce(shop);

    expect(shop.policies.map((p) => p.type)).toEqual([
      "REFUND_POLICY",
      "PRIVACY_POLICY",
      "TERMS_OF_SERVICE",
      "SHIPPING_POLICY",
      "CONTACT_INFORMATION",
    ]);
    for (const policy of shop.policies) {
      expect(policy.url).toMatch(/^https:\/\/shop\.example\.com\/policies\//);
    }
  });

  it("seeds state sales tax, EU VAT and the demo codes", () => {
    const shop = createShopState("demo-store.myshopify.com");

    seedDemoCommerce(shop);

    const rateOf = (countryCode: string, provinceCode: string | null) =>
      findTaxRate(shop, { countryCode, provinceCode })?.rate;
    expect(rateOf("US", "NY")).toBe(0.08875);
    expect(rateOf("US", "OR")).toBe(0);
    expect(rateOf("DE", null)).toBe(0.19);
    expect(rateOf("IE", null)).toBe(0.23);
    expect([...shop.discountCodes.keys()]).toEqual([
      "WELCOME10",
      "FIVEOFF",
      "FREESHIP",
      "SUMMER2020",
    ]);
  });
});

describe("commerce seed builders", () => {
  it("prefers a province rate over the country rate", () => {
    const shop = createShopState("demo-store.myshopify.com");
    seedTaxRate(shop, { countryCode: "CA", rate: 0.05, title: "GST" });
    seedTaxRate(shop, { countryCode: "CA", provinceCode: "ON", rate: 0.13 });

    expect(
      findTaxRate(shop, { countryCode: "CA", provinceCode: "ON" })?.rate,
    ).toBe(0.13);
    expect(
      findTaxRate(shop, { countryCode: "CA", provinceCode: "AB" })?.rate,
    ).toBe(0.05);
  });

  it("fills defaults a test does not care about", () => {
    const shop = createShopState("demo-store.myshopify.com");

    const rate = seedShippingRate(shop, { title: "Pickup", price: "0.00" });
    const code = seedDiscountCode(shop, {
      code: "vip",
      kind: "PERCENTAGE",
      value: 0.2,
    });

    expect(rate).toMatchObject({ countryCodes: [], code: "PICKUP" });
    expect(shop.discountCodes.get("VIP")).toBe(code);
    expect(code.id).toMatch(/^gid:\/\/shopify\/DiscountCodeNode\//);
  });
});
