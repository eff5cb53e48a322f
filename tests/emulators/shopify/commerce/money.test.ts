import { describe, expect, it } from "vitest";
import { allocateCents, formatDecimal, multiplyCents, toCents } from "./money";

describe("money as Shopify prints and rounds it", () => {
  it.each([
    [2000, "20.0"],
    [1990, "19.9"],
    [1999, "19.99"],
    [5, "0.05"],
    [0, "0.0"],
    [-250, "-2.5"],
  ])("prints %i cents as %s", (cents, printed) => {
    expect(formatDecimal(cents)).toBe(printed);
  });

  it.each([
    ["19.99", 1999],
    ["20", 2000],
    ["0.5", 50],
    [12.5, 1250],
    ["1.005", 101],
    ["-3.10", -310],
  ])("reads %s as %i cents", (value, cents) => {
    expect(toCents(value)).toBe(cents);
  });

  it("rejects text that is not a decimal", () => {
    expect(() => toCents("12,50")).toThrow("Invalid decimal");
  });

  it.each([
    // 36.00 × 8.875 % = 3.195: half-up gives 3.20, not banker's 3.19.
    [3600, 0.08875, 320],
    [500, 0.08875, 44],
    [4000, 0.0725, 290],
    [1, 0.5, 1],
  ])("rounds %i × %f half-up to %i cents", (cents, rate, expected) => {
    expect(multiplyCents(cents, rate)).toBe(expected);
  });

  it("allocates a total in proportion, the remainder to the last share", () => {
    expect(allocateCents(400, [2000, 2500])).toEqual([177, 223]);
    expect(allocateCents(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(allocateCents(100, [0, 0])).toEqual([0, 0]);
  });
});
