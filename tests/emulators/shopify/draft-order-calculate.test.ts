import { beforeEach, describe, expect, it } from "vitest";
import {
  addresses,
  createCommerceStore,
  dataOf,
  type CommerceStore,
} from "./commerce-harness";

const CALCULATE = `#graphql
  mutation Quote($input: DraftOrderInput!) {
    draftOrderCalculate(input: $input) {
      calculatedDraftOrder {
        currencyCode
        presentmentCurrencyCode
        taxesIncluded
        discountCodes
        subtotalPriceSet { shopMoney { amount currencyCode } }
        totalLineItemsPriceSet { shopMoney { amount } }
        totalDiscountsSet { shopMoney { amount } }
        totalShippingPriceSet { shopMoney { amount } }
        totalTaxSet { shopMoney { amount } }
        totalPriceSet { shopMoney { amount } presentmentMoney { amount } }
        taxLines { title rate ratePercentage priceSet { shopMoney { amount } } }
        availableShippingRates { handle title price { amount currencyCode } }
        shippingLine {
          title
          custom
          shippingRateHandle
          originalPriceSet { shopMoney { amount } }
          discountedPriceSet { shopMoney { amount } }
          taxLines { title priceSet { shopMoney { amount } } }
        }
        appliedDiscount { value valueType amountSet { shopMoney { amount } } }
        platformDiscounts { code totalAmountPriceSet { shopMoney { amount } } }
        lineItems {
          title
          quantity
          requiresShipping
          variant { id sku }
          originalUnitPriceSet { shopMoney { amount } }
          discountedTotalSet { shopMoney { amount } }
        }
        warnings {
          field
          message
          errorCode
          ... on DraftOrderDiscountNotAppliedWarning { discountCode }
        }
        alerts { title content severity }
      }
      userErrors { field message }
    }
  }
`;

interface Money {
  shopMoney: { amount: string; currencyCode?: string };
  presentmentMoney?: { amount: string };
}

interface Calculated {
  currencyCode: string;
  presentmentCurrencyCode: string;
  taxesIncluded: boolean;
  discountCodes: string[];
  subtotalPriceSet: Money;
  totalLineItemsPriceSet: Money;
  totalDiscountsSet: Money;
  totalShippingPriceSet: Money;
  totalTaxSet: Money;
  totalPriceSet: Money;
  taxLines: {
    title: string;
    rate: number;
    ratePercentage: number;
    priceSet: Money;
  }[];
  availableShippingRates: {
    handle: string;
    title: string;
    price: { amount: string; currencyCode: string };
  }[];
  shippingLine: {
    title: string;
    custom: boolean;
    shippingRateHandle: string | null;
    originalPriceSet: Money;
    discountedPriceSet: Money;
    taxLines: { title: string; priceSet: Money }[];
  } | null;
  appliedDiscount: { value: number; amountSet: Money } | null;
  platformDiscounts: { code: string; totalAmountPriceSet: Money }[];
  lineItems: {
    title: string;
    quantity: number;
    requiresShipping: boolean;
    variant: { id: string; sku: string } | null;
    originalUnitPriceSet: Money;
    discountedTotalSet: Money;
  }[];
  warnings: { field: string; message: string; discountCode?: string }[];
  alerts: { title: string; content: string; severity: string }[];
}

