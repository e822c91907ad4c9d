import { money, type Money } from "@/lib/money";

/** Shipping rule: a flat fee, waived from a subtotal of ₹999. The one place it is decided. */
export const SHIPPING_FEE = 4_900;
export const FREE_SHIPPING_FROM = 99_900;

export interface PricedLine {
  unitPrice: number;
  quantity: number;
}

export interface Totals {
  subtotal: Money;
  shipping: Money;
  total: Money;
}

export function lineTotal(line: PricedLine): number {
  return line.unitPrice * line.quantity;
}

export function orderTotals(lines: readonly PricedLine[], currency = "INR"): Totals {
  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  const shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
  return { subtotal: money(subtotal, currency), shipping: money(shipping, currency), total: money(subtotal + shipping, currency) };
}

/** How much more the shopper would need to spend for free shipping (zero once they qualify). */
export function amountToFreeShipping(subtotal: Money): Money {
  return money(Math.max(0, FREE_SHIPPING_FROM - subtotal.amount), subtotal.currency);
}
