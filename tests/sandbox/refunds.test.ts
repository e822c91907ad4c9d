import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { createOrder, refund, sandboxClient, sdkError, sdkFor, startTestSandbox } from "./harness";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

async function capturedPayment(amount = 10_000): Promise<string> {
  const order = await sdkFor(sandbox).orders.create({ amount, currency: "INR" });
  const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success" });
  return body.razorpay_payment_id;
}

describe("refunds", () => {
  it("refunds part, then the rest, tracking the payment's refund status", async () => {
    const rzp = sdkFor(sandbox);
    const paymentId = await capturedPayment();

    const partial = await rzp.payments.refund(paymentId, { amount: 2_500, notes: { reason: "one item returned" } });
    expect(Object.keys(partial)).toEqual([
      "id", "entity", "amount", "currency", "payment_id", "notes", "receipt", "acquirer_data",
      "created_at", "batch_id", "status", "speed_processed", "speed_requested",
    ]);
    expect(partial).toMatchObject({
      entity: "refund", amount: 2_500, currency: "INR", payment_id: paymentId, status: "processed",
      notes: { reason: "one item returned" }, speed_requested: "normal", speed_processed: "normal", batch_id: null,
    });
    expect(partial.id).toMatch(/^rfnd_[A-Za-z0-9]{14}$/);
    expect(await rzp.payments.fetch(paymentId)).toMatchObject({ status: "captured", amount_refunded: 2_500, refund_status: "partial" });

    const rest = await rzp.payments.refund(paymentId, { speed: "optimum" });
    expect(rest).toMatchObject({ amount: 7_500, speed_requested: "optimum", speed_processed: "instant", notes: {} });
    expect(await rzp.payments.fetch(paymentId)).toMatchObject({ status: "refunded", amount_refunded: 10_000, refund_status: "full" });

    const listed = await rzp.payments.fetchMultipleRefund(paymentId);
    expect(listed.items.map((refund) => refund.id)).toEqual([rest.id, partial.id]);
    expect(await rzp.refunds.fetch(partial.id)).toEqual(partial);
    expect(await rzp.payments.fetchRefund(paymentId, rest.id)).toEqual(rest);
  });

  it("leaves a paid order paid after a full refund", async () => {
    const rzp = sdkFor(sandbox);
    const order = await rzp.orders.create({ amount: 1_000, currency: "INR" });
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success" });
    await rzp.payments.refund(body.razorpay_payment_id, {});
    expect((await rzp.orders.fetch(order.id)).status).toBe("paid");
  });

  it("refuses refunds beyond what was captured, of refunded payments and of uncaptured payments", async () => {
    const rzp = sdkFor(sandbox);
    const paymentId = await capturedPayment();
    const tooMuch = await sdkError(rzp.payments.refund(paymentId, { amount: 10_001 }));
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.error).toMatchObject({ description: "The refund amount provided is greater than amount captured.", field: "amount" });

    await rzp.payments.refund(paymentId, {});
    const again = await sdkError(rzp.payments.refund(paymentId, {}));
    expect(again.error.description).toBe("The payment has been fully refunded already.");

    const order = await createOrder(rzp, { amount: 1_000, currency: "INR", payment: { capture: "manual" } });
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success" });
    const uncaptured = await sdkError(rzp.payments.refund(body.razorpay_payment_id, {}));
    expect(uncaptured.statusCode).toBe(400);
    expect(uncaptured.error.description).toBe("Only captured payments can be refunded.");

    const badSpeed = await sdkError(refund(rzp, paymentId, { speed: "warp" }));
    expect(badSpeed.error.field).toBe("speed");
  });

  it("returns the first refund again for a repeated X-Refund-Idempotency key and body", async () => {
    const paymentId = await capturedPayment();
    const client = sandboxClient(sandbox);
    const key = { "X-Refund-Idempotency": "refund-key-0001" };

    const first = await client.post(`/v1/payments/${paymentId}/refund`, { amount: 1_000 }, key);
    const repeat = await client.post(`/v1/payments/${paymentId}/refund`, { amount: 1_000 }, key);
    expect(first.status).toBe(200);
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    expect((await client.get(`/v1/payments/${paymentId}/refunds`)).body.count).toBe(1);
    expect((await client.get(`/v1/payments/${paymentId}`)).body.amount_refunded).toBe(1_000);

    const otherBody = await client.post(`/v1/payments/${paymentId}/refund`, { amount: 2_000 }, key);
    expect(otherBody.status).toBe(400);
    expect(otherBody.body.error.field).toBe("X-Refund-Idempotency");

    const shortKey = await client.post(`/v1/payments/${paymentId}/refund`, { amount: 1_000 }, { "X-Refund-Idempotency": "short" });
    expect(shortKey.status).toBe(400);
    const withoutKey = await client.post(`/v1/payments/${paymentId}/refund`, { amount: 1_000 });
    expect(withoutKey.body.id).not.toBe(first.body.id);
  });
});
