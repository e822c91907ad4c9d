import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardMetrics, parsePeriod, type DashboardMetrics } from "@/lib/admin/metrics";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { customer, shippingAddress, startShop, type TestShop } from "../support/shop";

/**
 * A seeded set of orders, payments, refunds and webhook events with known outcomes at known times,
 * inside and outside the period; every figure the dashboard shows is compared with a number
 * worked out by hand (the comments say how).
 *
 * Period: "2026-11-10" to "2026-11-12" as dates, i.e. [10 Nov 00:00 IST, 13 Nov 00:00 IST) = 3 days,
 * so the chart has one bucket per IST day. "Now" is 13 Nov 10:00 IST, after the period.
 */
const ist = (local: string) => new Date(`${local}+05:30`);
const NOW = ist("2026-11-13T10:00:00");

let shop: TestShop;
let metrics: DashboardMetrics;

let orderCount = 0;
type OrderSeed = { status: "pending" | "paid" | "partially_refunded" | "refunded" | "expired" | "cancelled"; createdAt: Date; flaggedAt?: Date };
async function order({ status, createdAt, flaggedAt }: OrderSeed) {
  orderCount += 1;
  return db().order.create({
    data: {
      accessToken: randomUUID(),
      status: status === "pending" || status === "expired" || status === "cancelled" ? status : "pending",
      currency: "INR",
      subtotal: 50_000,
      shipping: 0,
      total: 50_000,
      customerName: customer.name,
      email: customer.email,
      phone: customer.phone,
      addressLine1: shippingAddress.line1,
      city: shippingAddress.city,
      state: shippingAddress.state,
      postalCode: shippingAddress.postalCode,
      country: shippingAddress.country,
      razorpayOrderId: `order_dash${String(orderCount).padStart(10, "0")}`,
      expiresAt: new Date(createdAt.getTime() + 30 * 60_000),
      expiredAt: status === "expired" ? new Date(createdAt.getTime() + 30 * 60_000) : null,
      cancelledAt: status === "cancelled" ? createdAt : null,
      flaggedAt: flaggedAt ?? null,
      flagReason: flaggedAt ? "amount_mismatch" : null,
      createdAt,
    },
  });
}

/** Paid, partially refunded and refunded orders must name their credited payment (a CHECK constraint). */
async function markPaid(orderId: string, paymentId: string, status: "paid" | "partially_refunded" | "refunded", paidAt: Date) {
  await db().order.update({ where: { id: orderId }, data: { status, paidPaymentId: paymentId, paidAt } });
}

type PaymentSeed = {
  id: string;
  orderId: string;
  status: "authorized" | "captured" | "failed" | "refunded";
  method: string | null;
  amount?: number;
  credited?: boolean;
  source?: string | null;
  reason?: string | null;
  createdAt: Date;
};
async function payment({ id, orderId, status, method, amount = 50_000, credited = false, source = null, reason = null, createdAt }: PaymentSeed) {
  return db().payment.create({ data: { id, orderId, status, method, amount, currency: "INR", credited, errorSource: source, errorReason: reason, createdAt } });
}

type RefundSeed = { paymentId: string; orderId: string; reason: "admin" | "duplicate_payment" | "amount_mismatch"; amount: number; status: "pending" | "processed" | "failed"; createdAt: Date };
async function refund({ paymentId, orderId, reason, amount, status, createdAt }: RefundSeed) {
  const admin = reason === "admin" ? { idempotencyKey: randomUUID(), requestedBy: "owner@example.com", note: "Customer asked" } : {};
  await db().refund.create({ data: { paymentId, orderId, reason, amount, currency: "INR", status, failureReason: status === "failed" ? "BAD_REQUEST_ERROR: refund refused" : null, createdAt, ...admin } });
}

