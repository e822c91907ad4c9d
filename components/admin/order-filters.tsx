import Link from "next/link";
import { PAYMENT_METHODS } from "@/lib/admin/order-filter";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { METHODS, ORDER_STATUS, PAYMENT_STATUS } from "./labels";

const label = "block text-xs font-medium text-stone-600";
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filter as a plain GET form: the URL holds the filter, so it can be bookmarked, shared and
 * reloaded, and it works before any JavaScript has loaded.
 */
export function OrderFilters({ input }: { input: Record<string, string> }) {
  const value = (key: string) => input[key] ?? "";
  // A list given through the URL (status=refunded,partially_refunded) shows as "any" in a single select; it still applies until changed.
  const single = (key: string) => (value(key).includes(",") ? "" : value(key));
  return (
    <form method="get" action="/admin/orders" role="search" aria-label="Filter orders" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <div className="col-span-2 sm:col-span-3 lg:col-span-2">
        <label htmlFor="q" className={label}>
          Search
        </label>
        <input id="q" name="q" type="search" defaultValue={value("q")} placeholder="Order #, email, phone, order_…, pay_… or rfnd_…" className={`${inputStyles} mt-1 w-full`} />
      </div>
      <div>
        <label htmlFor="status" className={label}>
          Order status
        </label>
        <select id="status" name="status" defaultValue={single("status")} className={`${inputStyles} mt-1 w-full`}>
          <option value="">Any</option>
          {Object.entries(ORDER_STATUS).map(([status, { label: text }]) => (
            <option key={status} value={status}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="paymentStatus" className={label}>
          Payment
        </label>
        <select id="paymentStatus" name="paymentStatus" defaultValue={single("paymentStatus")} className={`${inputStyles} mt-1 w-full`}>
          <option value="">Any</option>
          {Object.entries(PAYMENT_STATUS).map(([status, { label: text }]) => (
            <option key={status} value={status}>
              Any attempt {text.toLowerCase()}
            </option>
          ))}
          <option value="none">No attempt</option>
        </select>
      </div>
      <div>
        <label htmlFor="method" className={label}>
          Method
        </label>
        <select id="method" name="method" defaultValue={single("method")} className={`${inputStyles} mt-1 w-full`}>
          <option value="">Any</option>
          {PAYMENT_METHODS.map((method) => (
            <option key={method} value={method}>
              {METHODS[method]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="flagged" className={label}>
          Flagged
        </label>
        <select id="flagged" name="flagged" defaultValue={value("flagged")} className={`${inputStyles} mt-1 w-full`}>
          <option value="">Any</option>
          <option value="true">Flagged</option>
          <option value="false">Not flagged</option>
        </select>
      </div>
      <div>
        <label htmlFor="from" className={label}>
          From (IST)
        </label>
        <input id="from" name="from" type="date" defaultValue={DAY.test(value("from")) ? value("from") : ""} className={`${inputStyles} mt-1 w-full`} />
      </div>
      <div>
        <label htmlFor="to" className={label}>
          To (IST, inclusive)
        </label>
        <input id="to" name="to" type="date" defaultValue={DAY.test(value("to")) ? value("to") : ""} className={`${inputStyles} mt-1 w-full`} />
      </div>
      {input.sort && <input type="hidden" name="sort" value={input.sort} />}
      {input.pageSize && <input type="hidden" name="pageSize" value={input.pageSize} />}
      <div className="col-span-2 flex items-end gap-3 sm:col-span-3 lg:col-span-4">
        <button type="submit" className={buttonStyles.primary}>
          Apply
        </button>
        <Link href="/admin/orders" className={buttonStyles.quiet}>
          Clear
        </Link>
      </div>
    </form>
  );
}