interface CalculatePayload {
  draftOrderCalculate: {
    calculatedDraftOrder: Calculated | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

let store: CommerceStore;

beforeEach(() => {
  store = createCommerceStore();
});

async function calculate(input: Record<string, unknown>) {
  const body = await store.send(CALCULATE, { input });
  return dataOf<CalculatePayload>(body).draftOrderCalculate;
}

async function quote(input: Record<string, unknown>): Promise<Calculated> {
  const result = await calculate(input);
  expect(result.userErrors).toEqual([]);
  if (!result.calculatedDraftOrder) throw new Error("no calculation");
  return result.calculatedDraftOrder;
}

/** Two shirts (40.00) to an address, with its Standard rate picked. */
async function standardQuote(
  address: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const input = {
    lineItems: [{ variantId: store.catalog.shirt, quantity: 2 }],
    shippingAddress: address,
    ...extra,
  };
  const first = await quote(input);
  const standard = first.availableShippingRates.find(
    (r) => r.title === "Standard",
  );
  if (!standard) throw new Error("no Standard rate");
  return quote({
    ...input,
    shippingLine: { shippingRateHandle: standard.handle },
  });
}

describe("draftOrderCalculate taxes and shipping by destination", () => {
  it.each([
    // 40.00 of goods + Standard shipping, taxed by the destination.
    {
      place: "New York",
      address: addresses.newYork,
      shipping: "5.0",
      tax: "3.99",
      total: "48.99",
    },
    {
      place: "California",
      address: addresses.california,
      shipping: "5.0",
      tax: "2.9",
      total: "47.9",
    },
    {
      place: "Oregon",
      address: addresses.oregon,
      shipping: "5.0",
      tax: "0.0",
      total: "45.0",
    },
    {
      place: "Germany",
      address: addresses.berlin,
      shipping: "15.0",
      tax: "10.45",
      total: "65.45",
    },
  ])("charges $tax tax and $shipping shipping in $place", async (row) => {
    const calculated = await standardQuote(row.address);

    expect(calculated.subtotalPriceSet.shopMoney.amount).toBe("40.0");
    expect(calculated.totalShippingPriceSet.shopMoney.amount).toBe(
      row.shipping,
    );
    expect(calculated.totalTaxSet.shopMoney.amount).toBe(row.tax);
    expect(calculated.totalPriceSet.shopMoney.amount).toBe(row.total);
    expect(calculated.totalPriceSet.presentmentMoney?.amount).toBe(row.total);
  });

  it("taxes shipping in New York but not in California", async () => {
    const newYork = await standardQuote(addresses.newYork);
    const california = await standardQuote(addresses.california);

    expect(newYork.shippingLine?.taxLines).toEqual([
      { title: "NY State Tax", priceSet: { shopMoney: { amount: "0.44" } } },
    ]);
    expect(california.shippingLine?.taxLines).toEqual([]);
  });

  it("lists order tax lines with rate and percentage", async () => {
    const calculated = await standardQuote(addresses.newYork);

    expect(calculated.taxLines).toEqual([
      {
        title: "NY State Tax",
        rate: 0.08875,
        ratePercentage: 8.875,
        priceSet: { shopMoney: { amount: "3.99" } },
      },
    ]);
  });

  it("prints no tax line for a tax-free state", async () => {
    const calculated = await standardQuote(addresses.oregon);

    expect(calculated.taxLines).toEqual([]);
  });

  it("offers the rates that cover the destination country", async () => {
    const us = await quote({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 1 }],
      shippingAddress: addresses.newYork,
    });
    const eu = await quote({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 1 }],
      shippingAddress: addresses.berlin,
    });

    const summary = (c: Calculated) =>
      c.availableShippingRates.map((r) => [r.title, r.price.amount]);
    expect(summary(us)).toEqual([
      ["Standard", "5.0"],
      ["Express", "15.0"],
    ]);
    expect(summary(eu)).toEqual([
      ["Standard", "15.0"],
      ["Express", "30.0"],
    ]);
  });

  it("offers no rates without an address or outside the zones", async () => {
    const lines = [{ variantId: store.catalog.shirt, quantity: 1 }];

    const noAddress = await quote({ lineItems: lines });
    const japan = await quote({
      lineItems: lines,
      shippingAddress: addresses.tokyo,
    });

    expect(noAddress.availableShippingRates).toEqual([]);
    expect(japan.availableShippingRates).toEqual([]);
  });

  it("offers no rates when nothing needs shipping", async () => {
    const calculated = await quote({
      lineItems: [{ variantId: store.catalog.ebook, quantity: 1 }],
      shippingAddress: addresses.newYork,
    });

    expect(calculated.availableShippingRates).toEqual([]);
    expect(calculated.lineItems[0]?.requiresShipping).toBe(false);
  });

  it("gives opaque handles that change with the cart", async () => {
    const one = await quote({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 1 }],
      shippingAddress: addresses.newYork,
    });
    const two = await quote({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 2 }],
      shippingAddress: addresses.newYork,
    });

    const handle = one.availableShippingRates[0]?.handle ?? "";
    expect(handle).not.toContain("Standard");
    expect(handle).not.toContain("5.0");
    expect(two.availableShippingRates[0]?.handle).not.toBe(handle);
  });

  it("rejects a rate handle quoted for another cart", async () => {
    const one = await quote({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 1 }],
      shippingAddress: addresses.newYork,
    });

    const result = await calculate({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 3 }],
      shippingAddress: addresses.newYork,
      shippingLine: {
        shippingRateHandle: one.availableShippingRates[0]?.handle,
      },
    });

    expect(result.calculatedDraftOrder).toBeNull();
    expect(result.userErrors[0]?.field).toEqual([
      "shippingLine",
      "shippingRateHandle",
    ]);
  });

  it("takes a custom shipping line by title and price", async () => {
    const calculated = await quote({
      lineItems: [{ variantId: store.catalog.shirt, quantity: 1 }],
      shippingAddress: addresses.oregon,
      shippingLine: {
        title: "Courier",
        priceWithCurrency: { amount: "7.25", currencyCode: "USD" },
      },
    });

    expect(calculated.shippingLine).toMatchObject({
      title: "Courier",
      custom: true,
      shippingRateHandle: null,
    });
    expect(calculated.totalPriceSet.shopMoney.amount).toBe("27.25");
  });
});

