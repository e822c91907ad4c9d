import { describe, expect, it } from "vitest";
import { evaluateHealth, HEALTH_RULES, MIN_ATTEMPTS_FOR_FAILURE_RATE, type HealthReadings } from "@/lib/admin/health";

const calm: HealthReadings = { recentSucceeded: 20, recentFailed: 0, oldestPendingWebhookSeconds: null, deadWebhooks: 0, flaggedLastHour: 0, uncapturedAuthorized: 0 };
const statusOf = (id: string, readings: Partial<HealthReadings>) => {
  const health = evaluateHealth({ ...calm, ...readings });
  return { rule: health.rules.find((rule) => rule.id === id)?.status, verdict: health.verdict };
};

describe("the health verdict", () => {
  it("is healthy when every reading is calm, and lists every rule with its thresholds", () => {
    const health = evaluateHealth(calm);
    expect(health.verdict).toBe("healthy");
    expect(health.rules.map(({ id, degradedAt, unhealthyAt }) => ({ id, degradedAt, unhealthyAt }))).toEqual([
      { id: "payment_failure_rate", degradedAt: 40, unhealthyAt: 70 },
      { id: "webhook_lag", degradedAt: 120, unhealthyAt: 600 },
      { id: "dead_webhooks", degradedAt: 1, unhealthyAt: 5 },
      { id: "flagged_orders", degradedAt: 1, unhealthyAt: 5 },
      { id: "uncaptured_payments", degradedAt: 1, unhealthyAt: 5 },
    ]);
  });

  it("payment failure rate: 39% healthy, 40% degraded, 69% degraded, 70% unhealthy (of 100 attempts)", () => {
    const at = (failed: number) => statusOf("payment_failure_rate", { recentSucceeded: 100 - failed, recentFailed: failed });
    expect(at(39)).toEqual({ rule: "healthy", verdict: "healthy" });
    expect(at(40)).toEqual({ rule: "degraded", verdict: "degraded" });
    expect(at(69)).toEqual({ rule: "degraded", verdict: "degraded" });
    expect(at(70)).toEqual({ rule: "unhealthy", verdict: "unhealthy" });
  });

  it(`payment failure rate: ignored below ${MIN_ATTEMPTS_FOR_FAILURE_RATE} attempts, judged from ${MIN_ATTEMPTS_FOR_FAILURE_RATE}`, () => {
    const fewAllFailed = evaluateHealth({ ...calm, recentSucceeded: 0, recentFailed: MIN_ATTEMPTS_FOR_FAILURE_RATE - 1 });
    expect(fewAllFailed.rules[0]).toMatchObject({ value: null, status: "healthy" });
    expect(statusOf("payment_failure_rate", { recentSucceeded: 0, recentFailed: MIN_ATTEMPTS_FOR_FAILURE_RATE }).rule).toBe("unhealthy");
    expect(statusOf("payment_failure_rate", { recentSucceeded: 3, recentFailed: 2 }).rule).toBe("degraded");
  });

  it("webhook lag: 119 s healthy, 120 s degraded, 599 s degraded, 600 s unhealthy; no backlog is healthy", () => {
    const at = (seconds: number | null) => statusOf("webhook_lag", { oldestPendingWebhookSeconds: seconds }).rule;
    expect([at(null), at(0), at(119), at(120), at(599), at(600)]).toEqual(["healthy", "healthy", "healthy", "degraded", "degraded", "unhealthy"]);
  });

  it("dead webhooks: 0 healthy, 1 degraded, 4 degraded, 5 unhealthy", () => {
    const at = (deadWebhooks: number) => statusOf("dead_webhooks", { deadWebhooks }).rule;
    expect([at(0), at(1), at(4), at(5)]).toEqual(["healthy", "degraded", "degraded", "unhealthy"]);
  });

  it("flagged orders in the last hour: 0 healthy, 1 degraded, 4 degraded, 5 unhealthy", () => {
    const at = (flaggedLastHour: number) => statusOf("flagged_orders", { flaggedLastHour }).rule;
    expect([at(0), at(1), at(4), at(5)]).toEqual(["healthy", "degraded", "degraded", "unhealthy"]);
  });

  it("uncaptured authorised payments: 0 healthy, 1 degraded, 4 degraded, 5 unhealthy", () => {
    const at = (uncapturedAuthorized: number) => statusOf("uncaptured_payments", { uncapturedAuthorized }).rule;
    expect([at(0), at(1), at(4), at(5)]).toEqual(["healthy", "degraded", "degraded", "unhealthy"]);
  });

  it("takes the worst rule as the verdict", () => {
    expect(evaluateHealth({ ...calm, deadWebhooks: 1, flaggedLastHour: 1 }).verdict).toBe("degraded");
    expect(evaluateHealth({ ...calm, deadWebhooks: 1, oldestPendingWebhookSeconds: 600 }).verdict).toBe("unhealthy");
    expect(HEALTH_RULES.every((rule) => rule.degradedAt < rule.unhealthyAt)).toBe(true);
  });
});
