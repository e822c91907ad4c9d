import { z } from "zod";
import { Prisma } from "@/lib/db";
import { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";

/**
 * The admin's order filter: one schema for the page's URL, the JSON API and the CSV export, and
 * one SQL WHERE clause built from it, so the three always agree on which orders a filter means.
 */

export const PAYMENT_METHODS = ["card", "upi", "netbanking", "wallet", "emi"] as const;
/** `-` means descending. Ties are broken by the order number, which is unique. */
export const ORDER_SORTS = ["-created", "created", "-total", "total", "-number", "number"] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** The shop is Indian: a bare date means that day in IST (UTC+05:30, no daylight saving). */
const IST_OFFSET = "+05:30";
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** `a,b` or repeated parameters; each value checked against the allowed ones. */
function list<const T extends readonly [string, ...string[]]>(values: T) {
  return z.string().transform((raw, context) => {
    const items = raw.split(",").map((value) => value.trim()).filter(Boolean);
    const unknown = items.find((item) => !values.includes(item));
    if (unknown !== undefined || items.length === 0) {
      context.addIssue({ code: "custom", message: `must be one of ${values.join(", ")}${unknown === undefined ? "" : ` (got "${unknown}")`}` });
      return z.NEVER;
    }
    return items as T[number][];
  });
}

/** A day (YYYY-MM-DD, in IST) or an ISO 8601 instant with its offset. `end` makes a day inclusive. */
function instant(end: boolean) {
  return z.string().transform((raw, context) => {
    const day = DATE_ONLY.test(raw);
    const parsed = new Date(day ? `${raw}T00:00:00${IST_OFFSET}` : raw);
    const valid = !Number.isNaN(parsed.getTime()) && (day || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw));
    if (!valid) {
      context.addIssue({ code: "custom", message: "must be a date (YYYY-MM-DD) or an ISO 8601 time with its offset" });
      return z.NEVER;
    }
    // `to=2026-11-26` includes that whole day: the bound is the next midnight, exclusive.
    return day && end ? new Date(parsed.getTime() + 86_400_000) : parsed;
  });
}

const pageNumber = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be at least 1").max(max, `must be at most ${max}`))
    .default(fallback);

export const orderFilterSchema = z
  .object({
    status: list(Object.values(OrderStatus) as [OrderStatus, ...OrderStatus[]]).optional(),
    /** Orders with at least one payment in this state; `none`: orders with no payment attempt. */
    paymentStatus: list(["none", ...Object.values(PaymentStatus)] as ["none", ...PaymentStatus[]]).optional(),
    /** Orders with at least one payment made this way. */
    method: list(PAYMENT_METHODS).optional(),
    flagged: z.enum(["true", "false"], { error: "must be true or false" }).transform((value) => value === "true").optional(),
    q: z.string().trim().max(200, "must be at most 200 characters").optional(),
    from: instant(false).optional(),
    to: instant(true).optional(),
    sort: z.enum(ORDER_SORTS, { error: `must be one of ${ORDER_SORTS.join(", ")}` }).default("-created"),
    page: pageNumber(100_000, 1),
    pageSize: pageNumber(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, { path: ["to"], message: "must be after from" });

/** The parameters a filter understands; anything else is refused by name (a typo must not silently widen an export). */
export const FILTER_PARAMS = Object.keys(orderFilterSchema.shape);

export type OrderFilter = z.output<typeof orderFilterSchema>;
export type OrderFilterInput = z.input<typeof orderFilterSchema>;

/**
 * URL search parameters → filter input. Empty values (a blank select in a GET form) mean "any";
 * repeated parameters are joined as a list.
 */
export function filterInputFromParams(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries: [string, string][] =
    params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).flatMap(([key, value]) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item): [string, string] => [key, item]));
  const input: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value.trim() === "") continue;
    input[key] = key in input ? `${input[key]},${value}` : value;
  }
  return input;
}

/** What a search term can be, decided by its shape so each kind uses the narrowest condition. */
export type SearchTerm =
  | { kind: "razorpayOrder"; id: string }
  | { kind: "razorpayPayment"; id: string }
  | { kind: "razorpayRefund"; id: string }
  | { kind: "email"; email: string }
  | { kind: "numberOrPhone"; number: number | null; digits: string }
  | { kind: "text"; text: string };

