import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allocate,
  fromMinorUnits,
  minorUnitDigits,
  toMinorUnits,
} from "../../app/lib/money";

describe("toMinorUnits", () => {
  it.each([
    ["19.99", "USD", 1999],
    ["20.0", "USD", 2000],
    ["0.5", "usd", 50],
    ["1500", "JPY", 1500],
    ["1500.0", "JPY", 1500],
    ["3.995", "USD", 400],
    ["12.345", "KWD", 12345],
    ["-4.10", "EUR", -410],
  ])("reads %s %s as %i", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it("refuses what is not a decimal amount", () => {
    expect(() => toMinorUnits("1e3", "USD")).toThrow(/decimal/);
  });
});

describe("fromMinorUnits", () => {
  it.each([
    [1999, "USD", "19.99"],
    [5, "USD", "0.05"],
    [1500, "JPY", "1500"],
    [-410, "EUR", "-4.10"],
  ])("writes %i %s as %s", (minor, currency, amount) => {
    expect(fromMinorUnits(minor, currency)).toBe(amount);
  });

  it("round-trips every amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (minor) => {
        expect(toMinorUnits(fromMinorUnits(minor, "USD"), "USD")).toBe(minor);
      }),
    );
  });
});

describe("minorUnitDigits", () => {
  it.each([
    ["USD", 2],
    ["JPY", 0],
    ["KWD", 3],
  ])("knows %s has %i decimals", (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });
});

describe("allocate", () => {
  it("splits in proportion and keeps the total", () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(399, [4000, 0, 1000])).toEqual([319, 0, 80]);
  });

  it("gives nothing when there is nothing to weigh", () => {
    expect(allocate(50, [0, 0])).toEqual([0, 0]);
  });

  it("always adds up to the total", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e7 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sum = parts.reduce((acc, part) => acc + part, 0);
          const weighed = weights.some((weight) => weight > 0);

          expect(sum).toBe(weighed ? total : 0);
        },
      ),
    );
  });
});
