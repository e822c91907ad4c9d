import type { Metadata } from "next";
import Link from "next/link";
import { CART_HEADING_ID } from "@/components/cart/cart-line-controls";
import { CartLineItem } from "@/components/cart/cart-line-item";
import { CheckoutButton } from "@/components/cart/checkout-button";
import { FreeShippingProgress } from "@/components/cart/free-shipping-progress";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { TotalsList } from "@/components/ui/totals";
import { PendingOrderOffer } from "@/components/checkout/pending-order-offer";
import { pendingOrderOf } from "@/lib/cart/cart";
import { currentCart } from "@/lib/cart/current";
import { FocusRequest } from "@/components/ui/focus-request";

export const metadata: Metadata = { title: "Your cart" };

export default async function CartPage() {
  const cart = await currentCart();

  if (cart.lines.length === 0) {
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <FocusRequest />
        <h1 id={CART_HEADING_ID} tabIndex={-1} className="font-display text-3xl font-semibold">
          Your cart is empty
        </h1>
        <p className="mt-3 text-stone-600">Fresh teas, hand-pounded spices and handmade pottery are waiting for you.</p>
        <Link href="/" className={`${buttonStyles.primary} mt-8`}>
          Browse the shop
        </Link>
      </div>
    );
  }

  const { currency } = cart.totals.total;
  const pendingOrder = await pendingOrderOf(cart.id);
  return (
    <>
      <FocusRequest />
      <h1 id={CART_HEADING_ID} tabIndex={-1} className="font-display text-3xl font-semibold">
        Your cart
      </h1>
      <PendingOrderOffer key={pendingOrder?.orderId ?? "none"} initial={pendingOrder} currency={currency} changeHref="#cart-items" />
      <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_22rem] lg:items-start lg:gap-12">
        <section aria-labelledby="cart-items">
          <h2 id="cart-items" className="sr-only">
            Items
          </h2>
          <ul className="divide-y divide-stone-200 border-y border-stone-200">
            {cart.lines.map((line) => (
              <CartLineItem key={line.variantId} line={line} currency={currency} />
            ))}
          </ul>
          <Link href="/" className={`${buttonStyles.quiet} mt-6 inline-block`}>
            ← Continue shopping
          </Link>
        </section>

        <aside aria-labelledby="cart-summary" className={`${cardStyles} space-y-5 p-5 sm:p-6 lg:sticky lg:top-24`}>
          <h2 id="cart-summary" className="text-lg font-semibold">
            Order summary
          </h2>
          <FreeShippingProgress subtotal={cart.totals.subtotal} />
          <TotalsList totals={cart.totals} />
          <CheckoutButton lines={cart.lines} reasonId="checkout-blocked" />
          <p className="text-center text-xs text-stone-500">You’ll pay securely through Razorpay on the next step.</p>
        </aside>
      </div>
    </>
  );
}
