import Link from "next/link";
import type { CartLine } from "@/lib/cart/cart";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";
import { formatMoney, money } from "@/lib/money";
import { ProductImage } from "@/components/ui/product-image";
import { CartLineControls } from "./cart-line-controls";

function stockProblem(line: CartLine): string | null {
  if (line.stock === 0) return "Sold out since you added it. Remove it to check out.";
  if (line.quantity > line.stock) return `Only ${line.stock} left. Lower the quantity to check out.`;
  return null;
}

export function CartLineItem({ line, currency }: { line: CartLine; currency: string }) {
  const problem = stockProblem(line);
  // Never offer fewer options than the shopper already has, or the select could not show it.
  const maxQuantity = Math.max(line.quantity, Math.min(line.stock, MAX_QUANTITY_PER_LINE));
  return (
    <li className="flex gap-4 py-5 sm:gap-6">
      <Link href={`/products/${line.slug}`} className="w-20 shrink-0 self-start overflow-hidden rounded-xl ring-1 ring-stone-200/70 sm:w-28" tabIndex={-1} aria-hidden="true">
        <ProductImage src={line.image} alt="" />
      </Link>
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:justify-between">
        <div className="min-w-0">
          <h3 className="font-medium leading-snug text-stone-900">
            <Link href={`/products/${line.slug}`} className="hover:text-brand-800 hover:underline">
              {line.name}
            </Link>
          </h3>
          {line.variantName && <p className="text-sm text-stone-600">{line.variantName}</p>}
          <p className="mt-1 text-sm text-stone-500 tabular-nums">{formatMoney(money(line.unitPrice, currency))} each</p>
          <div className="mt-3">
            <CartLineControls variantId={line.variantId} name={line.variantName ? `${line.name}, ${line.variantName}` : line.name} quantity={line.quantity} maxQuantity={maxQuantity} />
          </div>
          {problem && <p className="mt-2 text-sm font-medium text-amber-800">{problem}</p>}
        </div>
        <p className="font-semibold text-stone-900 tabular-nums sm:text-right">
          <span className="sr-only">Line total: </span>
          {formatMoney(money(line.lineTotal, currency))}
        </p>
      </div>
    </li>
  );
}
