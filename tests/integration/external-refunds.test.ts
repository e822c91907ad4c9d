import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { call, createProduct, eventually, queueSettled, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

const stockOf = async (id: string) => (await db().product.findUniqueOrThrow({ where: { id } })).stock;
const statusOf = async (orderId: string) => (await db().order.findUniqueOrThrow({ where: { id: orderId } })).status;

/** A paid order for two units of a new product, paid through the browser callback. */
async function paidOrder() {
  const product = await createProduct({ price: 50_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  expect((await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature })).body).toEqual({ status: "paid" });
  expect(await stockOf(product.id)).toBe(3);
  return { product, order, paymentId: paid.razorpay_payment_id };
}

/** What the owner does in Razorpay's dashboard: a refund the shop did not ask for. */
const refundInDashboard = (paymentId: string, amount?: number) => sandboxCall(shop, "POST", `/v1/payments/${paymentId}/refund`, amount ? { amount } : {});

describe("a refund made outside the shop", () => {
  it("in full, reported by webhook: the order becomes refunded, its stock comes back, and the status API reports the money", async () => {
    await setFaults(shop, {});
    const { product, order, paymentId } = await paidOrder();
    expect((await refundInDashboard(paymentId)).status).toBe(200);

    await eventually(async () => (await statusOf(order.orderId)) === "refunded");
    expect(await stockOf(product.id)).toBe(5);
    const refunds = await db().refund.findMany({ where: { orderId: order.orderId } });
    expect(refunds).toMatchObject([{ paymentId, reason: "external", amount: 100_000, status: "processed" }]);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "refund.external" } })).toBe(1);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.refunded" } })).toBe(1);
    expect((await call(shop, order.statusUrl)).body).toMatchObject({ status: "refunded", paymentStatus: "refunded", amountPaid: 100_000, amountRefunded: 100_000 });
  });

  it("in two parts: partially refunded after the first, refunded after the second", async () => {
    await setFaults(shop, {});
    const { product, order, paymentId } = await paidOrder();
    await refundInDashboard(paymentId, 30_000);
    await eventually(async () => (await statusOf(order.orderId)) === "partially_refunded");
    expect(await stockOf(product.id)).toBe(3);
    expect((await call(shop, order.statusUrl)).body).toMatchObject({ status: "partially_refunded", amountRefunded: 30_000 });

    await refundInDashboard(paymentId, 70_000);
    await eventually(async () => (await statusOf(order.orderId)) === "refunded");
    expect(await db().refund.count({ where: { orderId: order.orderId, reason: "external" } })).toBe(2);
    expect((await call(shop, order.statusUrl)).body).toMatchObject({ status: "refunded", amountRefunded: 100_000 });
  });

  it("whose webhooks were lost is learnt by reconciliation while the paid order is watched", async () => {
    await setFaults(shop, { webhooks: { drop: true } });
    const { product, order, paymentId } = await paidOrder();
    await refundInDashboard(paymentId);
    expect(await statusOf(order.orderId)).toBe("paid");

    await reconcile({ graceMinutes: 0, now: new Date(Date.now() + 25 * 60 * 60_000) });
    await queueSettled(); // what reconciliation learnt may be applied by a job
    expect(await statusOf(order.orderId)).toBe("refunded");
    expect(await stockOf(product.id)).toBe(5);
    expect(await db().refund.findMany({ where: { orderId: order.orderId } })).toMatchObject([{ reason: "external", status: "processed" }]);
  });
});