/** What lib/payments/apply.ts appends when a payment does not match its order. */
async function flagEvent(orderId: string, paymentId: string, createdAt: Date) {
  await db().orderEvent.create({ data: { orderId, actor: "webhook", action: "order.flagged", paymentId, reason: "amount_mismatch", createdAt } });
}

async function webhook(id: string, status: "pending" | "processing" | "processed" | "dead", receivedAt: Date, lagMs?: number) {
  await db().webhookEvent.create({
    data: { id, event: "payment.captured", rawBody: "{}", status, receivedAt, processedAt: lagMs === undefined ? null : new Date(receivedAt.getTime() + lagMs), attempts: status === "dead" ? 8 : 1 },
  });
}

async function seed() {
  // Before the period: excluded from every period figure.
  const o0 = await order({ status: "pending", createdAt: ist("2026-11-09T23:00:00") });
  await payment({ id: "pay_before_ok", orderId: o0.id, status: "captured", method: "card", amount: 50_000, credited: true, createdAt: ist("2026-11-09T23:59:59") });
  await markPaid(o0.id, "pay_before_ok", "paid", ist("2026-11-09T23:59:59"));
  await payment({ id: "pay_before_fail", orderId: o0.id, status: "failed", method: "card", source: "customer", reason: "old_reason", createdAt: ist("2026-11-09T23:30:00") });
  // Exactly at `to`: the period is half-open, so excluded.
  await payment({ id: "pay_at_to", orderId: o0.id, status: "failed", method: "card", source: "customer", reason: "at_the_end", createdAt: ist("2026-11-13T00:00:00") });

  // O1 paid: a cancelled attempt exactly at `from` (included), then a card payment of ₹500.
  const o1 = await order({ status: "pending", createdAt: ist("2026-11-10T10:00:00") });
  await payment({ id: "pay_f1", orderId: o1.id, status: "failed", method: "card", source: "customer", reason: "payment_cancelled", createdAt: ist("2026-11-10T00:00:00") });
  await payment({ id: "pay_ok1", orderId: o1.id, status: "captured", method: "card", amount: 50_000, credited: true, createdAt: ist("2026-11-10T10:02:00") });
  await markPaid(o1.id, "pay_ok1", "paid", ist("2026-11-10T10:02:00"));
  await refund({ paymentId: "pay_ok1", orderId: o1.id, reason: "admin", amount: 5_000, status: "pending", createdAt: ist("2026-11-12T17:00:00") });

  // O2 partially refunded: UPI ₹800, ₹300 refunded.
  const o2 = await order({ status: "pending", createdAt: ist("2026-11-10T11:00:00") });
  await payment({ id: "pay_ok2", orderId: o2.id, status: "captured", method: "upi", amount: 80_000, credited: true, createdAt: ist("2026-11-10T11:01:00") });
  await markPaid(o2.id, "pay_ok2", "partially_refunded", ist("2026-11-10T11:01:00"));
  await refund({ paymentId: "pay_ok2", orderId: o2.id, reason: "admin", amount: 30_000, status: "processed", createdAt: ist("2026-11-11T09:00:00") });
  // Flagged during the period and resolved since (flagged_at cleared): still counts as flagged in the period.
  await flagEvent(o2.id, "pay_ok2", ist("2026-11-10T11:30:00"));

  // O3 refunded in full: UPI ₹200.
  const o3 = await order({ status: "pending", createdAt: ist("2026-11-11T12:00:00") });
  await payment({ id: "pay_ok3", orderId: o3.id, status: "refunded", method: "upi", amount: 20_000, credited: true, createdAt: ist("2026-11-11T12:01:00") });
  await markPaid(o3.id, "pay_ok3", "refunded", ist("2026-11-11T12:01:00"));
  await refund({ paymentId: "pay_ok3", orderId: o3.id, reason: "admin", amount: 20_000, status: "processed", createdAt: ist("2026-11-11T13:00:00") });

  // O4 expired after two failures (netbanking: the bank; UPI: the customer cancelled).
  const o4 = await order({ status: "expired", createdAt: ist("2026-11-11T14:00:00") });
  await payment({ id: "pay_f2", orderId: o4.id, status: "failed", method: "netbanking", source: "issuer_bank", reason: "payment_failed", createdAt: ist("2026-11-11T14:01:00") });
  await payment({ id: "pay_f3", orderId: o4.id, status: "failed", method: "upi", source: "customer", reason: "payment_cancelled", createdAt: ist("2026-11-11T14:05:00") });

  // O5 cancelled, no payment.
  await order({ status: "cancelled", createdAt: ist("2026-11-12T09:00:00") });

  // O6 pending with a wallet payment authorised and never captured (₹150).
  const o6 = await order({ status: "pending", createdAt: ist("2026-11-12T10:00:00") });
  await payment({ id: "pay_auth1", orderId: o6.id, status: "authorized", method: "wallet", amount: 15_000, createdAt: ist("2026-11-12T10:01:00") });

  // O7 paid by card (₹400), a second captured payment from another tab refunded (never credited),
  // and a mismatched EMI payment that flagged the order, whose refund Razorpay refused.
  const o7 = await order({ status: "pending", createdAt: ist("2026-11-12T11:00:00"), flaggedAt: ist("2026-11-12T11:04:00") });
  await payment({ id: "pay_ok4", orderId: o7.id, status: "captured", method: "card", amount: 40_000, credited: true, createdAt: ist("2026-11-12T11:01:00") });
  await markPaid(o7.id, "pay_ok4", "paid", ist("2026-11-12T11:01:00"));
  await payment({ id: "pay_dup", orderId: o7.id, status: "captured", method: "card", amount: 40_000, createdAt: ist("2026-11-12T11:02:00") });
  await refund({ paymentId: "pay_dup", orderId: o7.id, reason: "duplicate_payment", amount: 40_000, status: "processed", createdAt: ist("2026-11-12T11:03:00") });
  await payment({ id: "pay_mm", orderId: o7.id, status: "captured", method: "emi", amount: 39_000, createdAt: ist("2026-11-12T11:04:00") });
  await refund({ paymentId: "pay_mm", orderId: o7.id, reason: "amount_mismatch", amount: 39_000, status: "failed", createdAt: ist("2026-11-12T11:06:00") });
  // Flagged twice (the fact reported again): one order.
  await flagEvent(o7.id, "pay_mm", ist("2026-11-12T11:04:00"));
  await flagEvent(o7.id, "pay_mm", ist("2026-11-12T11:05:00"));
  // A refund made after the period: excluded.
  await refund({ paymentId: "pay_ok4", orderId: o7.id, reason: "admin", amount: 10_000, status: "processed", createdAt: ist("2026-11-13T01:00:00") });

  // O8 pending after five failures from every source.
  const o8 = await order({ status: "pending", createdAt: ist("2026-11-12T15:00:00") });
  await payment({ id: "pay_f4", orderId: o8.id, status: "failed", method: null, source: "business", reason: "input_validation_failed", createdAt: ist("2026-11-12T15:01:00") });
  await payment({ id: "pay_f5", orderId: o8.id, status: "failed", method: "card", source: "bank", reason: "card_declined", createdAt: ist("2026-11-12T15:02:00") });
  await payment({ id: "pay_f6", orderId: o8.id, status: "failed", method: "card", source: "internal", reason: null, createdAt: ist("2026-11-12T15:03:00") });
  await payment({ id: "pay_f7", orderId: o8.id, status: "failed", method: "wallet", source: "customer_psp", reason: "payment_failed", createdAt: ist("2026-11-12T15:04:00") });
  await payment({ id: "pay_f9", orderId: o8.id, status: "failed", method: "netbanking", source: "gateway", reason: "gateway_technical_error", createdAt: ist("2026-11-12T15:05:00") });

  // O9 paid with a method outside Razorpay's main five ("other"), ₹100.
  const o9 = await order({ status: "pending", createdAt: ist("2026-11-12T16:00:00") });
  await payment({ id: "pay_pl", orderId: o9.id, status: "captured", method: "paylater", amount: 10_000, credited: true, createdAt: ist("2026-11-12T16:01:00") });
  await markPaid(o9.id, "pay_pl", "paid", ist("2026-11-12T16:01:00"));

  // After the period, just before "now": flagged 20 minutes ago, and the last 15 minutes' attempts.
  const o10 = await order({ status: "pending", createdAt: ist("2026-11-13T09:30:00"), flaggedAt: ist("2026-11-13T09:40:00") });
  await payment({ id: "pay_r0", orderId: o10.id, status: "failed", method: "card", source: "bank", reason: "card_declined", createdAt: ist("2026-11-13T09:44:59") });
  await payment({ id: "pay_r1", orderId: o10.id, status: "failed", method: "card", source: "bank", reason: "card_declined", createdAt: ist("2026-11-13T09:45:00") });
  await payment({ id: "pay_r2", orderId: o10.id, status: "failed", method: "card", source: "bank", reason: "card_declined", createdAt: ist("2026-11-13T09:50:00") });
  await payment({ id: "pay_r3", orderId: o10.id, status: "captured", method: "card", amount: 100, createdAt: ist("2026-11-13T09:56:00") });
  await payment({ id: "pay_r4", orderId: o10.id, status: "failed", method: "upi", source: "customer", reason: "payment_cancelled", createdAt: ist("2026-11-13T09:57:00") });
  await payment({ id: "pay_r5", orderId: o10.id, status: "failed", method: "upi", source: "customer", reason: "payment_cancelled", createdAt: ist("2026-11-13T09:58:00") });
  await flagEvent(o10.id, "pay_r3", ist("2026-11-13T09:40:00"));
  // Flagged 61 minutes before now: outside the last hour (and after the period).
  await flagEvent(o0.id, "pay_before_ok", ist("2026-11-13T08:59:00"));
  await payment({ id: "pay_auth2", orderId: o10.id, status: "authorized", method: "upi", amount: 100, createdAt: ist("2026-11-13T09:58:00") });

  // Webhooks: five processed in the period with lags of 1, 2, 3, 4 and 10 s, one dead in the period.
  await webhook("evt_w1", "processed", ist("2026-11-10T10:02:00"), 1_000);
  await webhook("evt_w2", "processed", ist("2026-11-10T11:01:00"), 2_000);
  await webhook("evt_w3", "processed", ist("2026-11-11T12:01:00"), 3_000);
  await webhook("evt_w4", "processed", ist("2026-11-12T11:01:00"), 4_000);
  await webhook("evt_w5", "processed", ist("2026-11-12T16:01:00"), 10_000);
  await webhook("evt_dead1", "dead", ist("2026-11-11T08:00:00"));
  // Outside the period: a slow one before it, an old dead one, and the current backlog.
  await webhook("evt_before", "processed", ist("2026-11-09T10:00:00"), 60_000);
  await webhook("evt_dead0", "dead", ist("2026-11-08T10:00:00"));
  await webhook("evt_pending", "pending", ist("2026-11-13T09:57:00"));
  await webhook("evt_processing", "processing", ist("2026-11-13T09:59:00"));

  // Rejected deliveries are counted per UTC day.
  for (const [day, reason, count] of [
    ["2026-11-08", "bad_signature", 7],
    ["2026-11-09", "bad_signature", 4],
    ["2026-11-11", "bad_signature", 2],
    ["2026-11-12", "invalid_json", 1],
    ["2026-11-13", "bad_signature", 5],
  ] as const) {
    await db().rejectedWebhook.create({ data: { day: new Date(`${day}T00:00:00Z`), reason, count } });
  }
}

