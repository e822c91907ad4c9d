import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { MAX_REFUND_ATTEMPTS } from "@/lib/refunds/refunds";
import { queueSettled, createProduct, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
beforeEach(() => vi.restoreAllMocks());

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);

/** A paid order and a second, captured payment on it: the shop owes that payment back. */
async function extraPaymentWithRefundCallFailing(status: number) {
  await setFaults(shop, { webhooks: { drop: true } });
  const product = await createProduct({ price: 100_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
  const first = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  await postJson(shop, "/api/payments/verify", { razorpay_order_id: first.razorpay_order_id, razorpay_payment_id: first.razorpay_payment_id, razorpay_signature: first.razorpay_signature });
  const second = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true });
  await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 1_000, status, failPaths: "/refund$" } });
  await postJson(shop, "/api/payments/verify", { razorpay_order_id: second.razorpay_order_id, razorpay_payment_id: second.razorpay_payment_id, razorpay_signature: second.razorpay_signature });
  await queueSettled(); // the refund's first attempt is a job queued with the decision
  return { order, paymentId: second.razorpay_payment_id };
}

const refundOf = (paymentId: string) => db().refund.findFirstOrThrow({ where: { paymentId } });
const refundCalls = async (paymentId: string) => (await sandboxCall(shop, "GET", `/v1/payments/${paymentId}/refunds`)).body.count as number;

describe("a refund Razorpay refuses", () => {
  it("becomes failed with Razorpay's reason after one attempt, raises one alert, and is never sent again", async () => {
    const alerts = vi.spyOn(log, "error");
    const { order, paymentId } = await extraPaymentWithRefundCallFailing(400);

    const refund = await refundOf(paymentId);
    expect(refund).toMatchObject({ status: "failed", attempts: 1 });
    expect(refund.failureReason).toMatch(/^Razorpay refused the refund: /);
    expect(alerts.mock.calls.filter(([event]) => event === "refund_failed")).toHaveLength(1);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "refund.failed" } })).toBe(1);

    await setFaults(shop, { webhooks: { drop: true } });
    for (const minutes of [5, 60, 600]) await reconcile({ graceMinutes: 0, now: minutesFromNow(minutes) });
    expect(await refundOf(paymentId)).toMatchObject({ status: "failed", attempts: 1 });
    expect(await refundCalls(paymentId)).toBe(0);
    expect(alerts.mock.calls.filter(([event]) => event === "refund_failed")).toHaveLength(1);
  });
});

describe("a refund Razorpay cannot take right now", () => {
  it("is retried with growing gaps, counted as an error in each run's report, and given up loudly after the cap", async () => {
    const alerts = vi.spyOn(log, "error");
    const { paymentId } = await extraPaymentWithRefundCallFailing(503);
    const first = await refundOf(paymentId);
    expect(first).toMatchObject({ status: "requested", attempts: 1 });

    // Not due again at once: a run right now neither sends it nor counts it.
    const early = await reconcile({ graceMinutes: 0 });
    expect(early.refundsRetrying).toBe(0);
    expect((await refundOf(paymentId)).attempts).toBe(1);

    const gaps: number[] = [];
    let previous = first.nextAttemptAt;
    for (let attempt = 2; attempt <= MAX_REFUND_ATTEMPTS; attempt++) {
      const report = await reconcile({ graceMinutes: 0, now: previous });
      const refund = await refundOf(paymentId);
      expect(refund.attempts).toBe(attempt);
      expect(report.errors.filter((error) => error.refundId === refund.id)).toHaveLength(1);
      if (attempt < MAX_REFUND_ATTEMPTS) {
        expect(report.refundsRetrying).toBe(1);
        gaps.push(refund.nextAttemptAt.getTime() - previous.getTime());
        previous = refund.nextAttemptAt;
      } else {
        expect(report.refundsFailed).toBe(1);
        expect(refund.status).toBe("failed");
        expect(refund.failureReason).toMatch(new RegExp(`^gave up after ${MAX_REFUND_ATTEMPTS} attempts`));
      }
    }
    // Exponential backoff (with jitter of ±25 %): each gap is well above the one before.
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] * 1.1);
    expect(alerts.mock.calls.filter(([event]) => event === "refund_failed")).toHaveLength(1);
    expect(await refundCalls(paymentId)).toBe(0);
  });

  it("is sent once Razorpay is back, and the run reports it sent", async () => {
    const { paymentId } = await extraPaymentWithRefundCallFailing(502);
    await setFaults(shop, { webhooks: { drop: true } });
    const report = await reconcile({ graceMinutes: 0, now: minutesFromNow(2) });
    expect(report.refundsSent).toBe(1);
    expect(await refundOf(paymentId)).toMatchObject({ status: "processed", attempts: 2 });
    expect(await refundCalls(paymentId)).toBe(1);
  });
});

describe("a refund another process is sending", () => {
  it("is left alone while that process's claim lasts, and taken over once it has lapsed", async () => {
    const { paymentId } = await extraPaymentWithRefundCallFailing(503);
    await setFaults(shop, { webhooks: { drop: true } });
    const { id } = await refundOf(paymentId);
    // Another live process holds it (it claimed it and is waiting for Razorpay).
    await db().refund.update({ where: { id }, data: { claimedUntil: minutesFromNow(10), nextAttemptAt: new Date() } });

    const during = await reconcile({ graceMinutes: 0, now: minutesFromNow(1) });
    expect(during.refundsSent).toBe(0);
    expect(await refundOf(paymentId)).toMatchObject({ status: "requested", attempts: 1 });
    expect(await refundCalls(paymentId)).toBe(0);

    const after = await reconcile({ graceMinutes: 0, now: minutesFromNow(11) });
    expect(after.refundsSent).toBe(1);
    expect(await refundOf(paymentId)).toMatchObject({ status: "processed", attempts: 2 });
    expect(await refundCalls(paymentId)).toBe(1);
  });
});
