import { db, Prisma } from "@/lib/db";
import { parseInput } from "@/lib/http";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { afterCursor, FILTER_PARAMS, filterInputFromParams, orderByClause, orderFilterSchema, whereClause, type OrderCursor, type OrderFilter } from "./order-filter";

/** One order as the admin's list and export show it. Amounts in minor units. */
export interface AdminOrderRow {
  id: string;
  number: number;
  createdAt: Date;
  status: OrderStatus;
  customerName: string;
  email: string;
  phone: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
  subtotal: number;
  shipping: number;
  total: number;
  currency: string;
  /** Refunds Razorpay has processed, across all payments of the order. */
  refunded: number;
  razorpayOrderId: string | null;
  /** The payment that paid the order, else the latest attempt. */
  payment: { id: string; status: PaymentStatus; method: string | null; errorReason: string | null } | null;
  paymentAttempts: number;
  flaggedAt: Date | null;
  flagReason: string | null;
}

export interface AdminOrderPage {
  orders: AdminOrderRow[];
  /** Every order matching the filter, not just this page. */
  count: number;
  /** Sum of the matching orders' totals, in minor units of `currency` (the shop sells in one currency). */
  total: number;
  currency: string;
  page: number;
  pageSize: number;
  pages: number;
}

/** Parses URL parameters into a filter; bad input is an AppError naming the parameter. */
export function parseOrderFilter(params: URLSearchParams | Record<string, string | string[] | undefined>): { filter: OrderFilter; input: Record<string, string> } {
  const input = filterInputFromParams(params);
  const unknown = Object.keys(input).find((key) => !FILTER_PARAMS.includes(key));
  if (unknown) throw new AppError("invalid_request", `${unknown}: is not a filter (use ${FILTER_PARAMS.join(", ")})`, { [unknown]: `is not a filter (use ${FILTER_PARAMS.join(", ")})` });
  return { filter: parseInput(orderFilterSchema, input), input };
}

interface RawRow {
  id: string;
  number: number;
  created_at: Date;
  status: OrderStatus;
  customer_name: string;
  email: string;
  phone: string;
  city: string;
  state: string;
  postal_code: string;
  country: string;
  subtotal: number;
  shipping: number;
  total: number;
  currency: string;
  refunded: bigint;
  razorpay_order_id: string | null;
  payment_id: string | null;
  payment_status: PaymentStatus | null;
  payment_method: string | null;
  payment_error_reason: string | null;
  payment_attempts: bigint;
  flagged_at: Date | null;
  flag_reason: string | null;
}

/**
 * The orders of one page (or export batch) are chosen first, from `orders` alone, so the per-row
 * facts (latest payment, attempts, refunded) are computed for those rows only, never for the rows
 * an OFFSET skips.
 */
function rowsQuery(where: Prisma.Sql, orderBy: Prisma.Sql, window: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id, o.number, o.created_at, o.status, o.customer_name, o.email, o.phone, o.city, o.state, o.postal_code, o.country,
           o.subtotal, o.shipping, o.total, o.currency::text AS currency, o.razorpay_order_id, o.flagged_at, o.flag_reason,
           p.id AS payment_id, p.status AS payment_status, p.method AS payment_method, p.error_reason AS payment_error_reason,
           (SELECT count(*) FROM payments a WHERE a.order_id = o.id) AS payment_attempts,
           (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.order_id = o.id AND r.status = 'processed') AS refunded
    FROM (SELECT o.* FROM orders o ${where} ${orderBy} ${window}) o
    LEFT JOIN LATERAL (
      SELECT id, status, method, error_reason FROM payments WHERE order_id = o.id ORDER BY credited DESC, created_at DESC LIMIT 1
    ) p ON true
    ${orderBy}`;
}

function toRow(raw: RawRow): AdminOrderRow {
  return {
    id: raw.id,
    number: raw.number,
    createdAt: raw.created_at,
    status: raw.status,
    customerName: raw.customer_name,
    email: raw.email,
    phone: raw.phone,
    city: raw.city,
    state: raw.state,
    postalCode: raw.postal_code,
    country: raw.country,
    subtotal: raw.subtotal,
    shipping: raw.shipping,
    total: raw.total,
    currency: raw.currency,
    refunded: Number(raw.refunded),
    razorpayOrderId: raw.razorpay_order_id,
    payment: raw.payment_id && raw.payment_status ? { id: raw.payment_id, status: raw.payment_status, method: raw.payment_method, errorReason: raw.payment_error_reason } : null,
    paymentAttempts: Number(raw.payment_attempts),
    flaggedAt: raw.flagged_at,
    flagReason: raw.flag_reason,
  };
}

/** The main query of /admin/orders: one page of the filter in its sort order. */
export function orderPageQuery(filter: OrderFilter): Prisma.Sql {
  return rowsQuery(whereClause(filter), orderByClause(filter.sort), Prisma.sql`LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`);
}

/** One page of orders matching the filter, with the count and value of everything it matches. */
export async function listOrders(filter: OrderFilter): Promise<AdminOrderPage> {
  const [rows, [summary]] = await Promise.all([
    db().$queryRaw<RawRow[]>(orderPageQuery(filter)),
    db().$queryRaw<{ count: bigint; total: bigint | null; currency: string | null }[]>`
      SELECT count(*) AS count, sum(o.total) AS total, min(o.currency::text) AS currency FROM orders o ${whereClause(filter)}`,
  ]);
  const count = Number(summary.count);
  return {
    orders: rows.map(toRow),
    count,
    total: Number(summary.total ?? 0),
    currency: summary.currency ?? "INR",
    page: filter.page,
    pageSize: filter.pageSize,
    pages: Math.max(1, Math.ceil(count / filter.pageSize)),
  };
}

/** Up to `limit` orders after the cursor in the filter's sort order (the export's batches). */
export async function ordersAfter(filter: OrderFilter, cursor: OrderCursor | null, limit: number): Promise<AdminOrderRow[]> {
  const where = whereClause(filter, cursor ? [afterCursor(filter.sort, cursor)] : []);
  const rows = await db().$queryRaw<RawRow[]>(rowsQuery(where, orderByClause(filter.sort), Prisma.sql`LIMIT ${limit}`));
  return rows.map(toRow);
}

/** The keyset position of a row for the filter's sort. */
export function cursorOf(filter: OrderFilter, row: AdminOrderRow): OrderCursor {
  const column = filter.sort.replace("-", "");
  return { value: column === "total" ? row.total : row.createdAt, number: row.number };
}