beforeAll(async () => {
  shop = await startShop();
  await seed();
  metrics = await dashboardMetrics(parsePeriod({ from: "2026-11-10", to: "2026-11-12" }, NOW), NOW);
});
afterAll(() => shop?.close());

describe("dashboard figures on a seeded set of orders with known outcomes", () => {
  it("takes dates as whole IST days, `to` included, and buckets three days by day", () => {
    expect(metrics.period).toEqual({ from: "2026-11-09T18:30:00.000Z", to: "2026-11-12T18:30:00.000Z", bucket: "day", timeZone: "Asia/Kolkata" });
  });

  it("counts money collected from credited payments, net of processed refunds of them", () => {
    // Credited payments created in the period: ok1 50,000 + ok2 80,000 + ok3 20,000 + ok4 40,000 + pl 10,000.
    // Processed refunds of credited payments in the period: 30,000 (ok2) + 20,000 (ok3); the 40,000
    // refund of pay_dup was never credited, and the 10,000 refund of ok4 is after the period.
    expect(metrics.money).toEqual({ collected: 200_000, refunded: 50_000, net: 150_000 });
  });

  it("counts payment attempts and the success rate overall and by method", () => {
    // 16 attempts in the period (pay_f1 at `from` included, pay_at_to excluded): succeeded = captured
    // or refunded = ok1, ok2, ok3, ok4, dup, mm, pl = 7; failed = f1..f7, f9 = 8; authorised = auth1.
    expect(metrics.payments).toMatchObject({ attempts: 16, succeeded: 7, failed: 8, authorized: 1, successRate: 7 / 15 });
    expect(metrics.payments.byMethod).toEqual([
      // upi: ok2, ok3 succeeded; f3 failed.
      { method: "upi", attempts: 3, succeeded: 2, failed: 1, authorized: 0, collected: 100_000, successRate: 2 / 3 },
      // card: ok1, ok4, dup succeeded; f1, f5, f6 failed.
      { method: "card", attempts: 6, succeeded: 3, failed: 3, authorized: 0, collected: 90_000, successRate: 0.5 },
      // netbanking: f2, f9 failed.
      { method: "netbanking", attempts: 2, succeeded: 0, failed: 2, authorized: 0, collected: 0, successRate: 0 },
      // wallet: auth1 has no outcome yet, f7 failed.
      { method: "wallet", attempts: 2, succeeded: 0, failed: 1, authorized: 1, collected: 0, successRate: 0 },
      // emi: mm captured but never credited.
      { method: "emi", attempts: 1, succeeded: 1, failed: 0, authorized: 0, collected: 0, successRate: 1 },
      // other: pl ("paylater") succeeded, f4 (no method) failed.
      { method: "other", attempts: 2, succeeded: 1, failed: 1, authorized: 0, collected: 10_000, successRate: 0.5 },
    ]);
  });

  it("groups failures by Razorpay's error source and lists the top error reasons", () => {
    // customer: f1, f3; bank: f2 (issuer_bank), f5 (bank), f7 (customer_psp), f9 (gateway); business: f4; other: f6 (internal).
    expect(metrics.failures.total).toBe(8);
    expect(metrics.failures.bySource).toEqual([
      { group: "customer", count: 2 },
      { group: "bank", count: 4 },
      { group: "business", count: 1 },
      { group: "other", count: 1 },
    ]);
    // Six reasons; by count then name, the top five leave out "unknown" (f6 has no reason).
    expect(metrics.failures.topReasons).toEqual([
      { reason: "payment_cancelled", count: 2 },
      { reason: "payment_failed", count: 2 },
      { reason: "card_declined", count: 1 },
      { reason: "gateway_technical_error", count: 1 },
      { reason: "input_validation_failed", count: 1 },
    ]);
  });

  it("counts refunds by status, with their value", () => {
    // In the period: 30,000 + 20,000 + 40,000 processed, 39,000 failed, 5,000 pending; 10,000 after it.
    expect(metrics.refunds).toEqual({
      count: 5,
      amount: 134_000,
      byStatus: { requested: { count: 0, amount: 0 }, pending: { count: 1, amount: 5_000 }, processed: { count: 3, amount: 90_000 }, failed: { count: 1, amount: 39_000 } },
    });
  });

  it("counts orders placed in the period by their status now, and those flagged in it", () => {
    // O1, O7, O9 paid; O2 partially refunded; O3 refunded; O4 expired; O5 cancelled; O6, O8 pending. O0 and O10 are outside.
    // Flagged in the period: O2 (resolved since) and O7 (twice, one order). Still flagged now: O7 and O10.
    expect(metrics.orders).toEqual({ placed: 9, byStatus: { pending: 2, paid: 3, partially_refunded: 1, refunded: 1, expired: 1, cancelled: 1 }, flagged: 2, flaggedOpen: 2 });
  });

  it("shows authorised payments left uncaptured for more than five minutes", () => {
    // auth1 (₹150, since 12 Nov 10:01 IST); auth2 is two minutes old.
    expect(metrics.uncaptured).toEqual({ count: 1, amount: 15_000, oldestAt: ist("2026-11-12T10:01:00").toISOString(), olderThanMinutes: 5 });
  });

  it("shows the webhook backlog now, and lag percentiles and dead events over the period", () => {
    // Oldest pending or processing: evt_pending, received 3 minutes before now.
    expect(metrics.webhooks.now).toEqual({ pending: 1, processing: 1, dead: 2, oldestPendingSeconds: 180 });
    // Received in the period: w1..w5 and dead1. Nearest-rank percentiles of [1, 2, 3, 4, 10] s:
    // p50 = the 3rd of 5 (first with cumulative share ≥ 0.5), p95 = the 5th.
    expect(metrics.webhooks.period).toEqual({ received: 6, processed: 5, dead: 1, lagMs: { p50: 3_000, p95: 10_000 } });
  });

  it("counts rejected webhooks per reason over the UTC days the period touches", () => {
    // The period is 9 Nov 18:30 UTC to 12 Nov 18:30 UTC: days 9 to 12 count (4 + 2 bad signatures, 1 invalid JSON).
    expect(metrics.webhooks.rejected).toEqual({ total: 7, byReason: [{ reason: "bad_signature", count: 6 }, { reason: "invalid_json", count: 1 }] });
  });

  it("charts volume per IST day, empty days included", () => {
    expect(metrics.volume).toEqual([
      // 10 Nov: f1, ok1 (50,000), ok2 (80,000).
      { start: "2026-11-09T18:30:00.000Z", attempts: 3, succeeded: 2, failed: 1, collected: 130_000 },
      // 11 Nov: ok3 (20,000), f2, f3.
      { start: "2026-11-10T18:30:00.000Z", attempts: 3, succeeded: 1, failed: 2, collected: 20_000 },
      // 12 Nov: auth1, ok4 (40,000), dup, mm, f4, f5, f6, f7, f9, pl (10,000).
      { start: "2026-11-11T18:30:00.000Z", attempts: 10, succeeded: 4, failed: 5, collected: 50_000 },
    ]);
  });

  it("buckets by hour for two days or less, with empty hours as zeros", async () => {
    const hourly = await dashboardMetrics(parsePeriod({ from: "2026-11-10T09:30:00+05:30", to: "2026-11-10T12:00:00+05:30" }, NOW), NOW);
    expect(hourly.volume).toEqual([
      // The first bucket starts at the hour before `from`; only payments inside the period count.
      { start: ist("2026-11-10T09:00:00").toISOString(), attempts: 0, succeeded: 0, failed: 0, collected: 0 },
      { start: ist("2026-11-10T10:00:00").toISOString(), attempts: 1, succeeded: 1, failed: 0, collected: 50_000 },
      { start: ist("2026-11-10T11:00:00").toISOString(), attempts: 1, succeeded: 1, failed: 0, collected: 80_000 },
    ]);
  });

  it("judges health on the last 15 minutes and the backlog now, showing each rule's reading", () => {
    // Attempts in [09:45, 10:00): r1, r2, r4, r5 failed, r3 succeeded (r0 is a second early) → 4 of 5 = 80%.
    expect(metrics.health.rules.map(({ id, value, status }) => ({ id, value, status }))).toEqual([
      { id: "payment_failure_rate", value: 80, status: "unhealthy" },
      { id: "webhook_lag", value: 180, status: "degraded" },
      { id: "dead_webhooks", value: 2, status: "degraded" },
      // O10 was flagged 20 minutes ago; O0's flag 61 minutes ago and O7's a day ago are older.
      { id: "flagged_orders", value: 1, status: "degraded" },
      { id: "uncaptured_payments", value: 1, status: "degraded" },
    ]);
    expect(metrics.health.verdict).toBe("unhealthy");
  });

  it("returns plain numbers, never BigInt, so the figures serialise as JSON", () => {
    expect(JSON.parse(JSON.stringify(metrics))).toEqual(metrics);
  });
});

