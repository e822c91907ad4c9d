"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formatTime } from "@/components/orders/format";
import { PaymentPageLink } from "@/components/payments/payment-page-link";
import { buttonStyles } from "@/components/ui/styles";
import type { PendingOrder } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";

interface Props {
  /** What the server saw when it rendered the page. */
  initial: PendingOrder | null;
  currency: string;
  changeHref: string;
}

/**
 * The way back to an order the shopper left unpaid (closed the popup, reloaded, pressed Back):
 * pay it, or change the cart, which cancels it and puts its items back on the shelf. Asks the
 * cart API again when it appears, because Back shows the page as it was before the order existed.
 */
export function PendingOrderOffer({ initial, currency, changeHref }: Props) {
  const [order, setOrder] = useState(initial);
  useEffect(() => {
    let current = true;
    fetch("/api/cart", { cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<{ pendingOrder: PendingOrder | null }>) : null))
      .then((body) => {
        if (body && current) setOrder(body.pendingOrder);
      })
      .catch(() => undefined); // Offline: what the page was rendered with stands.
    return () => {
      current = false;
    };
  }, []);
  if (!order) return null;
  return (
    <section aria-labelledby="pending-order-heading" className="mt-6 rounded-2xl border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h2 id="pending-order-heading" className="font-semibold text-amber-950">
        Order #{order.orderNumber} is waiting for payment
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        {formatMoney({ amount: order.total, currency })}. Your items are held for you until {formatTime(new Date(order.expiresAt))}. Changing your cart cancels this order and releases its items.
      </p>
      <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap">
        <PaymentPageLink href={order.orderUrl} className={`${buttonStyles.primary} py-3`}>
          Complete payment for order #{order.orderNumber}
        </PaymentPageLink>
        <Link href={changeHref} className={`${buttonStyles.secondary} py-3`}>
          Change my cart
        </Link>
      </div>
    </section>
  );
}
