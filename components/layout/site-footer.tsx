import Link from "next/link";
import { shopName } from "@/lib/config";
import { formatMoney, money } from "@/lib/money";
import { FREE_SHIPPING_FROM, SHIPPING_FEE } from "@/lib/orders/totals";
import { PolicyLinks } from "./policy-links";
import { ShopMark } from "./site-header";

export function SiteFooter() {
  const name = shopName();
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 text-sm text-stone-600 sm:grid-cols-2 sm:px-6 lg:grid-cols-4">
        <div>
          <div className="flex items-center gap-2">
            <ShopMark className="size-7" />
            <span className="font-display text-base font-semibold text-stone-900">{name}</span>
          </div>
          <p className="mt-3 max-w-xs">Teas, spices, snacks and handmade goods, sourced from small producers across India.</p>
        </div>
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wider text-stone-900">Shipping</h2>
          <p className="mt-3">
            Free shipping from {formatMoney(money(FREE_SHIPPING_FROM))}; otherwise a flat {formatMoney(money(SHIPPING_FEE))}.
          </p>
        </div>
        <div>
          <h2 className="text-xs font-semibold uppercase tracking-wider text-stone-900">Payments</h2>
          <p className="mt-3">Pay securely with cards, UPI or netbanking through Razorpay. We never see your card details.</p>
          <nav aria-label="Footer" className="mt-4 flex gap-4">
            <Link href="/" className="hover:text-brand-800">
              Shop
            </Link>
            <Link href="/cart" className="hover:text-brand-800">
              Your cart
            </Link>
          </nav>
        </div>
        <PolicyLinks />
      </div>
      <p className="border-t border-stone-100 py-4 text-center text-xs text-stone-500">
        © {new Date().getFullYear()} {name}
      </p>
    </footer>
  );
}
