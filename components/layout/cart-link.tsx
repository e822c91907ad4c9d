import Link from "next/link";
import { currentCart } from "@/lib/cart/current";

function CartIcon() {
  return (
    <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M5 8h14l-1.2 11.1a2 2 0 0 1-2 1.9H8.2a2 2 0 0 1-2-1.9z" />
      <path d="M9 10V6.5a3 3 0 0 1 6 0V10" />
    </svg>
  );
}

/**
 * `count` is null while the cart is still being read, so the link never shows a wrong number. The
 * name comes from the content (visible text plus screen-reader words: "Cart, 2 items"), so it
 * always contains what sighted users see.
 */
export function CartLinkView({ count }: { count: number | null }) {
  return (
    <Link href="/cart" className="relative inline-flex items-center gap-2 rounded-full border border-stone-300 bg-white px-4 py-2 text-sm font-semibold text-stone-800 transition-colors hover:border-brand-600 hover:text-brand-800">
      <CartIcon />
      {/* Flex children are named with spaces between them: the comma stays inside the label's span. */}
      <span>
        Cart
        {count === 0 && <span className="sr-only">, empty</span>}
        {count !== null && count > 0 && <span className="sr-only">,</span>}
      </span>
      {count !== null && count > 0 && (
        <>
          {/* Over the corner, not beside the label: the count arrives after the page (Suspense) and must move nothing. */}
          <span className="absolute -top-2 -right-2 inline-flex min-w-5 items-center justify-center rounded-full bg-brand-700 px-1.5 text-xs leading-5 text-white tabular-nums">{count}</span>
          <span className="sr-only">{count === 1 ? "item" : "items"}</span>
        </>
      )}
    </Link>
  );
}

export async function CartLink() {
  const cart = await currentCart();
  return <CartLinkView count={cart.count} />;
}
