import type { CartView } from "@/lib/cart/cart";
import { formatMoney, money } from "@/lib/money";
import { ProductImage } from "@/components/ui/product-image";
import { cardStyles } from "@/components/ui/styles";
import { TotalsList } from "@/components/ui/totals";

/** The cart as the order will be placed: the server prices it again when the order is created. */
export function OrderSummary({ cart }: { cart: CartView }) {
  const { currency } = cart.totals.total;
  return (
    <section aria-labelledby="summary-heading" className={`${cardStyles} p-5 sm:p-6`}>
      <h2 id="summary-heading" className="text-lg font-semibold">
        Order summary
      </h2>
      <ul className="mt-4 divide-y divide-stone-100">
        {cart.lines.map((line) => (
          <li key={line.variantId} className="flex items-center gap-3 py-3">
            <div className="relative w-14 shrink-0">
              <ProductImage src={line.image} alt="" className="rounded-lg ring-1 ring-stone-200/70" />
              <span className="absolute -top-2 -right-2 inline-flex min-w-5 items-center justify-center rounded-full bg-stone-700 px-1 text-xs leading-5 font-semibold text-white" aria-hidden="true">
                {line.quantity}
              </span>
            </div>
            <p className="min-w-0 flex-1 text-sm leading-snug">
              {line.name}
              {line.variantName && <span className="block text-stone-500">{line.variantName}</span>}
              <span className="sr-only">, quantity {line.quantity}</span>
            </p>
            <p className="text-sm font-medium tabular-nums">{formatMoney(money(line.lineTotal, currency))}</p>
          </li>
        ))}
      </ul>
      <div className="mt-4 border-t border-stone-200 pt-4">
        <TotalsList totals={cart.totals} />
      </div>
    </section>
  );
}
