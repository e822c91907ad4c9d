import { dashboardMetrics, parsePeriod, type DashboardMetrics } from "@/lib/admin/metrics";
import { critical, ok, warning, type Finding } from "./findings";

/**
 * The period's payment figures, from the admin dashboard's own queries (lib/admin/metrics.ts), and
 * its health verdict (lib/admin/health.ts) as findings: the audit judges nothing the dashboard
 * would judge differently.
 */

const DAY = 24 * 60 * 60 * 1000;

export async function readPaymentMetrics(days: number, now = new Date()): Promise<DashboardMetrics> {
  return dashboardMetrics(parsePeriod({ from: new Date(now.getTime() - days * DAY).toISOString(), to: now.toISOString() }, now), now);
}

const percent = (value: number | null) => (value === null ? "n/a" : `${(value * 100).toFixed(1)}%`);
const rupees = (paise: number) => `₹${(paise / 100).toFixed(2)}`;

export function describeMetrics(metrics: DashboardMetrics): string[] {
  const { payments, failures, money, refunds } = metrics;
  const finished = payments.succeeded + payments.failed;
  const refundRate = money.collected === 0 ? null : money.refunded / money.collected;
  return [
    `Period: ${metrics.period.from} → ${metrics.period.to}`,
    `Payment attempts: ${payments.attempts} (succeeded ${payments.succeeded}, failed ${payments.failed}, still authorised ${payments.authorized})`,
    `Success rate: ${percent(payments.successRate)}; failure rate: ${percent(finished === 0 ? null : payments.failed / finished)}`,
    `Collected ${rupees(money.collected)}, refunded ${rupees(money.refunded)} (refund rate ${percent(refundRate)}), net ${rupees(money.net)}`,
    `Refunds: ${refunds.count} (${rupees(refunds.amount)})`,
    `Top failure reasons: ${failures.topReasons.length ? failures.topReasons.map(({ reason, count }) => `${reason} (${count})`).join(", ") : "none"}`,
  ];
}

export function checkMetrics(metrics: DashboardMetrics): Finding[] {
  return metrics.health.rules.map((rule) => {
    const message = `${rule.label}: ${rule.value === null ? "nothing to measure" : `${Math.round(rule.value * 10) / 10}${rule.unit === "percent" ? "%" : rule.unit === "seconds" ? " s" : ""}`} (degraded at ${rule.degradedAt}, unhealthy at ${rule.unhealthyAt})`;
    if (rule.status === "unhealthy") return critical(`metrics.${rule.id}`, message);
    if (rule.status === "degraded") return warning(`metrics.${rule.id}`, message);
    return ok(`metrics.${rule.id}`, message);
  });
}
