import { formatMoney, type Money } from "@/lib/money";
import type { Totals } from "@/lib/orders/totals";

/** Subtotal, shipping and total, exactly as the server computed them; prices include GST (`gst`: the amount, once an order recorded it). */
export function TotalsList({ totals, gst }: { totals: Totals; gst?: Money }) {
  return (
    <dl className="space-y-2 text-sm">
      <div className="flex justify-between">
        <dt className="text-stone-600">Subtotal</dt>
        <dd className="tabular-nums">{formatMoney(totals.subtotal)}</dd>
      </div>
      <div className="flex justify-between">
        <dt className="text-stone-600">Shipping</dt>
        <dd className="tabular-nums">{totals.shipping.amount === 0 ? <span className="font-medium text-brand-700">Free</span> : formatMoney(totals.shipping)}</dd>
      </div>
      <div className="flex justify-between border-t border-stone-200 pt-3 text-base font-semibold text-stone-900">
        <dt>Total</dt>
        <dd className="tabular-nums">{formatMoney(totals.total)}</dd>
      </div>
      <div className="flex justify-between text-xs text-stone-500">
        <dt>{gst ? "Includes GST of" : "Taxes"}</dt>
        <dd className="tabular-nums">{gst ? formatMoney(gst) : "incl. of all taxes (GST)"}</dd>
      </div>
    </dl>
  );
}
