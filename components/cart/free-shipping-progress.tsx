import { formatMoney, type Money } from "@/lib/money";
import { amountToFreeShipping, FREE_SHIPPING_FROM } from "@/lib/orders/totals";

/** Tells the shopper how far they are from free shipping; the rule itself lives in lib/orders/totals. */
export function FreeShippingProgress({ subtotal }: { subtotal: Money }) {
  const missing = amountToFreeShipping(subtotal);
  const percent = Math.min(100, Math.round((subtotal.amount / FREE_SHIPPING_FROM) * 100));
  return (
    <div className="rounded-xl bg-brand-50 p-3 text-sm text-brand-900">
      <p>
        {missing.amount > 0 ? (
          <>
            Add <strong className="tabular-nums">{formatMoney(missing)}</strong> more for free shipping.
          </>
        ) : (
          <strong>Your order ships free.</strong>
        )}
      </p>
      <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-brand-100" aria-hidden="true">
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
