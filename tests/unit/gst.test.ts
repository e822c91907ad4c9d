import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apportion, formatRate, includedGst, lineTax, orderTax, shippingRate, supplyTypeFor, taxableValueOf } from "@/lib/tax/gst";
import { financialYearOf } from "@/lib/tax/numbering";
import { placeOfSupply } from "@/lib/tax/states";
import { indianNumberInWords, rupeesInWords } from "@/lib/tax/words";

const rate = fc.constantFrom(0, 25, 300, 500, 1200, 1800, 2800, 4000);
const paise = fc.integer({ min: 0, max: 50_000_000 });

describe("taking GST out of a tax-inclusive price", () => {
  it("computes the taxable value as amount × 100 / (100 + rate), rounded half up to the paisa", () => {
    expect(taxableValueOf(34_900, 500)).toBe(33_238); // 33238.095… → 33238
    expect(taxableValueOf(105, 500)).toBe(100);
    expect(taxableValueOf(21, 500)).toBe(20); // 20.0 exactly
    expect(taxableValueOf(1, 1800)).toBe(1); // 0.847… → 1
    expect(taxableValueOf(3, 2000)).toBe(3); // 2.5 → 3 (half up)
    expect(taxableValueOf(499_900, 1800)).toBe(423_644); // 423644.07 → 423644
    expect(taxableValueOf(1234, 0)).toBe(1234);
  });

  it("splits a line's tax into CGST and SGST within the state, CGST taking the odd paisa, and into IGST between states", () => {
    expect(lineTax(34_900, 500, "intra_state")).toEqual({ amount: 34_900, rateBasisPoints: 500, taxableValue: 33_238, cgst: 831, sgst: 831, igst: 0 });
    expect(lineTax(34_901, 500, "intra_state")).toEqual({ amount: 34_901, rateBasisPoints: 500, taxableValue: 33_239, cgst: 831, sgst: 831, igst: 0 });
    expect(lineTax(34_902, 500, "intra_state")).toMatchObject({ taxableValue: 33_240, cgst: 831, sgst: 831 });
    expect(lineTax(34_903, 500, "intra_state")).toMatchObject({ taxableValue: 33_241, cgst: 831, sgst: 831 });
    expect(lineTax(34_906, 500, "intra_state")).toMatchObject({ taxableValue: 33_244, cgst: 831, sgst: 831 });
    expect(lineTax(34_907, 500, "intra_state")).toMatchObject({ taxableValue: 33_245, cgst: 831, sgst: 831 });
    expect(lineTax(34_924, 500, "intra_state")).toMatchObject({ taxableValue: 33_261, cgst: 832, sgst: 831 });
    expect(lineTax(34_900, 500, "inter_state")).toEqual({ amount: 34_900, rateBasisPoints: 500, taxableValue: 33_238, cgst: 0, sgst: 0, igst: 1_662 });
  });

  it("makes every line, and so the order, add up to exactly what was charged (any amounts, rates and supply)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ amount: paise, rateBasisPoints: rate }), { minLength: 1, maxLength: 12 }), paise, fc.constantFrom("intra_state" as const, "inter_state" as const), (lines, shipping, supply) => {
        const tax = orderTax({ lines, shipping, supply });
        for (const part of [...tax.lines, tax.shipping]) {
          expect(part.taxableValue + part.cgst + part.sgst + part.igst).toBe(part.amount);
          expect(Math.abs(part.cgst - part.sgst)).toBeLessThanOrEqual(1);
          if (supply === "inter_state") expect(part.cgst + part.sgst).toBe(0);
          else expect(part.igst).toBe(0);
        }
        const total = lines.reduce((sum, line) => sum + line.amount, 0) + shipping;
        expect(tax.totals.amount).toBe(total);
        expect(tax.totals.taxableValue + tax.totals.cgst + tax.totals.sgst + tax.totals.igst).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps each line's tax within half a paisa of the exact tax (no drift from rounding)", () => {
    fc.assert(
      fc.property(paise, rate, (amount, bp) => {
        const { taxableValue } = lineTax(amount, bp, "inter_state");
        // exact taxable = amount × 10000 / (10000 + bp); |rounded − exact| ≤ 1/2
        expect(Math.abs(2 * taxableValue * (10_000 + bp) - 2 * amount * 10_000)).toBeLessThanOrEqual(10_000 + bp);
      }),
    );
  });

  it("taxes shipping at the highest rate among the goods, as a composite supply", () => {
    expect(shippingRate([500, 1800, 1200])).toBe(1800);
    expect(shippingRate([])).toBe(0);
    const tax = orderTax({ lines: [{ amount: 34_900, rateBasisPoints: 500 }, { amount: 499_900, rateBasisPoints: 1800 }], shipping: 4_900, supply: "inter_state" });
    expect(tax.shipping).toEqual({ amount: 4_900, rateBasisPoints: 1800, taxableValue: 4_153, cgst: 0, sgst: 0, igst: 747 });
  });

  it("charges CGST + SGST only for deliveries in the shop's own state in India", () => {
    expect(supplyTypeFor({ state: "Karnataka", country: "IN" }, "Karnataka")).toBe("intra_state");
    expect(supplyTypeFor({ state: " karnataka ", country: "IN" }, "Karnataka")).toBe("intra_state");
    expect(supplyTypeFor({ state: "Maharashtra", country: "IN" }, "Karnataka")).toBe("inter_state");
    expect(supplyTypeFor({ state: "Karnataka", country: "US" }, "Karnataka")).toBe("inter_state");
    expect(supplyTypeFor({ state: "Andaman & Nicobar Islands", country: "IN" }, "Andaman and Nicobar Islands")).toBe("intra_state");
  });

  it("sums the GST included in a recorded order, and knows when none was recorded", () => {
    expect(includedGst({ items: [{ cgst: 831, sgst: 831, igst: 0 }], shippingCgst: 117, shippingSgst: 116, shippingIgst: 0 })).toBe(1_895);
    expect(includedGst({ items: [{ cgst: null, sgst: null, igst: null }], shippingCgst: null, shippingSgst: null, shippingIgst: null })).toBeNull();
  });

  it("writes rates as people read them", () => {
    expect(formatRate(500)).toBe("5%");
    expect(formatRate(1800)).toBe("18%");
    expect(formatRate(25)).toBe("0.25%");
    expect(formatRate(150)).toBe("1.5%");
  });
});

