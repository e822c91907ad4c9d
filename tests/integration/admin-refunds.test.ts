import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { refundOrder, type AdminRefundRequest } from "@/lib/refunds/admin";
import { createProduct, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
beforeEach(() => setFaults(shop, { webhooks: { drop: true } }));

const admin = { email: "owner@example.com" };
const stockOf = async (id: string) => (await db().product.findUniqueOrThrow({ where: { id } })).stock;
const gatewayRefunds = async (paymentId: string) => (await sandboxCall(shop, "GET", `/v1/payments/${paymentId}/refunds`)).body.count as number;

/** A paid order of two units at ₹500 each (₹1,000, free shipping). */
async function paidOrder() {
  const product = await createProduct({ price: 50_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
  return { product, order, paymentId: paid.razorpay_payment_id };
}

const request = (orderId: string, overrides: Partial<AdminRefundRequest> = {}): AdminRefundRequest => ({
  orderId,
  amount: 100_000,
  note: "Customer returned the parcel",
  restock: false,
  idempotencyKey: randomUUID(),
  admin,
  ...overrides,
});

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppError ? error : Promise.reject(error)));

describe("an admin's refund", () => {
  it("refunds once when two full refunds of the same order race", async () => {
    const { order, paymentId } = await paidOrder();
    const results = await Promise.allSettled([refundOrder(request(order.orderId)), refundOrder(request(order.orderId))]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(refused.reason).toBeInstanceOf(AppError);
    expect(refused.reason.code).toBe("refund_too_large");
    expect(await gatewayRefunds(paymentId)).toBe(1);
    expect(await db().refund.count({ where: { orderId: order.orderId } })).toBe(1);
  });

  it("refunds once for a double click: the same Idempotency-Key returns the refund it made", async () => {
    const { order, paymentId } = await paidOrder();
    const key = randomUUID();
    const [first, second] = await Promise.all([refundOrder(request(order.orderId, { amount: 20_000, idempotencyKey: key })), refundOrder(request(order.orderId, { amount: 20_000, idempotencyKey: key }))]);
    expect(first.refund.id).toBe(second.refund.id);
    expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
    expect(await gatewayRefunds(paymentId)).toBe(1);
    const reused = await refusal(refundOrder(request(order.orderId, { amount: 30_000, idempotencyKey: key })));
    expect(reused?.code).toBe("idempotency_key_reused");
  });

  it("refuses a full-amount request after a partial refund, saying how much is left", async () => {
    const { order } = await paidOrder();
    const partial = await refundOrder(request(order.orderId, { amount: 30_000 }));
    expect(partial.refund).toMatchObject({ status: "processed", amount: 30_000, reason: "admin", requestedBy: admin.email });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("partially_refunded");

    const refused = await refusal(refundOrder(request(order.orderId, { amount: 100_000 })));
    expect(refused?.code).toBe("refund_too_large");
    expect(refused?.message).toBe("At most ₹700.00 can still be refunded: ₹300.00 of ₹1,000.00 is refunded or being refunded");

    await refundOrder(request(order.orderId, { amount: 70_000 }));
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("refunded");
    expect((await refusal(refundOrder(request(order.orderId, { amount: 100 }))))?.message).toMatch(/already refunded in full/);
  });

  it("shows a refund Razorpay rejects as failed, with Razorpay's reason, and it no longer counts against the order", async () => {
    const { order, paymentId } = await paidOrder();
    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 1, status: 400, failPaths: "/refund$" } });
    const { refund } = await refundOrder(request(order.orderId));
    expect(refund.status).toBe("failed");
    expect(refund.failureReason).toMatch(/^Razorpay refused the refund: /);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    const retried = await refundOrder(request(order.orderId));
    expect(retried.refund.status).toBe("processed");
    expect(await gatewayRefunds(paymentId)).toBe(1);
  });

  it("gives the stock back when asked, once the order is refunded in full, and audits who did it", async () => {
    const { product, order } = await paidOrder();
    expect(await stockOf(product.id)).toBe(3);
    await refundOrder(request(order.orderId, { amount: 40_000, restock: true }));
    expect(await stockOf(product.id)).toBe(3);
    await refundOrder(request(order.orderId, { amount: 60_000 }));
    expect(await stockOf(product.id)).toBe(5);
    const audited = await db().orderEvent.findMany({ where: { orderId: order.orderId, actor: "admin" }, orderBy: { id: "asc" } });
    expect(audited.map((event) => [event.action, event.actorRef])).toEqual([
      ["refund.requested", admin.email],
      ["refund.processed", admin.email],
      ["order.partially_refunded", admin.email],
      ["refund.requested", admin.email],
      ["refund.processed", admin.email],
      ["order.refunded", admin.email],
    ]);
  });

  it("refuses orders that were never paid, and unknown orders", async () => {
    const product = await createProduct({ price: 50_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    expect((await refusal(refundOrder(request(order.orderId))))?.code).toBe("refund_not_allowed");
    expect((await refusal(refundOrder(request(randomUUID()))))?.code).toBe("not_found");
  });
});