describe("draftOrderCalculate discounts", () => {
  it("applies a percentage code before tax, rounding tax half-up", async () => {
    const calculated = await standardQuote(addresses.newYork, {
      discountCodes: ["welcome10"],
    });

    // 36.00 × 8.875 % = 3.195 → 3.20; shipping 5.00 × 8.875 % → 0.44.
    expect(calculated.discountCodes).toEqual(["welcome10"]);
    expect(calculated.subtotalPriceSet.shopMoney.amount).toBe("36.0");
    expect(calculated.totalDiscountsSet.shopMoney.amount).toBe("4.0");
    expect(calculated.totalTaxSet.shopMoney.amount).toBe("3.64");
    expect(calculated.totalPriceSet.shopMoney.amount).toBe("44.64");
    expect(calculated.platformDiscounts).toEqual([
      {
        code: "welcome10",
        totalAmountPriceSet: { shopMoney: { amount: "4.0" } },
      },
    ]);
  });

  it("applies a fixed amount code", async () => {
    const calculated = await standardQuote(addresses.oregon, {
      discountCodes: ["FIVEOFF"],
    });

    expect(calculated.subtotalPriceSet.shopMoney.amount).toBe("35.0");
    expect(calculated.totalPriceSet.shopMoney.amount).toBe("40.0");
  });

  it("makes shipping free with a free-shipping code", async () => {
    const calculated = await standardQuote(addresses.newYork, {
      discountCodes: ["FREESHIP"],
    });

    expect(calculated.shippingLine?.originalPriceSet.shopMoney.amount).toBe(
      "5.0",
    );
    expect(calculated.totalShippingPriceSet.shopMoney.amount).toBe("0.0");
    expect(calculated.totalTaxSet.shopMoney.amount).toBe("3.55");
    expect(calculated.totalPriceSet.shopMoney.amount).toBe("43.55");
  });

  it.each([
    { code: "NOPE", reason: "is not a valid discount code" },
    { code: "SUMMER2020", reason: "has expired" },
  ])(
    "does not apply $code and warns that it $reason",
    async ({ code, reason }) => {
      const calculated = await standardQuote(addresses.oregon, {
        discountCodes: [code],
      });

      expect(calculated.discountCodes).toEqual([]);
      expect(calculated.totalDiscountsSet.shopMoney.amount).toBe("0.0");
      expect(calculated.warnings).toEqual([
        expect.objectContaining({
          discountCode: code,
          field: "discount_codes",
        }),
      ]);
      expect(calculated.warnings[0]?.message).toContain(reason);
    },
  );

  it("applies a custom order discount given as appliedDiscount", async () => {
    const calculated = await standardQuote(addresses.oregon, {
      appliedDiscount: { value: 25, valueType: "PERCENTAGE", title: "Staff" },
    });

    expect(calculated.appliedDiscount).toEqual({
      value: 25,
      valueType: "PERCENTAGE",
      amountSet: { shopMoney: { amount: "10.0" } },
    });
    expect(calculated.totalPriceSet.shopMoney.amount).toBe("35.0");
  });

  it("takes a fixed line discount off each unit", async () => {
    const calculated = await quote({
      lineItems: [
        {
          variantId: store.catalog.shirt,
          quantity: 2,
          appliedDiscount: { value: 3, valueType: "FIXED_AMOUNT" },
        },
      ],
    });

    expect(calculated.lineItems[0]?.discountedTotalSet.shopMoney.amount).toBe(
      "34.0",
    );
  });
});

