import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { processDueWebhooks } from "@/lib/webhooks/inbox";
import { createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
  await setFaults(shop, { webhooks: { drop: true } });
});
afterAll(() => shop?.close());

describe("the callback and the webhooks racing", () => {
  it("credits an order once when 50 verify calls and 50 webhook deliveries arrive at the same time", async () => {
    const product = await createProduct({ price: 150_000, stock: 10 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(8);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;
    const gatewayOrder = (await sandboxCall(shop, "GET", `/v1/orders/${order.razorpayOrderId}`)).body;
    const captured = envelope("payment.captured", { payment });
    const orderPaid = envelope("order.paid", { payment, order: gatewayOrder });

    const callbacks = Array.from({ length: 50 }, () =>
      postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature }),
    );
    // 10 distinct events, each delivered 5 times: half payment.captured, half order.paid.
    const webhooks = Array.from({ length: 50 }, (_, i) => deliverWebhook(shop, i % 2 ? orderPaid : captured, { eventId: `evt_Race${String(i % 10).padStart(10, "0")}` }));
    const replies = await Promise.all([...callbacks, ...webhooks]);

    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    expect(replies.slice(0, 50).every((reply) => reply.status === 200 && reply.body.status === "paid")).toBe(true);
    expect(replies.slice(50).every((reply) => reply.status === 200)).toBe(true);
    expect(replies.slice(50).filter((reply) => reply.body.duplicate === false)).toHaveLength(10);

    await processDueWebhooks();
    await eventually(async () => (await db().webhookEvent.count({ where: { id: { startsWith: "evt_Race" }, status: "processed" } })) === 10);
    expect(await db().payment.findMany({ where: { orderId: order.orderId } })).toMatchObject([{ id: paid.razorpay_payment_id, status: "captured", credited: true }]);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.paid" } })).toBe(1);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "payment.captured" } })).toBe(1);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(8);
    expect(await db().refund.count({ where: { orderId: order.orderId } })).toBe(0);
    // Every fact was heard and counted, and the ones that changed nothing added no audit rows.
    expect((await db().payment.findUniqueOrThrow({ where: { id: paid.razorpay_payment_id } })).duplicateFacts).toBe(50 + 10 - 1);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId } })).toBe(4); // created, gateway order recorded, payment captured, paid
  });
});
