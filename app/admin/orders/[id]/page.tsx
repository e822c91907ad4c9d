import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Badge } from "@/components/admin/badge";
import { ORDER_STATUS } from "@/components/admin/labels";
import { CustomerCard, heading, ItemsCard, PaymentsCard, RefundsList, Timeline, WebhookList } from "@/components/admin/order-sections";
import { RefundForm } from "@/components/admin/refund-form";
import { ResolveFlagForm } from "@/components/admin/resolve-flag-form";
import { formatDateTime } from "@/components/orders/format";
import { cardStyles } from "@/components/ui/styles";
import { TaxDocuments } from "@/components/orders/tax-documents";
import { orderTaxDocuments } from "@/lib/tax/documents";
import { taxDocumentLinks } from "@/lib/tax/links";
import { adminOrderDetail, type AdminOrderDetail } from "@/lib/admin/order-detail";
import { requireAdmin } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";

type Props = { params: Promise<{ id: string }> };

const detailFor = cache(async (id: string): Promise<AdminOrderDetail> => {
  try {
    return await adminOrderDetail(id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireAdmin();
  const { order } = await detailFor((await params).id);
  return { title: `Order #${order.number}` };
}

/** One order as the shop owner needs it: what was bought, by whom, every payment and refund, and everything that happened. */
export default async function AdminOrderPage({ params }: Props) {
  await requireAdmin();
  const { order, refundable, webhooks, timeline } = await detailFor((await params).id);
  const status = ORDER_STATUS[order.status];
  const card = `${cardStyles} p-4 sm:p-5`;

  return (
    <div className="space-y-5">
      <div>
        <Link href="/admin/orders" className="text-sm text-stone-600 underline-offset-4 hover:underline">
          ← Orders
        </Link>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h1 className="font-display text-2xl font-semibold sm:text-3xl">Order #{order.number}</h1>
          <Badge tone={status.tone}>{status.label}</Badge>
        </div>
        <p className="mt-1 text-sm text-stone-600">
          Placed {formatDateTime(order.createdAt)}
          {order.paidAt && ` · paid ${formatDateTime(order.paidAt)}`}
          {order.expiredAt && ` · expired ${formatDateTime(order.expiredAt)}`}
          {order.cancelledAt && ` · cancelled ${formatDateTime(order.cancelledAt)}`}
          {order.status === "pending" && ` · reservation ends ${formatDateTime(order.expiresAt)}`}
          <span className="block font-mono text-xs text-stone-500">{order.id}</span>
        </p>
      </div>

      {order.flaggedAt && (
        <section aria-labelledby="flag-heading" className="rounded-2xl border border-red-200 bg-red-50 p-4 sm:p-5">
          <h2 id="flag-heading" className="text-base font-semibold text-red-900">
            Flagged {formatDateTime(order.flaggedAt)}
          </h2>
          <p className="mt-1 text-sm break-words text-red-900">{order.flagReason}</p>
          <p className="mt-1 text-sm text-red-900">A captured payment that could not be credited is refunded automatically: see Refunds below.</p>
          <ResolveFlagForm orderId={order.id} />
        </section>
      )}

      {/* Two columns on a wide screen; on a phone one column with the customer and refunds right after the items. */}
      <div className="flex flex-col gap-5 lg:grid lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="contents lg:block lg:min-w-0 lg:space-y-5">
          <div className="order-1 min-w-0">
            <ItemsCard order={order} />
          </div>
          <div className="order-4 min-w-0">
            <PaymentsCard order={order} />
          </div>
          <section aria-labelledby="timeline-heading" className={`${card} order-5 min-w-0`}>
            <h2 id="timeline-heading" className={`${heading} mb-4`}>
              Timeline
            </h2>
            <Timeline entries={timeline} />
          </section>
          <section aria-labelledby="webhooks-heading" className={`${card} order-6 min-w-0`}>
            <h2 id="webhooks-heading" className={`${heading} mb-3`}>
              Webhooks
            </h2>
            <WebhookList webhooks={webhooks} />
          </section>
        </div>
        <div className="contents lg:block lg:min-w-0 lg:space-y-5">
          <div className="order-2 min-w-0">
            <CustomerCard order={order} />
          </div>
          <div className="order-3 min-w-0">
            <TaxDocuments documents={taxDocumentLinks(order.id, await orderTaxDocuments(order.id), "admin")} currency={order.currency} />
          </div>
          <section aria-labelledby="refunds-heading" className={`${card} order-3 min-w-0`}>
            <h2 id="refunds-heading" className={`${heading} mb-3`}>
              Refunds
            </h2>
            <RefundsList order={order} />
            {refundable > 0 && (
              <div className="mt-4 border-t border-stone-200 pt-4">
                <h3 className="mb-2 text-sm font-semibold text-stone-900">New refund</h3>
                <RefundForm orderId={order.id} refundable={refundable} currency={order.currency} />
              </div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
