import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import type { AdminOrderRow } from "@/lib/admin/orders";
import { queryString, type OrderSort } from "@/lib/admin/order-filter";
import { formatMoney, money } from "@/lib/money";
import { Badge } from "./badge";
import { METHODS, ORDER_STATUS, PAYMENT_STATUS } from "./labels";

type SortColumn = "created" | "total" | "number";

/** A column header that sorts by it; a second click reverses. Descending first: newest, largest. */
function SortHeader({ column, label, sort, input, className = "" }: { column: SortColumn; label: string; sort: OrderSort; input: Record<string, string>; className?: string }) {
  const active = sort.replace("-", "") === column;
  const descending = sort.startsWith("-");
  const next = active && descending ? column : `-${column}`;
  const href = `/admin/orders?${queryString(input, { sort: next === "-created" ? undefined : next, page: undefined })}`;
  return (
    <th scope="col" className={`px-3 py-2 font-medium ${className}`} aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
      <Link href={href} className="inline-flex items-center gap-1 hover:text-stone-900">
        {label}
        <span aria-hidden="true" className={active ? "text-stone-900" : "text-stone-300"}>
          {active && !descending ? "▲" : "▼"}
        </span>
      </Link>
    </th>
  );
}

function PaymentCell({ order }: { order: AdminOrderRow }) {
  if (!order.payment) return <span className="text-stone-400">No attempt</span>;
  const status = PAYMENT_STATUS[order.payment.status];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Badge tone={status.tone}>{status.label}</Badge>
      <span className="text-stone-600">{order.payment.method ? (METHODS[order.payment.method] ?? order.payment.method) : ""}</span>
      {order.paymentAttempts > 1 && <span className="text-xs text-stone-500">({order.paymentAttempts} attempts)</span>}
    </span>
  );
}

function Amounts({ order }: { order: AdminOrderRow }) {
  const format = (amount: number) => formatMoney(money(amount, order.currency));
  return (
    <>
      <span className="font-medium">{format(order.total)}</span>
      {order.refunded > 0 && <span className="block text-xs text-amber-800">−{format(order.refunded)} refunded</span>}
    </>
  );
}

/** The page of orders: a table on wide screens, a list of cards on a phone. */
export function OrdersTable({ orders, sort, input }: { orders: AdminOrderRow[]; sort: OrderSort; input: Record<string, string> }) {
  if (orders.length === 0) return <p className="rounded-xl border border-dashed border-stone-300 p-8 text-center text-sm text-stone-600">No orders match this filter.</p>;
  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 text-xs text-stone-500 uppercase">
            <tr>
              <SortHeader column="number" label="Order" sort={sort} input={input} />
              <SortHeader column="created" label="Placed" sort={sort} input={input} />
              <th scope="col" className="px-3 py-2 font-medium">
                Customer
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Payment
              </th>
              <SortHeader column="total" label="Total" sort={sort} input={input} className="text-right" />
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {orders.map((order) => (
              <tr key={order.id} className="align-top hover:bg-stone-50">
                <td className="px-3 py-2.5 font-medium">
                  <Link href={`/admin/orders/${order.id}`} className="text-brand-800 underline-offset-4 hover:underline">
                    #{order.number}
                  </Link>
                  {order.flaggedAt && (
                    <span className="ml-1.5" title={order.flagReason ?? "Flagged"}>
                      <Badge tone="bad">Flagged</Badge>
                    </span>
                  )}
                </td>
                <td className="px-3 py-2.5 whitespace-nowrap text-stone-600 tabular-nums">{formatDateTime(order.createdAt)}</td>
                <td className="px-3 py-2.5">
                  <span className="block text-stone-900">{order.customerName}</span>
                  <span className="block text-xs break-all text-stone-500">{order.email}</span>
                </td>
                <td className="px-3 py-2.5">
                  <Badge tone={ORDER_STATUS[order.status].tone}>{ORDER_STATUS[order.status].label}</Badge>
                </td>
                <td className="px-3 py-2.5">
                  <PaymentCell order={order} />
                </td>
                <td className="px-3 py-2.5 text-right tabular-nums">
                  <Amounts order={order} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="divide-y divide-stone-100 md:hidden">
        {orders.map((order) => (
          <li key={order.id}>
            <Link href={`/admin/orders/${order.id}`} className="block py-3 hover:bg-stone-50">
              <div className="flex items-baseline justify-between gap-3">
                <span className="font-semibold text-brand-800">#{order.number}</span>
                <span className="text-sm tabular-nums">
                  <Amounts order={order} />
                </span>
              </div>
              <p className="mt-0.5 truncate text-sm text-stone-700">
                {order.customerName} · <span className="text-stone-500">{order.email}</span>
              </p>
              <div className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs">
                <Badge tone={ORDER_STATUS[order.status].tone}>{ORDER_STATUS[order.status].label}</Badge>
                {order.flaggedAt && <Badge tone="bad">Flagged</Badge>}
                <PaymentCell order={order} />
                <span className="text-stone-500 tabular-nums">{formatDateTime(order.createdAt)}</span>
              </div>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Previous / next, with where we are. */
export function Pagination({ page, pages, input }: { page: number; pages: number; input: Record<string, string> }) {
  if (pages <= 1) return null;
  const href = (target: number) => `/admin/orders?${queryString(input, { page: target === 1 ? undefined : target })}`;
  const link = "rounded-full border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm text-stone-600">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="tabular-nums">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={link} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
