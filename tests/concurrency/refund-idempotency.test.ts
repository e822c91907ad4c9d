import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { startChildApp, startInterceptingProxy } from "../support/processes";
import { createProduct, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  // Refunds are sent by follow-up jobs: here only the child app below works that queue, through the proxy.
  shop = await startShop({ queues: ["webhook"] });
});
afterAll(() => shop?.close());

describe("a refund whose response was lost", () => {
  it("is sent again with the same X-Refund-Idempotency key, and Razorpay refunds once", async () => {
    await setFaults(shop, { webhooks: { drop: true } });
    const product = await createProduct({ price: 100_000, stock: 4 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const first = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: first.razorpay_order_id, razorpay_payment_id: first.razorpay_payment_id, razorpay_signature: first.razorpay_signature });
    const second = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true });

    // Razorpay makes the refund, and its answer never reaches the shop.
    let dropped = 0;
    const proxy = await startInterceptingProxy(shop.sandbox.url, async (request, status) => {
      if (request.method === "POST" && request.url?.endsWith("/refund") && status === 200 && dropped++ === 0) return "drop";
      return "forward";
    });
    const child = await startChildApp({ DATABASE_URL: shop.database.url, RAZORPAY_SANDBOX_URL: proxy.url, CHILD_WORKER_QUEUES: "follow-up" });
    const reply = await postJson({ ...shop, url: child.url }, "/api/payments/verify", { razorpay_order_id: second.razorpay_order_id, razorpay_payment_id: second.razorpay_payment_id, razorpay_signature: second.razorpay_signature });
    expect(reply.body).toEqual({ status: "paid" });
    // The attempt is counted before the call is sent: wait for Razorpay's answer to have been dropped too.
    await eventually(async () => dropped === 1 && (await db().refund.findFirst({ where: { paymentId: second.razorpay_payment_id, attempts: { gte: 1 } } })) !== null, 30_000);
    await child.kill();
    await proxy.close();
    expect(dropped).toBe(1);
    expect(await db().refund.findFirstOrThrow({ where: { paymentId: second.razorpay_payment_id } })).toMatchObject({ status: "requested", attempts: 1 });
    expect((await sandboxCall(shop, "GET", `/v1/payments/${second.razorpay_payment_id}/refunds`)).body.count).toBe(1);

    // After the backoff, the next run sends it again: Razorpay answers with the refund it already made.
    const report = await reconcile({ graceMinutes: 0, now: new Date(Date.now() + 2 * 60_000) });
    expect(report.refundsSent).toBe(1);
    const refunds = (await sandboxCall(shop, "GET", `/v1/payments/${second.razorpay_payment_id}/refunds`)).body;
    expect(refunds.count).toBe(1);
    expect(await db().refund.findFirstOrThrow({ where: { paymentId: second.razorpay_payment_id } })).toMatchObject({ status: "processed", razorpayRefundId: refunds.items[0].id });
  });
});