describe("apportioning a refund over what was invoiced", () => {
  it("splits any refund into parts that sum to it exactly, a full refund into exactly the invoiced parts", () => {
    fc.assert(
      fc.property(fc.array(paise, { minLength: 1, maxLength: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), (parts, fraction) => {
        const whole = parts.reduce((sum, part) => sum + part, 0);
        const refund = Math.floor(whole * fraction);
        const shares = apportion(refund, parts);
        expect(shares.reduce((sum, share) => sum + share, 0)).toBe(refund);
        shares.forEach((share, index) => expect(share).toBeLessThanOrEqual(parts[index]));
        expect(apportion(whole, parts)).toEqual(parts);
      }),
    );
  });

  it("refuses to apportion more than was invoiced", () => {
    expect(() => apportion(101, [50, 50])).toThrow(RangeError);
  });
});

describe("the Indian financial year", () => {
  it("puts 31 March 23:59 IST in the old year and 1 April 00:00 IST in the new one", () => {
    expect(financialYearOf(new Date("2027-03-31T23:59:59+05:30"))).toBe("2026-27");
    expect(financialYearOf(new Date("2027-04-01T00:00:00+05:30"))).toBe("2027-28");
    // The same instants in UTC: 18:29:59 and 18:30 on 31 March.
    expect(financialYearOf(new Date("2027-03-31T18:29:59Z"))).toBe("2026-27");
    expect(financialYearOf(new Date("2027-03-31T18:30:00Z"))).toBe("2027-28");
    expect(financialYearOf(new Date("2026-11-26T08:00:00Z"))).toBe("2026-27");
    // 1 January 2100, 01:30 IST: still the year that began in April 2099; the short year wraps to "00".
    expect(financialYearOf(new Date("2099-12-31T20:00:00Z"))).toBe("2099-00");
  });
});

describe("amounts in words", () => {
  it("uses lakh and crore, and says Rupees … and … Paise Only", () => {
    expect(indianNumberInWords(0)).toBe("Zero");
    expect(indianNumberInWords(15)).toBe("Fifteen");
    expect(indianNumberInWords(100_000)).toBe("One Lakh");
    expect(indianNumberInWords(12_345_678)).toBe("One Crore Twenty Three Lakh Forty Five Thousand Six Hundred Seventy Eight");
    expect(indianNumberInWords(1_000_000_000)).toBe("One Hundred Crore");
    expect(rupeesInWords(129_950)).toBe("Rupees One Thousand Two Hundred Ninety Nine and Fifty Paise Only");
    expect(rupeesInWords(34_900)).toBe("Rupees Three Hundred Forty Nine Only");
    expect(rupeesInWords(5)).toBe("Rupees Zero and Five Paise Only");
  });
});

describe("place of supply", () => {
  it("names the state with its GST code", () => {
    expect(placeOfSupply("Karnataka", "IN")).toBe("Karnataka (29)");
    expect(placeOfSupply("Delhi", "IN")).toBe("Delhi (07)");
    expect(placeOfSupply("Bavaria", "DE")).toBe("Outside India (96)");
  });
});