describe("the period", () => {
  const now = new Date("2026-11-26T06:00:00.000Z");
  const refusal = (query: { from?: string; to?: string }) => {
    try {
      parsePeriod(query, now);
      return null;
    } catch (error) {
      if (error instanceof AppError) return { code: error.code, fields: error.fields };
      throw error;
    }
  };

  it("defaults to the last 7 days up to now, by day", () => {
    expect(parsePeriod({}, now)).toEqual({ from: new Date("2026-11-19T06:00:00.000Z"), to: now, bucket: "day" });
    expect(parsePeriod({ from: "", to: "" }, now)).toEqual({ from: new Date("2026-11-19T06:00:00.000Z"), to: now, bucket: "day" });
  });

  it("buckets by hour up to 48 hours and by day beyond", () => {
    expect(parsePeriod({ from: "2026-11-24T06:00:00Z", to: "2026-11-26T06:00:00Z" }, now).bucket).toBe("hour");
    expect(parsePeriod({ from: "2026-11-24T05:59:59Z", to: "2026-11-26T06:00:00Z" }, now).bucket).toBe("day");
  });

  it("refuses from after or equal to to, naming the field", () => {
    expect(refusal({ from: "2026-11-20T00:00:00Z", to: "2026-11-20T00:00:00Z" })).toEqual({ code: "invalid_request", fields: { from: "from must be before to" } });
    expect(refusal({ from: "2026-11-21", to: "2026-11-20" })?.fields).toEqual({ from: "from must be before to" });
  });

  it("refuses a period longer than 366 days but takes exactly 366", () => {
    expect(parsePeriod({ from: "2025-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" }, now).bucket).toBe("day");
    expect(refusal({ from: "2025-01-01T00:00:00Z", to: "2026-01-02T00:00:00.001Z" })?.fields).toEqual({ to: "the period can be at most 366 days long" });
  });

  it("ends at now when only from is given, and refuses a from in the future", () => {
    expect(parsePeriod({ from: "2026-11-25" }, now)).toEqual({ from: new Date("2026-11-24T18:30:00.000Z"), to: now, bucket: "hour" });
    expect(refusal({ from: "2026-11-27" })?.fields).toEqual({ from: "from must be before to" });
    expect(parsePeriod({ to: "2026-11-20" }, now)).toEqual({ from: new Date("2026-11-13T18:30:00.000Z"), to: new Date("2026-11-20T18:30:00.000Z"), bucket: "day" });
  });

  it("refuses dates that are not dates", () => {
    expect(refusal({ from: "yesterday" })?.fields).toHaveProperty("from");
    expect(refusal({ to: "2026-02-30" })?.fields).toHaveProperty("to");
    expect(refusal({ to: "2026-11-20T10:00:00" })?.fields).toHaveProperty("to");
  });
});
