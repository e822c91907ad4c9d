import Link from "next/link";
import type { DashboardMetrics } from "@/lib/admin/metrics";
import { formatDateTime } from "@/components/orders/format";
import { formatCount, rupees } from "./format";
import { Breakdown, Panel } from "./panel";

export function OrdersPanel({ metrics }: { metrics: DashboardMetrics }) {
  const { orders } = metrics;
  return (
    <Panel id="orders" title={`Orders (${formatCount(orders.placed)})`} description="Placed in the period, by their status now.">
      <Breakdown
        rows={[
          { label: "Paid", value: formatCount(orders.byStatus.paid) },
          { label: "Partially refunded", value: formatCount(orders.byStatus.partially_refunded) },
          { label: "Refunded", value: formatCount(orders.byStatus.refunded) },
          { label: "Awaiting payment", value: formatCount(orders.byStatus.pending) },
          { label: "Expired unpaid", value: formatCount(orders.byStatus.expired) },
          { label: "Cancelled", value: formatCount(orders.byStatus.cancelled) },
          { label: "Flagged in the period (resolved or not)", value: formatCount(orders.flagged) },
          { label: <Link href="/admin/orders?flagged=true" className="text-brand-800 underline underline-offset-4">Flagged and unresolved, now</Link>, value: formatCount(orders.flaggedOpen), emphasis: orders.flaggedOpen > 0 },
        ]}
      />
    </Panel>
  );
}

export function RefundsPanel({ metrics }: { metrics: DashboardMetrics }) {
  const { refunds, uncaptured } = metrics;
  return (
    <Panel id="refunds" title={`Refunds (${formatCount(refunds.count)})`} description="Refunds created in the period, every reason (admin, duplicate or late payments, mismatches, made in Razorpay).">
      <Breakdown
        rows={[
          { label: `Processed (${formatCount(refunds.byStatus.processed.count)})`, value: rupees(refunds.byStatus.processed.amount) },
          { label: `In progress (${formatCount(refunds.byStatus.pending.count + refunds.byStatus.requested.count)})`, value: rupees(refunds.byStatus.pending.amount + refunds.byStatus.requested.amount) },
          { label: `Failed (${formatCount(refunds.byStatus.failed.count)})`, value: rupees(refunds.byStatus.failed.amount), emphasis: refunds.byStatus.failed.count > 0 },
          { label: "Of credited payments, processed", value: rupees(metrics.money.refunded) },
        ]}
      />
      <h3 className="mt-5 text-sm font-semibold">Authorised, not captured</h3>
      <p className="mt-1 text-sm text-stone-700">
        {uncaptured.count === 0 ? (
          `None older than ${uncaptured.olderThanMinutes} minutes.`
        ) : (
          <>
            <span className="font-semibold tabular-nums">{formatCount(uncaptured.count)}</span> payment(s), <span className="tabular-nums">{rupees(uncaptured.amount)}</span>, held for more than {uncaptured.olderThanMinutes} minutes
            {uncaptured.oldestAt && <> (oldest since {formatDateTime(new Date(uncaptured.oldestAt))})</>}. Reconciliation captures them; Razorpay refunds what stays uncaptured.
          </>
        )}
      </p>
    </Panel>
  );
}
