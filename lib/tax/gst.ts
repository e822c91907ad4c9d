/**
 * GST on a tax-inclusive order: the one place the rules live.
 *
 * Prices are shown and charged inclusive of GST, so tax is taken out of what the shopper pays,
 * never added to it. The rounding rule, applied once per line (and once to shipping):
 *
 *   taxable value = inclusive amount × 100 / (100 + rate), rounded to the nearest paisa (half up);
 *   tax           = inclusive amount − taxable value (so each line adds up to what was charged);
 *   within the shop's state the tax is CGST + SGST, CGST taking the odd paisa (CGST = ⌈tax/2⌉);
 *   between states (and outside India) it is all IGST.
 *
 * Order totals are sums of the lines, so taxable value + CGST + SGST + IGST equals the order's
 * total exactly, by construction.
 *
 * Shipping is part of a composite supply whose principal supply is the goods (CGST Act s. 8(a)),
 * so it is taxed at the highest rate among the order's goods: with mixed rates that is the
 * conservative reading (never under-paying tax).
 *
 * Rates are in basis points (500 = 5%), so every computation is integer arithmetic in paise.
 */

export type SupplyType = "intra_state" | "inter_state";

export interface LineTax {
  /** What the shopper paid for the line, tax included (paise). */
  amount: number;
  rateBasisPoints: number;
  taxableValue: number;
  cgst: number;
  sgst: number;
  igst: number;
}

export interface OrderTax {
  supply: SupplyType;
  lines: LineTax[];
  shipping: LineTax;
  totals: { amount: number; taxableValue: number; cgst: number; sgst: number; igst: number };
}

const WHOLE = 10_000;

/** Inclusive amount × 10000 / (10000 + rate), rounded half up, with integers only. */
export function taxableValueOf(inclusive: number, rateBasisPoints: number): number {
  if (!Number.isSafeInteger(inclusive) || inclusive < 0) throw new RangeError(`amounts are non-negative paise, got ${inclusive}`);
  if (!Number.isInteger(rateBasisPoints) || rateBasisPoints < 0) throw new RangeError(`rates are non-negative basis points, got ${rateBasisPoints}`);
  const divisor = WHOLE + rateBasisPoints;
  return Math.floor((2 * inclusive * WHOLE + divisor) / (2 * divisor));
}

export function lineTax(amount: number, rateBasisPoints: number, supply: SupplyType): LineTax {
  const taxableValue = taxableValueOf(amount, rateBasisPoints);
  const tax = amount - taxableValue;
  if (supply === "inter_state") return { amount, rateBasisPoints, taxableValue, cgst: 0, sgst: 0, igst: tax };
  const sgst = Math.floor(tax / 2);
  return { amount, rateBasisPoints, taxableValue, cgst: tax - sgst, sgst, igst: 0 };
}

const normalise = (state: string) => state.trim().toLowerCase().replace(/\s+/g, " ").replace(/&/g, "and");

/** CGST + SGST when the goods go to the shop's own state in India; IGST otherwise (other states, exports). */
export function supplyTypeFor(destination: { state: string; country: string }, shopState: string): SupplyType {
  return destination.country === "IN" && normalise(destination.state) === normalise(shopState) ? "intra_state" : "inter_state";
}

/** The rate shipping is taxed at: the highest among the goods (composite supply, see above). */
export function shippingRate(lineRates: readonly number[]): number {
  return lineRates.reduce((highest, rate) => Math.max(highest, rate), 0);
}

export function orderTax(input: { lines: readonly { amount: number; rateBasisPoints: number }[]; shipping: number; supply: SupplyType }): OrderTax {
  const lines = input.lines.map((line) => lineTax(line.amount, line.rateBasisPoints, input.supply));
  const shipping = lineTax(input.shipping, shippingRate(input.lines.map((line) => line.rateBasisPoints)), input.supply);
  const totals = { amount: 0, taxableValue: 0, cgst: 0, sgst: 0, igst: 0 };
  for (const part of [...lines, shipping]) {
    totals.amount += part.amount;
    totals.taxableValue += part.taxableValue;
    totals.cgst += part.cgst;
    totals.sgst += part.sgst;
    totals.igst += part.igst;
  }
  return { supply: input.supply, lines, shipping, totals };
}

/**
 * Splits a refund over what was invoiced (lines then shipping), in proportion to each part's
 * amount, largest remainders first, so the parts sum to the refund exactly and a full refund
 * splits into exactly the invoiced amounts. Each part is then taxed by the same rule as the invoice.
 */
export function apportion(total: number, parts: readonly number[]): number[] {
  const whole = parts.reduce((sum, part) => sum + part, 0);
  if (total < 0 || total > whole) throw new RangeError(`cannot apportion ${total} over ${whole}`);
  if (whole === 0) return parts.map(() => 0);
  // BigInt: refund × part can pass 2^53 for large orders.
  const shares = parts.map((part, index) => {
    const product = BigInt(total) * BigInt(part);
    return { index, floor: Number(product / BigInt(whole)), remainder: Number(product % BigInt(whole)) };
  });
  let left = total - shares.reduce((sum, share) => sum + share.floor, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index)) {
    if (left === 0) break;
    share.floor += 1;
    left -= 1;
  }
  return shares.map((share) => share.floor);
}

/** "5%" or "0.25%" for display. */
export function formatRate(rateBasisPoints: number): string {
  const whole = Math.floor(rateBasisPoints / 100);
  const fraction = rateBasisPoints % 100;
  return fraction === 0 ? `${whole}%` : `${whole}.${String(fraction).padStart(2, "0").replace(/0$/, "")}%`;
}

type TaxParts = { cgst: number | null; sgst: number | null; igst: number | null };

/** The GST included in an order's total, from its snapshot; null for an order placed before GST was recorded. */
export function includedGst(order: { items: TaxParts[]; shippingCgst: number | null; shippingSgst: number | null; shippingIgst: number | null }): number | null {
  const parts = [...order.items, { cgst: order.shippingCgst, sgst: order.shippingSgst, igst: order.shippingIgst }];
  if (parts.some((part) => part.cgst === null || part.sgst === null || part.igst === null)) return null;
  return parts.reduce((sum, part) => sum + part.cgst! + part.sgst! + part.igst!, 0); // nulls ruled out just above
}
