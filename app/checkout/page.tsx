import type { Metadata } from "next";
import Link from "next/link";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { OrderSummary } from "@/components/checkout/order-summary";
import { PendingOrderOffer } from "@/components/checkout/pending-order-offer";
import { checkoutDefaultsOf, checkoutKeyOf, pendingOrderOf } from "@/lib/cart/cart";
import { shippingCountries, shippingCountriesSentence } from "@/lib/orders/countries";
import { buttonStyles } from "@/components/ui/styles";
import { checkoutBlocker } from "@/lib/cart/checkout-readiness";
import { currentCart } from "@/lib/cart/current";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const cart = await currentCart();

  if (cart.lines.length === 0) {
    return (
      <div className="mx-auto max-w-md py-16 text-center">
        <h1 className="font-display text-3xl font-semibold">Nothing to check out yet</h1>
        <p className="mt-3 text-stone-600">Your cart is empty. Add something you like, then come back here to pay.</p>
        <Link href="/" className={`${buttonStyles.primary} mt-8`}>
          Browse the shop
        </Link>
      </div>
    );
  }

  const { shopName, razorpay, orderTtlMinutes } = config();
  // cart.id is set: a cart with lines has a row.
  const [checkoutKey, pendingOrder, defaults] = await Promise.all([checkoutKeyOf(cart.id!), pendingOrderOf(cart.id), checkoutDefaultsOf(cart.id)]);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-stone-500">
        <Link href="/cart" className="hover:text-brand-800 hover:underline">
          ← Back to cart
        </Link>
      </nav>
      <h1 className="font-display text-3xl font-semibold">Checkout</h1>
      <PendingOrderOffer key={pendingOrder?.orderId ?? "none"} initial={pendingOrder} currency={cart.totals.total.currency} changeHref="/cart" />
      <div className="mt-6 grid gap-8 lg:grid-cols-[1fr_24rem] lg:items-start lg:gap-12">
        <div className="lg:order-last lg:sticky lg:top-24">
          <OrderSummary cart={cart} />
        </div>
        <CheckoutForm
          shopName={shopName}
          checkoutScriptUrl={razorpay.checkoutScriptUrl}
          total={cart.totals.total}
          countries={shippingCountries()}
          deliversTo={shippingCountriesSentence()}
          holdMinutes={orderTtlMinutes}
          checkoutKey={checkoutKey}
          defaults={defaults}
          blocker={checkoutBlocker(cart.lines)}
        />
      </div>
    </>
  );
}
