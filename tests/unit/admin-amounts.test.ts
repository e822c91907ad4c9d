import { describe, expect, it } from "vitest";
import { money, parseDecimalAmount, toDecimalString } from "@/lib/money";

describe("amounts an admin types", () => {
  it("reads rupees with or without paise and thousands separators into paise, exactly", () => {
    expect(parseDecimalAmount("250")).toBe(25_000);
    expect(parseDecimalAmount("249.5")).toBe(24_950);
    expect(parseDecimalAmount("249.50")).toBe(24_950);
    expect(parseDecimalAmount(" 1,299.99 ")).toBe(129_999);
    expect(parseDecimalAmount("0.29")).toBe(29);
    expect(parseDecimalAmount("0.07")).toBe(7);
  });

  it("refuses what is not an amount: signs, three decimals, letters, empty", () => {
    for (const text of ["", "-5", "+5", "1.999", "1e3", "abc", "1.2.3", "."]) expect(parseDecimalAmount(text), text).toBeNull();
  });

  it("round-trips with the decimal formatter used to prefill the form", () => {
    for (const paise of [1, 99, 100, 24_950, 129_999, 100_000_000]) expect(parseDecimalAmount(toDecimalString(money(paise)))).toBe(paise);
  });
});
