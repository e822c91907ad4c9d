import { describe, expect, it } from "vitest";
import { formatMoney, money } from "@/lib/money";
import { FREE_SHIPPING_FROM, orderTotals, SHIPPING_FEE } from "@/lib/orders/totals";

describe("formatMoney", () => {
  it("formats paise as rupees the Indian way", () => {
    expect(formatMoney(money(129_900))).toBe("₹1,299.00");
    expect(formatMoney(money(5))).toBe("₹0.05");
    expect(formatMoney(money(12_345_678))).toBe("₹1,23,456.78");
    expect(formatMoney(money(0))).toBe("₹0.00");
  });

  it("knows currencies without minor units", () => {
    expect(formatMoney(money(1500, "JPY"))).toBe("JP¥1,500");
  });

  it("refuses fractional minor units", () => {
    expect(() => money(12.5)).toThrow(RangeError);
  });
});

describe("orderTotals", () => {
  it("adds flat shipping below the threshold", () => {
    const totals = orderTotals([{ unitPrice: 30_000, quantity: 2 }, { unitPrice: 14_900, quantity: 1 }]);
    expect(totals.subtotal.amount).toBe(74_900);
    expect(totals.shipping.amount).toBe(SHIPPING_FEE);
    expect(totals.total.amount).toBe(74_900 + SHIPPING_FEE);
  });

  it("ships free from the threshold on", () => {
    expect(orderTotals([{ unitPrice: FREE_SHIPPING_FROM, quantity: 1 }]).shipping.amount).toBe(0);
    expect(orderTotals([{ unitPrice: FREE_SHIPPING_FROM - 1, quantity: 1 }]).shipping.amount).toBe(SHIPPING_FEE);
  });

  it("charges nothing for an empty cart", () => {
    expect(orderTotals([]).total.amount).toBe(0);
  });
});
