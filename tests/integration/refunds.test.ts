import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { queueSettled, createProduct, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

describe("a second payment for a paid order", () => {
  it("is refunded exactly once, even when its events are delivered twice", async () => {
    await setFaults(shop, { webhooks: { duplicate: 1 } });
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const first = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await eventually(async () => (await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status === "paid");

    // Two tabs: the second popup's payment goes through too.
    const second = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true });
    const verify = await postJson(shop, "/api/payments/verify", { razorpay_order_id: second.razorpay_order_id, razorpay_payment_id: second.razorpay_payment_id, razorpay_signature: second.razorpay_signature });
    expect(verify.body).toEqual({ status: "paid" });
    await shop.sandbox.idle();
    await eventually(async () => (await db().webhookEvent.count({ where: { status: { not: "processed" } } })) === 0);
    await reconcile({ graceMinutes: 0 });
    await queueSettled(); // the refund is a job queued with the decision

    const refundsAtRazorpay = (await sandboxCall(shop, "GET", `/v1/payments/${second.razorpay_payment_id}/refunds`)).body;
    expect(refundsAtRazorpay.count).toBe(1);
    expect(refundsAtRazorpay.items[0]).toMatchObject({ amount: 100_000, status: "processed" });
    expect((await sandboxCall(shop, "GET", `/v1/payments/${first.razorpay_payment_id}/refunds`)).body.count).toBe(0);
    const row = await db().order.findUniqueOrThrow({ where: { id: order.orderId }, include: { refunds: true, payments: true } });
    expect(row.paidPaymentId).toBe(first.razorpay_payment_id);
    expect(row.refunds).toMatchObject([{ paymentId: second.razorpay_payment_id, reason: "duplicate_payment", status: "processed", razorpayRefundId: refundsAtRazorpay.items[0].id }]);
    expect(row.payments.find((payment) => payment.id === second.razorpay_payment_id)).toMatchObject({ credited: false, status: "refunded" });
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "refund.requested" } })).toBe(1);
  });

  it("survives Razorpay failing the refund call: the refund stays requested and a later run, after the backoff, sends it once", async () => {
    await setFaults(shop, { webhooks: { drop: true } });
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const first = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: first.razorpay_order_id, razorpay_payment_id: first.razorpay_payment_id, razorpay_signature: first.razorpay_signature });
    const second = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true });

    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 100, status: 500, failPaths: "/refund" } });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: second.razorpay_order_id, razorpay_payment_id: second.razorpay_payment_id, razorpay_signature: second.razorpay_signature });
    await queueSettled(); // the refund's first attempt is a job queued with the decision; its retry is deferred
    expect(await db().refund.findFirstOrThrow({ where: { paymentId: second.razorpay_payment_id } })).toMatchObject({ status: "requested", attempts: 1 });

    await setFaults(shop, { webhooks: { drop: true } });
    await reconcile({ graceMinutes: 0 });
    expect((await db().refund.findFirstOrThrow({ where: { paymentId: second.razorpay_payment_id } })).status).toBe("requested"); // not due yet
    const afterBackoff = new Date(Date.now() + 2 * 60_000);
    await Promise.all([reconcile({ graceMinutes: 0, now: afterBackoff }), reconcile({ graceMinutes: 0, now: afterBackoff }), reconcile({ graceMinutes: 0, now: afterBackoff })]);
    expect((await sandboxCall(shop, "GET", `/v1/payments/${second.razorpay_payment_id}/refunds`)).body.count).toBe(1);
    expect((await db().refund.findFirstOrThrow({ where: { paymentId: second.razorpay_payment_id } })).status).toBe("processed");
  });
});
