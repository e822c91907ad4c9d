import type { Metadata } from "next";
import Link from "next/link";
import { PaymentPageLink } from "@/components/payments/payment-page-link";
import { OrderItems, PaymentHistory } from "@/components/orders/order-details";
import { formatDateTime } from "@/components/orders/format";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { requireShopper } from "@/lib/auth/guards";
import { claimOrdersOfVerifiedEmail } from "@/lib/auth/ownership";
import { shopperOrders, type ShopperOrder } from "@/lib/auth/shopper-orders";
import { formatMoney, money } from "@/lib/money";
import { orderLinks } from "@/lib/orders/links";

export const metadata: Metadata = { title: "Your orders", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const statusLabels: Record<ShopperOrder["status"], string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  expired: "Expired",
  cancelled: "Cancelled",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
};

function StatusHistory({ order }: { order: ShopperOrder }) {
  return (
    <section aria-label={`Status history of order #${order.number}`} className={`${cardStyles} p-5 sm:p-6`}>
      <h3 className="text-base font-semibold text-stone-900">Status history</h3>
      <ol className="mt-2 space-y-1 text-sm">
        {order.events.map((event) => (
          <li key={String(event.id)} className="flex justify-between gap-3">
            <span>{statusLabels[event.toState as ShopperOrder["status"]] ?? event.toState}</span>
            <span className="text-stone-500">{formatDateTime(event.createdAt)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export default async function AccountOrdersPage({ searchParams }: Props) {
  const shopper = await requireShopper();
  // Orders placed with this verified address since the last visit (guest or signed in) become theirs.
  await claimOrdersOfVerifiedEmail(shopper.id);
  const query = await searchParams;
  const { orders, total, page, pages } = await shopperOrders(shopper.id, Number(typeof query.page === "string" ? query.page : 1));

  return (
    <div className="mx-auto max-w-4xl">
      <p className="text-sm text-stone-500">Signed in as {shopper.email}</p>
      <h1 className="mt-1 font-display text-3xl font-semibold">Your orders</h1>
      {total === 0 ? (
        <p className="mt-6 text-stone-600">{shopper.emailVerified ? "No orders with this email address yet." : "Sign in with the link we email you to see the orders placed with this address."}</p>
      ) : (
        <p className="mt-2 text-sm text-stone-600">
          {total} order{total === 1 ? "" : "s"}, newest first.
        </p>
      )}
      <ol className="mt-6 space-y-10">
        {orders.map((order) => (
          <li key={order.id} data-testid="account-order" aria-label={`Order #${order.number}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-display text-xl font-semibold">
                <PaymentPageLink href={orderLinks(order).orderUrl} className="hover:underline">
                  Order #{order.number}
                </PaymentPageLink>
              </h2>
              <p className="text-sm text-stone-600">
                {statusLabels[order.status]} · {formatMoney(money(order.total, order.currency))} · {formatDateTime(order.createdAt)}
              </p>
            </div>
            <div className="mt-3 grid gap-4 lg:grid-cols-[1fr_20rem] lg:items-start">
              <OrderItems order={order} />
              <div className="space-y-4">
                <PaymentHistory order={order} />
                <StatusHistory order={order} />
              </div>
            </div>
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-8 flex items-center justify-between">
          {page > 1 ? (
            <Link className={buttonStyles.secondary} href={`/account/orders?page=${page - 1}`}>
              Newer orders
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-600">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link className={buttonStyles.secondary} href={`/account/orders?page=${page + 1}`}>
              Older orders
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
