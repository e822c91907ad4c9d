import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CompletePayment } from "@/components/orders/complete-payment";
import { DeliveryDetails, OrderItems, PaymentHistory } from "@/components/orders/order-details";
import { OrderStatusWatcher } from "@/components/orders/order-status-watcher";
import { StatusBanner } from "@/components/orders/status-banner";
import { TaxDocuments } from "@/components/orders/tax-documents";
import { orderTaxDocuments } from "@/lib/tax/documents";
import { taxDocumentLinks } from "@/lib/tax/links";
import { formatDateTime } from "@/components/orders/format";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { orderLinks } from "@/lib/orders/links";
import { findOrderForToken, orderStatusView, type OrderStatusView, type OrderWithDetails } from "@/lib/orders/status";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** A wrong or missing token looks exactly like a missing order. Cached so metadata and page share one query. */
const orderFor = cache(async (id: string, token: string | null): Promise<OrderWithDetails> => {
  try {
    return await findOrderForToken(id, token);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

async function orderFromRequest({ params, searchParams }: Props): Promise<OrderWithDetails> {
  const [{ id }, { token }] = await Promise.all([params, searchParams]);
  return orderFor(id, typeof token === "string" ? token : null);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const order = await orderFromRequest(props);
  // The URL carries the order's access token: keep it out of search engines.
  return { title: `Order #${order.number}`, robots: { index: false, follow: false } };
}

/**
 * The Razorpay order to pay from this page: only while it can still be paid and no payment is in
 * flight. A payment that could not be credited (it is being refunded) leaves the order payable.
 */
function payableRazorpayOrder(order: OrderWithDetails, view: OrderStatusView): string | null {
  const open = order.status === "pending" && order.expiresAt.getTime() > Date.now();
  return open && ["awaiting", "failed", "refunding", "refunded"].includes(view.paymentStatus) ? order.razorpayOrderId : null;
}

export default async function OrderPage(props: Props) {
  const order = await orderFromRequest(props);
  const view = orderStatusView(order);
  const { statusUrl, orderUrl } = orderLinks(order);
  const { shopName, razorpay } = config();
  const razorpayOrderId = payableRazorpayOrder(order, view);

  return (
    <div className="mx-auto max-w-4xl">
      <p className="text-sm text-stone-500">Placed {formatDateTime(order.createdAt)}</p>
      <h1 className="mt-1 font-display text-3xl font-semibold sm:text-4xl">Order #{order.number}</h1>

      <div className="mt-6 space-y-4">
        <StatusBanner order={order} view={view} />
        <OrderStatusWatcher statusUrl={statusUrl} current={view} />
        {razorpayOrderId && (
          <CompletePayment
            order={{ keyId: razorpay.keyId, razorpayOrderId, amount: order.total, currency: order.currency, orderNumber: order.number, orderUrl }}
            payer={{ name: order.customerName, email: order.email, phone: order.phone }}
            shopName={shopName}
            checkoutScriptUrl={razorpay.checkoutScriptUrl}
          />
        )}
      </div>

      <div className="mt-8 grid gap-6 lg:grid-cols-[1fr_20rem] lg:items-start">
        <OrderItems order={order} />
        <div className="space-y-6">
          <DeliveryDetails order={order} />
          <PaymentHistory order={order} />
          <TaxDocuments documents={taxDocumentLinks(order.id, await orderTaxDocuments(order.id), { token: order.accessToken })} currency={order.currency} />
        </div>
      </div>

      <p className="mt-8 text-sm text-stone-600">Keep this page's address: it is the private link to your order.</p>
    </div>
  );
}
