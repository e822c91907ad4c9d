import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as exportOrders } from "@/app/admin/orders/export/route";
import { db } from "@/lib/db";
import { ensureAdmin } from "@/lib/auth/users";
import { MAX_ATTEMPTS } from "@/lib/webhooks/inbox";
import { adminCookie } from "../support/auth";
import { call, createProduct, customer, envelope, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

/** The admin's routes with an admin signed in through next-auth's real credentials sign-in. */
let shop: TestShop;
let cookie: string;
const admin = { email: "owner@example.com", password: "correct horse battery staple" };

beforeAll(async () => {
  shop = await startShop();
  await ensureAdmin(admin.email, admin.password);
  cookie = await adminCookie(shop.url, admin.email, admin.password);
});
afterAll(() => shop?.close());
beforeEach(() => setFaults(shop, { webhooks: { drop: true } }));

const get = (path: string) => call(shop, path, { headers: { cookie } });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => postJson(shop, path, body, { cookie, ...headers });

/** A paid order of one ₹1,000 item (free shipping). */
async function paidOrder() {
  const product = await createProduct({ price: 100_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
  return { order, paymentId: paid.razorpay_payment_id };
}

describe("GET /api/admin/orders", () => {
  it("lists the filter's orders with their count and total, and refuses bad input naming the parameter", async () => {
    const { order } = await paidOrder();
    const reply = await get(`/api/admin/orders?status=paid&q=${order.orderNumber}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ count: 1, total: 100_000, currency: "INR", page: 1, pageSize: 25, pages: 1 });
    expect(reply.body.orders).toMatchObject([{ id: order.orderId, number: order.orderNumber, status: "paid", email: customer.email, payment: { status: "captured" } }]);

    for (const [query, field] of [["pageSize=500", "pageSize"], ["status=shipped", "status"], ["from=yesterday", "from"], ["sort=email", "sort"], ["colour=red", "colour"]]) {
      const bad = await get(`/api/admin/orders?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error, query).toMatchObject({ code: "invalid_request", field });
    }
  });
});

describe("GET /admin/orders/export", () => {
  it("downloads the filter as CSV", async () => {
    const { order } = await paidOrder();
    const response = await exportOrders(new NextRequest(`${shop.url}/admin/orders/export?q=${order.orderNumber}`, { headers: { cookie } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${order.orderNumber},.*,paid,.*,1000\\.00,`));
  });
});

describe("POST /api/admin/orders/{id}/refunds", () => {
  it("refunds with 201, returns the same refund with 200 for the same Idempotency-Key, and audits the admin", async () => {
    const { order } = await paidOrder();
    const key = randomUUID();
    const first = await post(`/api/admin/orders/${order.orderId}/refunds`, { amount: 40_000, reason: "Two jars arrived broken" }, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(first.body.refund).toMatchObject({ amount: 40_000, currency: "INR", status: "processed", reason: "admin", note: "Two jars arrived broken", failureReason: null, restock: false, requestedBy: admin.email });
    expect(Object.keys(first.body.refund).sort()).toEqual(["amount", "createdAt", "currency", "failureReason", "id", "note", "reason", "requestedBy", "restock", "status"]);

    const again = await post(`/api/admin/orders/${order.orderId}/refunds`, { amount: 40_000, reason: "Two jars arrived broken" }, { "idempotency-key": key });
    expect(again.status).toBe(200);
    expect(again.body.refund.id).toBe(first.body.refund.id);
    const reused = await post(`/api/admin/orders/${order.orderId}/refunds`, { amount: 50_000, reason: "Two jars arrived broken" }, { "idempotency-key": key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");

    const tooMuch = await post(`/api/admin/orders/${order.orderId}/refunds`, { amount: 100_000, reason: "Everything" }, { "idempotency-key": randomUUID() });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: "refund_too_large", message: "At most ₹600.00 can still be refunded: ₹400.00 of ₹1,000.00 is refunded or being refunded" });

    expect(await db().refund.count({ where: { orderId: order.orderId } })).toBe(1);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("partially_refunded");
    expect(await db().orderEvent.findFirst({ where: { orderId: order.orderId, action: "refund.requested" } })).toMatchObject({ actor: "admin", actorRef: admin.email, reason: "Two jars arrived broken" });
  });

  it("refuses bad input with 400 naming the field, and changes nothing", async () => {
    const { order } = await paidOrder();
    const path = `/api/admin/orders/${order.orderId}/refunds`;
    const missingKey = await post(path, { amount: 100, reason: "No key sent" });
    expect(missingKey.status).toBe(400);
    expect(missingKey.body.error.code).toBe("idempotency_key_missing");
    const cases: [unknown, string][] = [
      [{ amount: 0, reason: "Zero" }, "amount"],
      [{ amount: 10.5, reason: "Half a paisa" }, "amount"],
      [{ amount: "100", reason: "A string" }, "amount"],
      [{ amount: 100, reason: "no" }, "reason"],
      [{ amount: 100, reason: "x".repeat(501) }, "reason"],
      [{ amount: 100, reason: "Restock?", restock: "yes" }, "restock"],
    ];
    for (const [body, field] of cases) {
      const reply = await post(path, body, { "idempotency-key": randomUUID() });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error, JSON.stringify(body)).toMatchObject({ code: "invalid_request", field });
    }
    const malformed = await call(shop, path, { method: "POST", headers: { cookie, "content-type": "application/json", "idempotency-key": randomUUID() }, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await db().refund.count({ where: { orderId: order.orderId } })).toBe(0);

    for (const id of [randomUUID(), "not-a-uuid"]) {
      const missing = await post(`/api/admin/orders/${id}/refunds`, { amount: 100, reason: "Unknown order" }, { "idempotency-key": randomUUID() });
      expect(missing.status).toBe(404);
    }
  });

  it("refuses to refund an order that was never paid", async () => {
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const reply = await post(`/api/admin/orders/${order.orderId}/refunds`, { amount: 100, reason: "Not paid yet" }, { "idempotency-key": randomUUID() });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("refund_not_allowed");
  });
});

describe("POST /api/admin/orders/{id}/resolve", () => {
  it("clears a flagged order's flag with the admin's note, once", async () => {
    const product = await createProduct({ price: 120_000, stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const wrong = await pay(shop, order.razorpayOrderId, { outcome: "success", amount: 20_000 });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: wrong.razorpay_order_id, razorpay_payment_id: wrong.razorpay_payment_id, razorpay_signature: wrong.razorpay_signature });

    const empty = await post(`/api/admin/orders/${order.orderId}/resolve`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("note");

    const resolved = await post(`/api/admin/orders/${order.orderId}/resolve`, { note: "Refunded automatically; customer told" });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolved: true, flagReason: expect.stringContaining(wrong.razorpay_payment_id) });
    expect((await post(`/api/admin/orders/${order.orderId}/resolve`, { note: "Again" })).body).toEqual({ resolved: false, flagReason: null });
    expect(await db().orderEvent.findFirst({ where: { orderId: order.orderId, action: "order.flag_resolved" } })).toMatchObject({ actor: "admin", actorRef: admin.email, reason: "Refunded automatically; customer told" });
    expect((await post(`/api/admin/orders/${randomUUID()}/resolve`, { note: "Unknown order" })).status).toBe(404);
  });
});

describe("POST /api/admin/webhooks/{eventId}/replay", () => {
  it("processes a dead-lettered webhook now and says so; an unknown event is 404", async () => {
    const { order, paymentId } = await paidOrder();
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paymentId}`)).body;
    const eventId = `evt_RouteDead${randomUUID().slice(0, 6)}`;
    await db().webhookEvent.create({ data: { id: eventId, event: "payment.captured", rawBody: JSON.stringify(envelope("payment.captured", { payment })), razorpayOrderId: order.razorpayOrderId, status: "dead", attempts: MAX_ATTEMPTS, lastError: "boom" } });

    const replay = await post(`/api/admin/webhooks/${eventId}/replay`, {});
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ eventId, replayed: true, status: "processed" });
    expect(await db().orderEvent.findFirst({ where: { orderId: order.orderId, action: "webhook.replayed" } })).toMatchObject({ actor: "admin", actorRef: admin.email });
    expect((await post("/api/admin/webhooks/evt_NoSuchEvent/replay", {})).status).toBe(404);
  });
});

describe("GET /api/admin/orders/{id}", () => {
  it("returns the order with its timeline and masked webhook payloads; an unknown order is 404", async () => {
    const { order, paymentId } = await paidOrder();
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paymentId}`)).body;
    // A plaintext row stored before encryption (key_id null), its order id filled in by the migration: still shown, masked.
    await db().webhookEvent.create({ data: { id: `evt_Detail${randomUUID().slice(0, 8)}`, event: "payment.captured", rawBody: JSON.stringify(envelope("payment.captured", { payment })), razorpayOrderId: order.razorpayOrderId, status: "processed", attempts: 1 } });
    const reply = await get(`/api/admin/orders/${order.orderId}`);
    expect(reply.status).toBe(200);
    expect(reply.body.order).toMatchObject({ id: order.orderId, status: "paid" });
    expect(reply.body.order.accessToken).toBeUndefined();
    expect(reply.body.refundable).toBe(100_000);
    expect(reply.body.timeline.length).toBeGreaterThan(3);
    expect(reply.body.webhooks).toHaveLength(1);
    expect(reply.body.webhooks[0].maskedPayload).not.toContain(customer.email);
    expect((await get(`/api/admin/orders/${randomUUID()}`)).status).toBe(404);
  });
});
