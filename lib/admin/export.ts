import { money, toDecimalString } from "@/lib/money";
import type { OrderFilter } from "./order-filter";
import { cursorOf, ordersAfter, type AdminOrderRow } from "./orders";

/**
 * The CSV export of a filter. Orders are read in batches along a keyset cursor and written as
 * the reader pulls, so memory holds one batch whatever the number of orders.
 */
export const EXPORT_BATCH_SIZE = 500;

const COLUMNS: [string, (row: AdminOrderRow) => string | number | null][] = [
  ["order_number", (row) => row.number],
  ["created_at", (row) => row.createdAt.toISOString()],
  ["status", (row) => row.status],
  ["customer_name", (row) => row.customerName],
  ["email", (row) => row.email],
  ["phone", (row) => row.phone],
  ["city", (row) => row.city],
  ["state", (row) => row.state],
  ["postal_code", (row) => row.postalCode],
  ["country", (row) => row.country],
  ["currency", (row) => row.currency],
  ["subtotal", (row) => toDecimalString(money(row.subtotal, row.currency))],
  ["shipping", (row) => toDecimalString(money(row.shipping, row.currency))],
  ["total", (row) => toDecimalString(money(row.total, row.currency))],
  ["refunded", (row) => toDecimalString(money(row.refunded, row.currency))],
  ["payment_status", (row) => row.payment?.status ?? null],
  ["payment_method", (row) => row.payment?.method ?? null],
  ["payment_attempts", (row) => row.paymentAttempts],
  ["razorpay_order_id", (row) => row.razorpayOrderId],
  ["razorpay_payment_id", (row) => row.payment?.id ?? null],
  ["flagged", (row) => (row.flaggedAt ? "yes" : "no")],
  ["flag_reason", (row) => row.flagReason],
  ["order_id", (row) => row.id],
];

/**
 * One CSV field (RFC 4180). Text a spreadsheet would run as a formula (= + - @, and tab or
 * carriage return that some read the same way) is prefixed with a quote so it stays text.
 * Numbers are written as they are: a negative amount is a number, not a formula.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: (string | number | null)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const CSV_HEADER = csvLine(COLUMNS.map(([name]) => name));

export function csvRow(row: AdminOrderRow): string {
  return csvLine(COLUMNS.map(([, value]) => value(row)));
}

export interface ExportOptions {
  batchSize?: number;
  /** Told the size of each batch read (for tests and logs). */
  onBatch?: (rows: number) => void;
}

/** A byte stream of the filter's orders as CSV (header first), read from the database as it is consumed. */
export function exportOrdersCsv(filter: OrderFilter, options: ExportOptions = {}): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  const encoder = new TextEncoder();
  let cursor: ReturnType<typeof cursorOf> | null = null;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(CSV_HEADER));
          return;
        }
        if (done) return;
        const rows = await ordersAfter(filter, cursor, batchSize);
        options.onBatch?.(rows.length);
        if (rows.length > 0) {
          cursor = cursorOf(filter, rows[rows.length - 1]);
          controller.enqueue(encoder.encode(rows.map(csvRow).join("")));
        }
        if (rows.length < batchSize) {
          done = true;
          controller.close();
        }
      },
    },
    // Back-pressure: read the next batch only when the previous one has been taken.
    { highWaterMark: 1 },
  );
}

/** `orders-2026-11-26.csv`: the day of the export in IST. */
export function exportFileName(now = new Date()): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata" }).format(now);
  return `orders-${day}.csv`;
}