describe("draftOrderCalculate availability and input errors", () => {
  it("raises an alert for a sold-out variant (DENY)", async () => {
    const calculated = await quote({
      lineItems: [{ variantId: store.catalog.soldOut, quantity: 1 }],
    });

    expect(calculated.alerts).toEqual([
      expect.objectContaining({ severity: "WARNING" }),
    ]);
    expect(calculated.alerts[0]?.content).toContain(store.catalog.soldOut);
  });

  it("raises no alert for a backorder variant (policy CONTINUE)", async () => {
    const calculated = await quote({
      lineItems: [{ variantId: store.catalog.preorder, quantity: 3 }],
    });

    expect(calculated.alerts).toEqual([]);
  });

  it("counts lines of the same variant together", async () => {
    const calculated = await quote({
      lineItems: [
        { variantId: store.catalog.mug, quantity: 2 },
        { variantId: store.catalog.mug, quantity: 1 },
      ],
    });

    expect(calculated.alerts).toHaveLength(1);
  });

  it.each([
    {
      name: "no line items",
      input: { lineItems: [] },
      error: { field: null, message: "Add at least 1 product" },
    },
    {
      name: "a quantity below one",
      input: { lineItems: [{ variantId: "SHIRT", quantity: 0 }] },
      error: {
        field: ["lineItems", "0", "quantity"],
        message: "Quantity must be greater than or equal to 1",
      },
    },
    {
      name: "an unknown variant",
      input: {
        lineItems: [
          { variantId: "gid://shopify/ProductVariant/999999", quantity: 1 },
        ],
      },
      error: {
        field: null,
        message: "Product with ID 999999 is no longer available.",
      },
    },
    {
      name: "a bad email",
      input: {
        lineItems: [{ variantId: "SHIRT", quantity: 1 }],
        email: "nope",
      },
      error: { field: ["email"], message: "Email is invalid" },
    },
  ])("answers $name with a user error", async ({ input, error }) => {
    const lines = (input.lineItems as { variantId: string }[]).map((line) => ({
      ...line,
      variantId:
        line.variantId === "SHIRT" ? store.catalog.shirt : line.variantId,
    }));

    const result = await calculate({ ...input, lineItems: lines });

    expect(result.calculatedDraftOrder).toBeNull();
    expect(result.userErrors).toEqual([error]);
  });

  it("prices lines from the variant", async () => {
    const calculated = await quote({
      lineItems: [{ variantId: store.catalog.mug, quantity: 2 }],
    });

    expect(calculated.lineItems[0]).toMatchObject({
      title: "Stoneware Mug",
      quantity: 2,
      variant: { id: store.catalog.mug },
      originalUnitPriceSet: { shopMoney: { amount: "12.5" } },
      discountedTotalSet: { shopMoney: { amount: "25.0" } },
    });
    expect(calculated.currencyCode).toBe("USD");
    expect(calculated.taxesIncluded).toBe(false);
  });
});
