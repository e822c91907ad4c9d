import Link from "next/link";
import { Suspense } from "react";
import { shopName } from "@/lib/config";
import { formatMoney, money } from "@/lib/money";
import { FREE_SHIPPING_FROM } from "@/lib/orders/totals";
import { CartLink, CartLinkView } from "./cart-link";
import { CatalogBar } from "./catalog-bar";

export function ShopMark({ className = "size-9" }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" className={className} aria-hidden="true">
      <rect width="64" height="64" rx="16" className="fill-brand-800" />
      <path d="M16 26h26v8c0 9-5 16-13 16s-13-7-13-16z" fill="#f6c26b" />
      <path d="M42 29c8 0 8 12-1 12" stroke="#f6c26b" strokeWidth="4" fill="none" />
      <path d="M23 12c-3 4 3 6 0 10M31 12c-3 4 3 6 0 10" stroke="#fde7c2" strokeWidth="3" fill="none" strokeLinecap="round" />
    </svg>
  );
}

export function SiteHeader() {
  return (
    <>
      {/* A named region, so this line too sits in a landmark (axe: region). */}
      <section aria-label="Shipping and payments" className="bg-brand-900 px-4 py-2 text-center text-xs font-medium tracking-wide text-brand-50">
        Free shipping on orders from {formatMoney(money(FREE_SHIPPING_FROM))} · Secure payments by Razorpay
      </section>
      <header className="sticky top-0 z-30 border-b border-stone-200/80 bg-paper/90 backdrop-blur supports-[backdrop-filter]:bg-paper/75">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2.5 rounded-lg">
            <ShopMark />
            <span className="font-display text-lg font-semibold tracking-tight text-stone-900 sm:text-xl">{shopName()}</span>
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1 sm:gap-3">
            <Link href="/" className="hidden rounded-full px-3 py-2 text-sm font-medium text-stone-700 hover:text-brand-800 sm:inline-block">
              Shop all
            </Link>
            <Link href="/account/orders" className="rounded-full px-3 py-2 text-sm font-medium text-stone-700 hover:text-brand-800">
              Your orders
            </Link>
            <Suspense fallback={<CartLinkView count={null} />}>
              <CartLink />
            </Suspense>
          </nav>
        </div>
        <CatalogBar />
      </header>
    </>
  );
}
