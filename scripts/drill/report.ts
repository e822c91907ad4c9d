// Printing what a phase showed: what shoppers saw, what converged, and which invariants held.
import type pg from "pg";
import { auditTrail, type CheckResult } from "./invariants";
import { type Metrics, metricsTable, table } from "./metrics";

const VIOLATIONS_SHOWN = 8;
const TRAILS_SHOWN = 3;
const TRAIL_ROWS_SHOWN = 25;

export function formatCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([key, count]) => `${key} ${count}`).join(" · ") : "none";
}

export async function phaseReport(client: pg.Pool, input: { name: string; notes: string[]; metrics: Metrics; check: CheckResult }): Promise<string> {
  const { check } = input;
  const lines = [`\n=== ${input.name}: what shoppers saw ===`, metricsTable(input.metrics), "", ...input.notes.map((note) => `• ${note}`), "", `--- ${input.name}: what converged ---`];
  lines.push(`orders: ${formatCounts(check.ordersByStatus)}`);
  lines.push(`refunds: ${formatCounts(check.refundsByReasonAndStatus)}`);
  lines.push(`webhook events: ${formatCounts(check.webhookEventsByStatus)}`);
  lines.push(`captured payments at Razorpay: ${check.capturedPayments.total} (credited ${check.capturedPayments.credited}, extra and refunded once or waiting to be ${check.capturedPayments.extraRefunded}); refunds waiting to be sent: ${check.capturedPayments.refundWaiting}`);
  lines.push(table(["invariant", "result"], check.invariants.map((invariant) => [invariant.name, invariant.violations.length === 0 ? "holds" : `FAILS (${invariant.violations.length})`])));
  for (const invariant of check.invariants.filter((invariant) => invariant.violations.length > 0)) {
    lines.push(`\n✗ ${invariant.name}:`);
    for (const violation of invariant.violations.slice(0, VIOLATIONS_SHOWN)) lines.push(`  - ${violation.orderId ? `order ${violation.orderId}: ` : ""}${violation.detail}`);
    if (invariant.violations.length > VIOLATIONS_SHOWN) lines.push(`  … and ${invariant.violations.length - VIOLATIONS_SHOWN} more`);
    const orders = [...new Set(invariant.violations.map((violation) => violation.orderId).filter((id): id is string => !!id))].slice(0, TRAILS_SHOWN);
    for (const orderId of orders) {
      lines.push(`  audit trail of ${orderId} (order_events):`);
      const trail = await auditTrail(client, orderId);
      for (const row of trail.slice(0, TRAIL_ROWS_SHOWN)) lines.push(`    ${row}`);
      if (trail.length > TRAIL_ROWS_SHOWN) lines.push(`    … ${trail.length - TRAIL_ROWS_SHOWN} more rows`);
    }
  }
  return lines.join("\n");
}

export function summaryTable(results: { phase: string; check: CheckResult }[]): string {
  const names = results[0]?.check.invariants.map((invariant) => invariant.name) ?? [];
  const rows = names.map((name, index) => [name, ...results.map(({ check }) => (check.invariants[index].violations.length === 0 ? "ok" : `FAIL ${check.invariants[index].violations.length}`))]);
  return table(["invariant", ...results.map(({ phase }) => phase)], rows);
}
