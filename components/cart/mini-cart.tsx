"use client";

import Link from "next/link";
import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from "react";
import { CheckoutButton } from "./checkout-button";
import { ProductImage } from "@/components/ui/product-image";
import { buttonStyles } from "@/components/ui/styles";
import type { CartView } from "@/lib/cart/cart";
import { formatMoney, money } from "@/lib/money";

const FOCUSABLE = 'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The cart as the server returned it after "Add to cart", in a drawer over the page: a modal
 * <dialog>, so the page behind is inert and Escape closes it. Tab wraps inside it; closing hands
 * focus back through `onClose` (the caller knows its trigger). `cart` null means closed.
 */
export function MiniCart({ cart, onClose }: { cart: CartView | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const checkoutReasonId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (cart && !element.open) {
      element.showModal();
      heading.current?.focus();
    } else if (!cart && element.open) {
      element.close();
    }
  }, [cart]);

  function keepTabInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const focusable = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === heading.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // A click that lands on the dialog element itself is a click on its backdrop.
  function closeOnBackdrop(event: MouseEvent<HTMLDialogElement>) {
    if (event.target === event.currentTarget) dialog.current?.close();
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={headingId}
      onClose={onClose}
      onKeyDown={keepTabInside}
      onClick={closeOnBackdrop}
      className="fixed inset-y-0 right-0 left-auto m-0 h-dvh max-h-none w-full max-w-md overflow-hidden bg-white p-0 text-stone-800 shadow-2xl backdrop:bg-stone-900/40"
    >
      {cart && (
        <div className="flex h-full flex-col">
          <div className="flex items-center justify-between gap-4 border-b border-stone-200 px-5 py-4">
            <h2 id={headingId} ref={heading} tabIndex={-1} className="font-display text-xl font-semibold">
              Added to your cart
            </h2>
            <button type="button" onClick={() => dialog.current?.close()} className="inline-flex size-11 items-center justify-center rounded-full text-stone-600 hover:bg-stone-100 hover:text-stone-900" aria-label="Close cart">
              <svg viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden="true">
                <path d="M5 5l10 10M15 5 5 15" />
              </svg>
            </button>
          </div>

          <ul className="flex-1 divide-y divide-stone-100 overflow-y-auto px-5" aria-label="Items in your cart">
            {cart.lines.map((line) => (
              <li key={line.variantId} className="flex items-center gap-3 py-4">
                <div className="w-16 shrink-0 overflow-hidden rounded-lg ring-1 ring-stone-200/70">
                  <ProductImage src={line.image} alt="" />
                </div>
                <div className="min-w-0 flex-1 text-sm">
                  <p className="font-medium leading-snug text-stone-900">{line.name}</p>
                  {line.variantName && <p className="text-stone-600">{line.variantName}</p>}
                  <p className="mt-0.5 text-stone-600 tabular-nums">
                    Qty {line.quantity} · {formatMoney(money(line.unitPrice, cart.totals.total.currency))} each
                  </p>
                  {line.stock === 0 ? (
                    <p className="mt-1 font-medium text-amber-800">Sold out</p>
                  ) : line.quantity > line.stock ? (
                    <p className="mt-1 font-medium text-amber-800">Only {line.stock} left</p>
                  ) : null}
                </div>
                <p className="text-sm font-semibold tabular-nums">{formatMoney(money(line.lineTotal, cart.totals.total.currency))}</p>
              </li>
            ))}
          </ul>

          <div className="space-y-3 border-t border-stone-200 bg-stone-50 px-5 py-5">
            <p className="flex justify-between text-base font-semibold text-stone-900">
              <span>Subtotal</span>
              <span className="tabular-nums">{formatMoney(cart.totals.subtotal)}</span>
            </p>
            <p className="text-xs text-stone-600">Shipping is added at checkout.</p>
            <CheckoutButton lines={cart.lines} reasonId={checkoutReasonId} />
            <div className="flex items-center justify-between gap-4">
              <Link href="/cart" className={`${buttonStyles.secondary} flex-1`}>
                View cart
              </Link>
              <button type="button" onClick={() => dialog.current?.close()} className={`${buttonStyles.secondary} flex-1`}>
                Continue shopping
              </button>
            </div>
          </div>
        </div>
      )}
    </dialog>
  );
}
