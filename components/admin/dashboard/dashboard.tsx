import type { DashboardMetrics } from "@/lib/admin/metrics";
import { formatDateTime } from "@/components/orders/format";
import { FailuresPanel } from "./failures-panel";
import { HealthPanel, StatusBadge } from "./health-panel";
import { OrdersPanel, RefundsPanel } from "./orders-panel";
import { Overview } from "./overview";
import { PaymentsByMethod } from "./payments-by-method";
import { VolumeChart } from "./volume-chart";
import { WebhooksPanel } from "./webhooks-panel";

/** The whole dashboard for one period; every figure comes from lib/admin/metrics.ts. */
export function Dashboard({ metrics }: { metrics: DashboardMetrics }) {
  return (
    <div className="space-y-4">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-600">
        <span>
          {formatDateTime(new Date(metrics.period.from))} – {formatDateTime(new Date(metrics.period.to))} IST
        </span>
        <span aria-hidden="true">·</span>
        <span className="flex items-center gap-1.5">
          Shop <StatusBadge status={metrics.health.verdict} />
        </span>
        <a href="#health-heading" className="text-brand-800 underline underline-offset-4">
          why
        </a>
      </p>
      <Overview metrics={metrics} />
      <VolumeChart metrics={metrics} />
      <div className="grid gap-4 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          <PaymentsByMethod metrics={metrics} />
        </div>
        <div className="min-w-0 lg:col-span-2">
          <FailuresPanel metrics={metrics} />
        </div>
      </div>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        <OrdersPanel metrics={metrics} />
        <RefundsPanel metrics={metrics} />
        <WebhooksPanel metrics={metrics} />
      </div>
      <HealthPanel health={metrics.health} />
      <details className="text-xs leading-relaxed text-stone-500">
        <summary className="cursor-pointer font-medium text-stone-700">How these figures are counted</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>A payment belongs to the period in which the shop first recorded it. Succeeded = captured, including captured then refunded.</li>
          <li>Success rate = succeeded ÷ (succeeded + failed) among attempts created in the period. Attempts still authorised have no outcome yet and are left out.</li>
          <li>Collected = the payments credited to orders (one per paid order). Net = collected minus processed refunds of credited payments created in the period. Refunds of payments never credited (a second payment, a late or mismatched one) return money that was never counted as collected.</li>
          <li>Orders are those placed in the period, by their status now. Refunds are those created in the period, by their status now.</li>
          <li>Webhook lag is the time from receipt to processing (nearest-rank percentiles). Backlog, dead events and uncaptured payments are counted now, whatever the period.</li>
          <li>Days and hours are in India Standard Time. Figures computed {formatDateTime(new Date(metrics.generatedAt))}.</li>
        </ul>
      </details>
    </div>
  );
}
