/**
 * Money is an integer number of minor units (paise for INR) with its currency. Amounts never
 * pass through floating point except to be displayed, here.
 */
export interface Money {
  amount: number;
  currency: string;
}

export function money(amount: number, currency = "INR"): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amounts are integers of minor units, got ${amount}`);
  return { amount, currency };
}

export function sameMoney(a: Money, b: Money): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let formatter = formatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-IN", { style: "currency", currency });
    formatters.set(currency, formatter);
  }
  return formatter;
}

/** "₹1,299.00" for { amount: 129900, currency: "INR" }. */
export function formatMoney({ amount, currency }: Money): string {
  const formatter = formatterFor(currency);
  const exponent = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amount / 10 ** exponent);
}

/** "1,299.00" for { amount: 129900, currency: "INR" }: grouped like formatMoney, without the symbol (PDF fonts may lack ₹). */
export function formatAmount({ amount, currency }: Money): string {
  const exponent = formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en-IN", { minimumFractionDigits: exponent, maximumFractionDigits: exponent }).format(amount / 10 ** exponent);
}

/** "1299.00" for { amount: 129900, currency: "INR" }: plain decimal major units for files (CSV), by integer arithmetic. */
export function toDecimalString({ amount, currency }: Money): string {
  const exponent = formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2;
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.abs(amount)).padStart(exponent + 1, "0");
  return exponent === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** "1,299.5" or "1299.50" typed by a person → 129950 minor units, without floating point; null if it is not an amount. */
export function parseDecimalAmount(text: string, currency = "INR"): number | null {
  const exponent = formatterFor(currency).resolvedOptions().maximumFractionDigits ?? 2;
  const match = new RegExp(`^(\\d{1,12})(?:\\.(\\d{1,${Math.max(exponent, 1)}}))?$`).exec(text.replaceAll(",", "").trim());
  if (!match || (exponent === 0 && match[2])) return null;
  const minor = Number(match[1]) * 10 ** exponent + Number((match[2] ?? "").padEnd(exponent, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}
