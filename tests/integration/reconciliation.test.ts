import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { call, queueSettled, createProduct, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
// Lost webhooks and closed tabs: the shop hears nothing unless it asks.
beforeEach(() => setFaults(shop, { webhooks: { drop: true } }));

/** Reconciliation's clock, moved forward: each order checked is due again a minute later. */
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000);
const afterTtl = () => minutesFromNow(31);
const stockOf = async (id: string) => (await db().product.findUniqueOrThrow({ where: { id } })).stock;
const orderOf = (id: string) => db().order.findUniqueOrThrow({ where: { id }, include: { payments: true, refunds: true } });

describe("reconciliation", () => {
  it("pays an order from Razorpay's records alone when no webhook arrives and the tab was closed", async () => {
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await pay(shop, order.razorpayOrderId, { outcome: "success" });
    expect((await orderOf(order.orderId)).status).toBe("pending");

    const report = await reconcile({ graceMinutes: 0 });
    expect(report).toMatchObject({ ordersPaid: 1, errors: [] });
    const row = await orderOf(order.orderId);
    expect(row.status).toBe("paid");
    expect(row.payments).toMatchObject([{ status: "captured", credited: true }]);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, actor: "reconciliation", action: "order.paid" } })).toBe(1);
  });

  it("keeps an unpaid order and its stock until its TTL, even when asked about long after the grace period", async () => {
    const product = await createProduct({ stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
    await reconcile({ now: minutesFromNow(10), graceMinutes: 0 });
    await reconcile({ now: minutesFromNow(29), graceMinutes: 0 });
    expect((await orderOf(order.orderId)).status).toBe("pending");
    expect(await stockOf(product.id)).toBe(3);
    await reconcile({ now: minutesFromNow(31), graceMinutes: 0 });
    expect((await orderOf(order.orderId)).status).toBe("expired");
    expect(await stockOf(product.id)).toBe(5);
  });

  it("leaves young orders alone during the grace period", async () => {
    const product = await createProduct({ stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await reconcile({ graceMinutes: 5 });
    expect((await orderOf(order.orderId)).status).toBe("pending");
  });

  it("captures a payment that was only authorised", async () => {
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success", capture: false });
    expect((await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body.status).toBe("authorized");
    await reconcile({ graceMinutes: 0 });
    await queueSettled(); // the capture it decided on is a job
    expect((await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body.status).toBe("captured");
    expect((await orderOf(order.orderId)).status).toBe("paid");
  });

  it("expires unpaid orders after the TTL and releases their stock exactly once, however many runs race", async () => {
    const product = await createProduct({ stock: 6 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 4 }]);
    await pay(shop, order.razorpayOrderId, { outcome: "failure" });
    expect(await stockOf(product.id)).toBe(2);

    const reports = await Promise.all(Array.from({ length: 6 }, () => reconcile({ now: afterTtl(), graceMinutes: 0 })));
    expect(reports.reduce((sum, report) => sum + report.ordersExpired, 0)).toBe(1);
    expect(await stockOf(product.id)).toBe(6);
    expect((await orderOf(order.orderId)).status).toBe("expired");
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.expired" } })).toBe(1);
    await reconcile({ now: afterTtl(), graceMinutes: 0 });
    expect(await stockOf(product.id)).toBe(6);
  });

  it("does not expire an order while Razorpay cannot be asked about it", async () => {
    const product = await createProduct({ stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 100, status: 502 } });
    const report = await reconcile({ now: afterTtl(), graceMinutes: 0 });
    expect(report.errors.map((error) => error.orderId)).toContain(order.orderId);
    expect((await orderOf(order.orderId)).status).toBe("pending");
    await setFaults(shop, { webhooks: { drop: true } });
    await reconcile({ now: minutesFromNow(33), graceMinutes: 0 });
    expect((await orderOf(order.orderId)).status).toBe("expired");
  });

  it("accepts a payment made after expiry when the stock is still there", async () => {
    const product = await createProduct({ price: 100_000, stock: 2 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await reconcile({ now: afterTtl(), graceMinutes: 0 });
    expect(await stockOf(product.id)).toBe(2);
    await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const report = await reconcile({ graceMinutes: 0, now: minutesFromNow(33) });
    expect(report.ordersPaid).toBe(1);
    expect((await orderOf(order.orderId)).status).toBe("paid");
    expect(await stockOf(product.id)).toBe(1);
  });

  it("refunds a payment made after expiry when the stock was sold meanwhile", async () => {
    const product = await createProduct({ price: 100_000, stock: 1 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await reconcile({ now: afterTtl(), graceMinutes: 0 });
    const other = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]); // someone else buys the last unit
    const otherPaid = await pay(shop, other.razorpayOrderId, { outcome: "success" });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: otherPaid.razorpay_order_id, razorpay_payment_id: otherPaid.razorpay_payment_id, razorpay_signature: otherPaid.razorpay_signature });
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await reconcile({ graceMinutes: 0, now: minutesFromNow(33) });
    const row = await orderOf(order.orderId);
    expect(row.status).toBe("expired");
    expect(row.refunds).toMatchObject([{ paymentId: paid.razorpay_payment_id, reason: "order_expired", status: "processed", amount: 100_000 }]);
    expect(await stockOf(product.id)).toBe(0);
    expect((await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body).toMatchObject({ status: "refunded", amount_refunded: 100_000 });
  });

  it("never credits a late payment it decided to refund, even when stock comes back before the refund is done", async () => {
    const product = await createProduct({ price: 100_000, stock: 1 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await reconcile({ now: afterTtl(), graceMinutes: 0 });
    await db().productVariant.update({ where: { id: product.variantId }, data: { stock: 0 } }); // sold elsewhere
    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 1_000, status: 503, failPaths: "/refund$" } });
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await reconcile({ graceMinutes: 0, now: minutesFromNow(33) });
    expect(await db().refund.findMany({ where: { orderId: order.orderId } })).toMatchObject([{ reason: "order_expired", status: "requested" }]);

    await db().productVariant.update({ where: { id: product.variantId }, data: { stock: 5 } }); // restocked
    await setFaults(shop, { webhooks: { drop: true } });
    await reconcile({ graceMinutes: 0, now: minutesFromNow(40) });
    const row = await orderOf(order.orderId);
    expect(row.status).toBe("expired");
    expect(row.payments).toMatchObject([{ id: paid.razorpay_payment_id, credited: false }]);
    expect(row.refunds).toMatchObject([{ reason: "order_expired", status: "processed" }]);
    expect(await stockOf(product.id)).toBe(5);
  });
});

describe("the scheduler route", () => {
  it("runs reconciliation only with the CRON_SECRET bearer token", async () => {
    expect((await call(shop, "/api/cron/reconcile", { method: "POST" })).status).toBe(401);
    expect((await call(shop, "/api/cron/reconcile", { method: "POST", headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const ok = await call(shop, "/api/cron/reconcile", { method: "POST", headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveProperty("ordersChecked");
  });
});

describe("reconciliation with many orders watched", () => {
  it("handles all 100 due pending orders within two runs while 500 recently expired orders are watched", async () => {
    const product = await createProduct({ price: 10_000, stock: 200 });
    // 500 orders that expired ten minutes ago, older than every pending one, all due to be looked at again.
    await db().$executeRaw`
      INSERT INTO orders (id, access_token, status, currency, subtotal, shipping, total, customer_name, email, phone, address_line1, city, state, postal_code, country, expires_at, expired_at, next_check_at, created_at, updated_at)
      SELECT gen_random_uuid(), 'watched-' || n, 'expired', 'INR', 10000, 0, 10000, 'Old Shopper', 'old@example.com', '+919876543210', '1 Old Road', 'Pune', 'Maharashtra', '411001', 'IN',
             now() - interval '10 minutes', now() - interval '10 minutes', now() - interval '1 minute', now() - interval '2 hours', now()
      FROM generate_series(1, 500) AS n`;
    const pending: Awaited<ReturnType<typeof placeOrder>>[] = [];
    for (let batch = 0; batch < 10; batch++) {
      pending.push(...(await Promise.all(Array.from({ length: 10 }, () => placeOrder(shop, [{ productId: product.id, quantity: 1 }])))));
    }
    expect(await stockOf(product.id)).toBe(100);

    await reconcile({ now: minutesFromNow(31), graceMinutes: 0 });
    await reconcile({ now: minutesFromNow(32), graceMinutes: 0 });
    const states = await db().order.groupBy({ by: ["status"], where: { id: { in: pending.map((order) => order.orderId) } }, _count: true });
    expect(states).toEqual([{ status: "expired", _count: 100 }]);
    expect(await stockOf(product.id)).toBe(200);
  });

  it("reads the due pending orders from an index, not by scanning every order", async () => {
    await db().$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const plan = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`
        EXPLAIN SELECT id FROM orders WHERE status = 'pending' AND next_check_at <= now() AND created_at <= now() ORDER BY next_check_at LIMIT 200`;
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("orders_due_for_check");
    });
  });
});

describe("reconciliation that learns nothing new", () => {
  it("adds no audit rows over five runs across pending, expired and paid orders", async () => {
    const product = await createProduct({ price: 100_000, stock: 10 });
    const unpaid = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await pay(shop, unpaid.razorpayOrderId, { outcome: "failure" });
    const lapsed = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const paid = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await pay(shop, paid.razorpayOrderId, { outcome: "success" });
    await reconcile({ now: minutesFromNow(1), graceMinutes: 0 }); // learns the failure and the payment
    await db().order.update({ where: { id: lapsed.orderId }, data: { expiresAt: new Date() } });
    await reconcile({ now: minutesFromNow(2), graceMinutes: 0 }); // expires the lapsed one
    expect((await orderOf(lapsed.orderId)).status).toBe("expired");
    expect((await orderOf(paid.orderId)).status).toBe("paid");

    const orders = { orderId: { in: [unpaid.orderId, lapsed.orderId, paid.orderId] } };
    const before = await db().orderEvent.count({ where: orders });
    const checked = [];
    for (const minutes of [4, 6, 9, 14, 24]) {
      // The paid order is looked at daily; pretend its day has passed each time.
      await db().order.update({ where: { id: paid.orderId }, data: { nextCheckAt: new Date(0) } });
      checked.push((await reconcile({ now: minutesFromNow(minutes), graceMinutes: 0 })).ordersChecked);
    }
    expect(checked.every((count) => count >= 3)).toBe(true);
    expect(await db().orderEvent.count({ where: orders })).toBe(before);
    expect((await orderOf(unpaid.orderId)).status).toBe("pending");
    // Re-reading a payment is not hearing it again: not even the duplicate counter moves.
    expect(await db().payment.findMany({ where: orders, select: { duplicateFacts: true } })).toEqual([{ duplicateFacts: 0 }, { duplicateFacts: 0 }]);
  });
});