export function classifySearch(q: string): SearchTerm {
  const term = q.trim();
  if (/^order_[A-Za-z0-9]+$/.test(term)) return { kind: "razorpayOrder", id: term };
  if (/^pay_[A-Za-z0-9]+$/.test(term)) return { kind: "razorpayPayment", id: term };
  if (/^rfnd_[A-Za-z0-9]+$/.test(term)) return { kind: "razorpayRefund", id: term };
  if (/^[^\s@]+@[^\s@]+$/.test(term)) return { kind: "email", email: term.toLowerCase() };
  const digits = term.replace(/[\s()+#-]/g, "");
  if (/^\d+$/.test(digits)) {
    const number = Number(digits);
    // Order numbers are PostgreSQL integers; longer digit strings can only be phone numbers.
    return { kind: "numberOrPhone", number: digits.length <= 9 && number <= 2_147_483_647 ? number : null, digits };
  }
  return { kind: "text", text: term.toLowerCase() };
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

function searchCondition(term: SearchTerm): Prisma.Sql {
  switch (term.kind) {
    case "razorpayOrder":
      return Prisma.sql`o.razorpay_order_id = ${term.id}`;
    case "razorpayPayment":
      return Prisma.sql`EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.id = ${term.id})`;
    case "razorpayRefund":
      return Prisma.sql`EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id AND r.razorpay_refund_id = ${term.id})`;
    case "email":
      // Emails are stored lower-cased (checkout normalises them): an exact match uses orders(email, created_at).
      return Prisma.sql`o.email = ${term.email}`;
    case "numberOrPhone": {
      // Phones are stored as +<digits>; what an admin types may lack the country code, so match the end.
      const phone = term.digits.length >= 6 ? Prisma.sql`o.phone LIKE ${`%${term.digits}`}` : Prisma.sql`false`;
      return term.number === null ? phone : Prisma.sql`(o.number = ${term.number} OR ${phone})`;
    }
    case "text":
      return Prisma.sql`(o.email LIKE ${likePattern(term.text)} OR lower(o.customer_name) LIKE ${likePattern(term.text)})`;
  }
}

/** The WHERE clause (alias `o` for orders) every admin listing of orders shares. */
export function whereClause(filter: Omit<OrderFilter, "sort" | "page" | "pageSize">, extra: Prisma.Sql[] = []): Prisma.Sql {
  const conditions: Prisma.Sql[] = [...extra];
  if (filter.status) conditions.push(Prisma.sql`o.status = ANY(${filter.status}::order_status[])`);
  if (filter.paymentStatus) {
    const statuses = filter.paymentStatus.filter((status) => status !== "none");
    const some: Prisma.Sql[] = [];
    if (statuses.length) some.push(Prisma.sql`EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status::text = ANY(${statuses}::text[]))`);
    if (filter.paymentStatus.includes("none")) some.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id)`);
    conditions.push(Prisma.sql`(${Prisma.join(some, " OR ")})`);
  }
  if (filter.method) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.method = ANY(${filter.method}::text[]))`);
  if (filter.flagged !== undefined) conditions.push(filter.flagged ? Prisma.sql`o.flagged_at IS NOT NULL` : Prisma.sql`o.flagged_at IS NULL`);
  if (filter.from) conditions.push(Prisma.sql`o.created_at >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`o.created_at < ${filter.to}`);
  if (filter.q) conditions.push(searchCondition(classifySearch(filter.q)));
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const SORT_COLUMNS = { created: "o.created_at", total: "o.total", number: "o.number" } as const;

export function sortOf(sort: OrderSort): { column: keyof typeof SORT_COLUMNS; descending: boolean } {
  const descending = sort.startsWith("-");
  return { column: sort.replace("-", "") as keyof typeof SORT_COLUMNS, descending };
}

export function orderByClause(sort: OrderSort): Prisma.Sql {
  const { column, descending } = sortOf(sort);
  const direction = descending ? "DESC" : "ASC";
  if (column === "number") return Prisma.raw(`ORDER BY o.number ${direction}`);
  return Prisma.raw(`ORDER BY ${SORT_COLUMNS[column]} ${direction}, o.number ${direction}`);
}

/** The position of the last row read, for keyset paging in the filter's sort order. */
export interface OrderCursor {
  value: Date | number;
  number: number;
}

/**
 * Rows after the cursor in the sort order. Written as `col <= v AND (col < v OR number < n)` rather
 * than a row comparison so the first half can use the single-column index on created_at.
 */
export function afterCursor(sort: OrderSort, cursor: OrderCursor): Prisma.Sql {
  const { column, descending } = sortOf(sort);
  const [strict, loose] = descending ? ["<", "<="] : [">", ">="];
  if (column === "number") return Prisma.sql`o.number ${Prisma.raw(strict)} ${cursor.number}`;
  const col = Prisma.raw(SORT_COLUMNS[column]);
  return Prisma.sql`${col} ${Prisma.raw(loose)} ${cursor.value} AND (${col} ${Prisma.raw(strict)} ${cursor.value} OR o.number ${Prisma.raw(strict)} ${cursor.number})`;
}

/** The filter's parameters as given (after dropping empty ones), with some replaced: for links to other pages, sorts and the export. */
export function queryString(input: Record<string, string>, overrides: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...input, ...overrides })) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}
