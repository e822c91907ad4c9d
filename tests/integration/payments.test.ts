import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call, createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
// Webhooks are delivered by hand in this file, so that each test controls what the shop hears.
beforeEach(() => setFaults(shop, { webhooks: { drop: true } }));

async function newOrder(price = 120_000) {
  const product = await createProduct({ price, stock: 5 });
  return placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
}

const verify = (fields: object) => postJson(shop, "/api/payments/verify", fields);
const orderRow = (id: string) => db().order.findUniqueOrThrow({ where: { id }, include: { payments: true } });
const fetchPayment = async (id: string) => (await sandboxCall(shop, "GET", `/v1/payments/${id}`)).body;

describe("the checkout callback (verify)", () => {
  it("marks the order paid once Razorpay confirms the payment", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const reply = await verify({ razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "paid" });
    const row = await orderRow(order.orderId);
    expect(row).toMatchObject({ status: "paid", paidPaymentId: paid.razorpay_payment_id });
    expect(row.payments).toMatchObject([{ id: paid.razorpay_payment_id, status: "captured", credited: true, amount: 120_000 }]);

    const status = await call(shop, order.statusUrl);
    expect(status.body).toEqual({
      status: "paid",
      paymentStatus: "captured",
      amount: 120_000,
      amountReceived: 120_000,
      amountPaid: 120_000,
      amountRefunded: 0,
      currency: "INR",
      payments: [{ id: paid.razorpay_payment_id, status: "captured", amount: 120_000, credited: true }],
      refunds: [],
    });
  });

  it("credits once when verify is repeated, even concurrently", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const fields = { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature };
    const replies = await Promise.all(Array.from({ length: 10 }, () => verify(fields)));
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect(await db().payment.count({ where: { orderId: order.orderId, credited: true } })).toBe(1);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.paid" } })).toBe(1);
  });

  it("credits nothing for a bad signature", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const reply = await verify({ razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: "0".repeat(64) });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_signature");
    const row = await orderRow(order.orderId);
    expect(row.status).toBe("pending");
    expect(row.payments).toEqual([]);
  });

  it("credits nothing when the payment is for another amount than the order (tampered), and flags the order", async () => {
    const order = await newOrder(120_000);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success", amount: 100 });
    const reply = await verify({ razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("payment_mismatch");
    const row = await orderRow(order.orderId);
    expect(row.status).toBe("pending");
    expect(row.flaggedAt).not.toBeNull();
    expect(row.payments).toMatchObject([{ id: paid.razorpay_payment_id, amount: 100, credited: false }]);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.flagged" } })).toBe(1);
  });

  it("credits nothing when one order's payment is presented for another order", async () => {
    const cheap = await newOrder(10_000);
    const dear = await newOrder(400_000);
    const paid = await pay(shop, cheap.razorpayOrderId, { outcome: "success" });
    const reply = await verify({ razorpay_order_id: dear.razorpayOrderId, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_signature");
    expect((await orderRow(dear.orderId)).status).toBe("pending");
    expect(await db().payment.count({ where: { orderId: dear.orderId } })).toBe(0);
  });

  it("answers unknown orders with 404 and malformed fields with 400, changing nothing", async () => {
    const unknown = await verify({ razorpay_order_id: "order_DoesNotExist01", razorpay_payment_id: "pay_DoesNotExist001", razorpay_signature: "a".repeat(64) });
    expect(unknown.status).toBe(404);
    const malformed = await verify({ razorpay_order_id: "x", razorpay_payment_id: 5 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty("razorpay_signature");
  });

  it("leaves the order open after a failed payment, and a retry pays it", async () => {
    const order = await newOrder();
    await pay(shop, order.razorpayOrderId, { outcome: "failure" });
    const retry = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const reply = await verify({ razorpay_order_id: retry.razorpay_order_id, razorpay_payment_id: retry.razorpay_payment_id, razorpay_signature: retry.razorpay_signature });
    expect(reply.body).toEqual({ status: "paid" });
  });
});

describe("the webhook route", () => {
  it("refuses a bad signature and stores nothing", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const payment = await fetchPayment(paid.razorpay_payment_id);
    const before = await db().webhookEvent.count();
    const reply = await deliverWebhook(shop, envelope("payment.captured", { payment }), { secret: "not-the-webhook-secret" });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_signature");
    expect(await db().webhookEvent.count()).toBe(before);
    expect((await orderRow(order.orderId)).status).toBe("pending");
  });

  it("refuses a body altered after signing", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const rawBody = JSON.stringify(envelope("payment.captured", { payment: await fetchPayment(paid.razorpay_payment_id) }));
    const reply = await call(shop, "/api/webhooks/razorpay", {
      method: "POST",
      headers: { "x-razorpay-signature": (await import("@/lib/razorpay/signatures")).webhookSignature(rawBody, shop.keys.webhookSecret), "x-razorpay-event-id": "evt_Tampered000001" },
      body: rawBody.replace('"amount":120000', '"amount":120001'),
    });
    expect(reply.status).toBe(400);
    expect(await db().webhookEvent.count({ where: { id: "evt_Tampered000001" } })).toBe(0);
  });

  it("applies a duplicate event once and acknowledges the copy", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const body = envelope("payment.captured", { payment: await fetchPayment(paid.razorpay_payment_id) });
    const first = await deliverWebhook(shop, body, { eventId: "evt_Duplicate00001" });
    const second = await deliverWebhook(shop, body, { eventId: "evt_Duplicate00001" });
    expect(first.body).toEqual({ received: true, duplicate: false });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ received: true, duplicate: true });
    await eventually(async () => (await db().webhookEvent.findUnique({ where: { id: "evt_Duplicate00001" } }))?.status === "processed");
    expect((await orderRow(order.orderId)).status).toBe("paid");
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, actorRef: "evt_Duplicate00001" } })).toBe(2); // payment.captured + order.paid
    expect(await db().webhookEvent.count({ where: { id: "evt_Duplicate00001" } })).toBe(1);
  });

  it("pays the order from webhooks alone when the browser never calls back", async () => {
    await setFaults(shop, {});
    const order = await newOrder();
    await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await eventually(async () => (await orderRow(order.orderId)).status === "paid");
    await shop.sandbox.idle();
    expect(await db().payment.count({ where: { orderId: order.orderId, credited: true } })).toBe(1);
  });

  it("rejects requests without an event id or with a non-event body", async () => {
    const noId = await call(shop, "/api/webhooks/razorpay", {
      method: "POST",
      headers: { "x-razorpay-signature": (await import("@/lib/razorpay/signatures")).webhookSignature("{}", shop.keys.webhookSecret) },
      body: "{}",
    });
    expect(noId.status).toBe(400);
    const notAnEvent = await deliverWebhook(shop, { hello: "world" });
    expect(notAnEvent.status).toBe(400);
  });
});

describe("the order status URL", () => {
  it("needs the order's access token", async () => {
    const order = await newOrder();
    const wrong = await call(shop, order.statusUrl.replace(/token=[^&]+/, "token=guess"));
    expect(wrong.status).toBe(404);
    const ok = await call(shop, order.statusUrl);
    expect(ok.body).toMatchObject({ status: "pending", paymentStatus: "awaiting", amount: 120_000, amountPaid: 0 });
  });
});
