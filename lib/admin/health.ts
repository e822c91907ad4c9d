/**
 * The shop's health verdict: a table of rules an owner can read in one screen. Each rule looks at
 * one reading taken "now" (not over the dashboard's chosen period) and has two thresholds; a
 * reading at or above `degradedAt` makes the shop degraded, at or above `unhealthyAt` unhealthy.
 * The verdict is the worst rule. The readings are computed in SQL by lib/admin/metrics.ts.
 */
export type HealthStatus = "healthy" | "degraded" | "unhealthy";

export interface HealthReadings {
  /** Payment attempts created in the last 15 minutes that succeeded (captured, or captured then refunded). */
  recentSucceeded: number;
  /** Payment attempts created in the last 15 minutes that failed. */
  recentFailed: number;
  /** Age in seconds of the oldest webhook event still pending or processing; null when there is none. */
  oldestPendingWebhookSeconds: number | null;
  /** Webhook events parked as dead (not applied; they need a replay). */
  deadWebhooks: number;
  /** Orders flagged (payment that does not match its order) in the last hour. */
  flaggedLastHour: number;
  /** Payments authorised but not captured for longer than UNCAPTURED_AFTER_MINUTES. */
  uncapturedAuthorized: number;
}

/** Failure rates on a handful of attempts say nothing: below this many the rule reads as healthy. */
export const MIN_ATTEMPTS_FOR_FAILURE_RATE = 5;

export interface HealthRule {
  id: "payment_failure_rate" | "webhook_lag" | "dead_webhooks" | "flagged_orders" | "uncaptured_payments";
  label: string;
  /** How the value and thresholds read: a percentage, seconds, or a count. */
  unit: "percent" | "seconds" | "count";
  degradedAt: number;
  unhealthyAt: number;
  /** Why the thresholds are where they are, shown beside the rule. */
  why: string;
  /** The reading, or null when there is nothing to measure (no attempts, no backlog). */
  measure(readings: HealthReadings): number | null;
}

export const HEALTH_RULES: readonly HealthRule[] = [
  {
    id: "payment_failure_rate",
    label: "Payment failure rate, last 15 minutes",
    unit: "percent",
    degradedAt: 40,
    unhealthyAt: 70,
    why: `failed ÷ (succeeded + failed) among attempts created in the last 15 minutes, once there are at least ${MIN_ATTEMPTS_FOR_FAILURE_RATE}; customers abandoning UPI and cards keep it at 20–30% on a normal day`,
    measure: ({ recentSucceeded, recentFailed }) => {
      const attempts = recentSucceeded + recentFailed;
      return attempts < MIN_ATTEMPTS_FOR_FAILURE_RATE ? null : (recentFailed * 100) / attempts;
    },
  },
  {
    id: "webhook_lag",
    label: "Oldest unprocessed webhook",
    unit: "seconds",
    degradedAt: 120,
    unhealthyAt: 600,
    why: "webhooks are processed within seconds; minutes mean the background job is stuck or Razorpay's facts keep failing",
    measure: ({ oldestPendingWebhookSeconds }) => oldestPendingWebhookSeconds,
  },
  {
    id: "dead_webhooks",
    label: "Dead webhook events",
    unit: "count",
    degradedAt: 1,
    unhealthyAt: 5,
    why: "each one is a payment or refund fact that was never applied: replay it after fixing the cause",
    measure: ({ deadWebhooks }) => deadWebhooks,
  },
  {
    id: "flagged_orders",
    label: "Orders flagged in the last hour",
    unit: "count",
    degradedAt: 1,
    unhealthyAt: 5,
    why: "a payment that does not match its order (amount, currency); several at once suggest tampering or a pricing bug",
    measure: ({ flaggedLastHour }) => flaggedLastHour,
  },
  {
    id: "uncaptured_payments",
    label: "Authorised payments not captured",
    unit: "count",
    degradedAt: 1,
    unhealthyAt: 5,
    why: "the customer's money is held but not ours; Razorpay refunds uncaptured payments after a few days",
    measure: ({ uncapturedAuthorized }) => uncapturedAuthorized,
  },
];

export interface RuleResult {
  id: HealthRule["id"];
  label: string;
  unit: HealthRule["unit"];
  value: number | null;
  degradedAt: number;
  unhealthyAt: number;
  why: string;
  status: HealthStatus;
}

export interface Health {
  verdict: HealthStatus;
  rules: RuleResult[];
}

const SEVERITY: Record<HealthStatus, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

function statusOf(value: number | null, rule: HealthRule): HealthStatus {
  if (value === null) return "healthy";
  if (value >= rule.unhealthyAt) return "unhealthy";
  if (value >= rule.degradedAt) return "degraded";
  return "healthy";
}

export function evaluateHealth(readings: HealthReadings, rules: readonly HealthRule[] = HEALTH_RULES): Health {
  const results = rules.map((rule): RuleResult => {
    const value = rule.measure(readings);
    const { id, label, unit, degradedAt, unhealthyAt, why } = rule;
    return { id, label, unit, value, degradedAt, unhealthyAt, why, status: statusOf(value, rule) };
  });
  const verdict = results.reduce<HealthStatus>((worst, result) => (SEVERITY[result.status] > SEVERITY[worst] ? result.status : worst), "healthy");
  return { verdict, rules: results };
}
