import type { DashboardMetrics } from "@/lib/admin/metrics";
import { formatCount, formatRate, rupees } from "./format";
import { Stat } from "./panel";

/** The four figures an owner looks at first. */
export function Overview({ metrics }: { metrics: DashboardMetrics }) {
  const { money, payments, refunds, orders } = metrics;
  const paidOrders = orders.byStatus.paid + orders.byStatus.partially_refunded + orders.byStatus.refunded;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Stat label="Collected" value={rupees(money.collected)} tone="good" detail={<>Credited payments. Net of processed refunds: <span className="font-medium text-stone-700 tabular-nums">{rupees(money.net)}</span></>} />
      <Stat
        label="Success rate"
        value={formatRate(payments.successRate)}
        detail={`${formatCount(payments.succeeded)} succeeded ÷ (${formatCount(payments.succeeded)} + ${formatCount(payments.failed)} failed) of ${formatCount(payments.attempts)} attempts`}
      />
      <Stat label="Refunded" value={rupees(refunds.byStatus.processed.amount)} detail={`${formatCount(refunds.byStatus.processed.count)} processed · ${formatCount(refunds.byStatus.failed.count)} failed · ${formatCount(refunds.byStatus.pending.count + refunds.byStatus.requested.count)} in progress`} tone={refunds.byStatus.failed.count > 0 ? "warn" : "neutral"} />
      <Stat label="Orders paid" value={formatCount(paidOrders)} detail={`of ${formatCount(orders.placed)} placed · ${formatCount(orders.byStatus.expired)} expired · ${formatCount(orders.byStatus.cancelled)} cancelled`} />
    </dl>
  );
}
