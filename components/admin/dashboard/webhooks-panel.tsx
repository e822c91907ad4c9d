import type { DashboardMetrics } from "@/lib/admin/metrics";
import { formatCount, formatDuration } from "./format";
import { Breakdown, Panel } from "./panel";

export function WebhooksPanel({ metrics }: { metrics: DashboardMetrics }) {
  const { now, period, rejected } = metrics.webhooks;
  return (
    <Panel id="webhooks" title="Webhooks" description="Backlog and dead events as they are now; lag over events received in the period.">
      <Breakdown
        rows={[
          { label: "Waiting (pending + processing)", value: `${formatCount(now.pending)} + ${formatCount(now.processing)}` },
          { label: "Oldest waiting for", value: now.oldestPendingSeconds === null ? "—" : formatDuration(now.oldestPendingSeconds * 1_000), emphasis: (now.oldestPendingSeconds ?? 0) >= 120 },
          { label: "Dead, need a replay", value: formatCount(now.dead), emphasis: now.dead > 0 },
          { label: "Received in the period", value: formatCount(period.received) },
          { label: "Received → processed, median", value: formatDuration(period.lagMs.p50) },
          { label: "Received → processed, 95th percentile", value: formatDuration(period.lagMs.p95) },
          { label: "Died in the period", value: formatCount(period.dead) },
        ]}
      />
      <h3 className="mt-5 text-sm font-semibold">Rejected before the inbox ({formatCount(rejected.total)})</h3>
      <p className="text-xs text-stone-500">Counted per UTC day, so whole days touching the period. Many bad signatures usually mean a wrong webhook secret.</p>
      {rejected.byReason.length > 0 && (
        <ul className="mt-1 divide-y divide-stone-100 text-sm">
          {rejected.byReason.map((row) => (
            <li key={row.reason} className="flex justify-between gap-3 py-1.5">
              <code className="font-mono text-xs text-stone-700">{row.reason}</code>
              <span className="tabular-nums">{formatCount(row.count)}</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
