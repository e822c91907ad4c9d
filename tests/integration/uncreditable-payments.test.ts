import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { call, createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
beforeEach(async () => {
  vi.restoreAllMocks();
  await setFaults(shop, { webhooks: { drop: true } });
});

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const verify = (paid: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature?: string }) =>
  postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });

describe("a captured payment that cannot be credited", () => {
  it("is refunded exactly once, the alert fires once, the order stays payable, and the status API says what was received and refunded", async () => {
    const alerts = vi.spyOn(log, "error");
    const product = await createProduct({ price: 120_000, stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const wrong = await pay(shop, order.razorpayOrderId, { outcome: "success", amount: 20_000 });

    const reply = await verify(wrong);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("payment_mismatch");
    expect(reply.body.error.message).toMatch(/refunded/);

    // Reported again by Razorpay's webhook and by several reconciliation runs: nothing more happens.
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${wrong.razorpay_payment_id}`)).body;
    expect((await deliverWebhook(shop, envelope("payment.captured", { payment }), { eventId: "evt_MismatchAgain1" })).status).toBe(200);
    await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_MismatchAgain1" } })).status === "processed");
    for (const minutes of [6, 8, 10]) await reconcile({ graceMinutes: 0, now: minutesFromNow(minutes) });

    const refunds = await db().refund.findMany({ where: { orderId: order.orderId } });
    expect(refunds).toMatchObject([{ paymentId: wrong.razorpay_payment_id, reason: "amount_mismatch", amount: 20_000, status: "processed" }]);
    expect((await sandboxCall(shop, "GET", `/v1/payments/${wrong.razorpay_payment_id}/refunds`)).body.count).toBe(1);
    expect(alerts.mock.calls.filter(([event]) => event === "payment_mismatch")).toHaveLength(1);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.flagged" } })).toBe(1);

    const status = await call(shop, order.statusUrl);
    expect(status.body).toMatchObject({
      status: "pending",
      paymentStatus: "refunded",
      amount: 120_000,
      amountReceived: 20_000,
      amountPaid: 0,
      amountRefunded: 20_000,
      refunds: [{ paymentId: wrong.razorpay_payment_id, amount: 20_000, status: "processed", reason: "amount_mismatch" }],
    });

    // Still payable on our side: the right amount pays it. (The sandbox marks its order paid after the
    // odd payment; `force` lets a second payment through, as a second open popup would.)
    const right = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true, amount: 120_000 });
    expect((await verify(right)).body).toEqual({ status: "paid" });
    expect((await call(shop, order.statusUrl)).body).toMatchObject({ status: "paid", paymentStatus: "captured", amountPaid: 120_000, amountReceived: 140_000, amountRefunded: 20_000 });
  });

  it("in the right amount but another currency is not credited, and is refunded", async () => {
    const product = await createProduct({ price: 50_000, stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const foreign = {
      id: "pay_OtherCurrency01",
      entity: "payment",
      amount: order.amount,
      currency: "USD",
      status: "captured",
      order_id: order.razorpayOrderId,
      method: "card",
      amount_refunded: 0,
      captured: true,
    };
    expect((await deliverWebhook(shop, envelope("payment.captured", { payment: foreign }), { eventId: "evt_OtherCurrency1" })).status).toBe(200);
    await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_OtherCurrency1" } })).status === "processed");

    const row = await db().order.findUniqueOrThrow({ where: { id: order.orderId }, include: { payments: true, refunds: true } });
    expect(row.status).toBe("pending");
    expect(row.payments).toMatchObject([{ id: foreign.id, credited: false }]);
    expect(row.payments[0].mismatchReason).toMatch(/\$549\.00/);
    expect(row.refunds).toMatchObject([{ paymentId: foreign.id, reason: "amount_mismatch" }]);
  });

  it("is reported by the status API as received and being refunded on an order that then expired", async () => {
    const product = await createProduct({ price: 80_000, stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 1_000, status: 503, failPaths: "/refund$" } });
    const wrong = await pay(shop, order.razorpayOrderId, { outcome: "success", amount: 10_000 });
    await verify(wrong);
    await reconcile({ graceMinutes: 0, now: minutesFromNow(31) }); // Razorpay still refuses refund calls for now

    const status = await call(shop, order.statusUrl);
    expect(status.body).toMatchObject({ status: "expired", paymentStatus: "refunding", amountReceived: 10_000, amountRefunded: 0, refunds: [{ status: "requested", reason: "amount_mismatch" }] });
  });
});
