import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminOrderDetail, resolveFlaggedOrder } from "@/lib/admin/order-detail";
import { auditTrail, buildTimeline, type TimelineSource } from "@/lib/admin/timeline";
import { replayWebhook, webhooksForOrderQuery } from "@/lib/admin/webhooks";
import { encrypt, encryptionKeys } from "@/lib/security/encryption";
import { db, Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { refundOrder } from "@/lib/refunds/admin";
import { MAX_ATTEMPTS } from "@/lib/webhooks/inbox";
import { createProduct, customer, queueSettled, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
beforeEach(() => setFaults(shop, { webhooks: { drop: true } }));

const admin = { email: "owner@example.com" };

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof AppError ? error : Promise.reject(error)));

/** An order of one ₹1,000 item (free shipping), paid in the sandbox and reported by the browser callback. */
async function paidOrder() {
  const product = await createProduct({ price: 100_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success", method: "upi" });
  await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
  return { order, paymentId: paid.razorpay_payment_id };
}

async function webhookDelivered(shop: TestShop, event: string, paymentId: string, eventId: string) {
  const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paymentId}`)).body;
  expect((await deliverWebhook(shop, envelope(event, { payment }), { eventId })).status).toBe(200);
  await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).status === "processed");
}

describe("an order as the admin sees it", () => {
  it("shows items, customer, payments and one timeline naming each source, with the webhook's payload masked", async () => {
    const { order, paymentId } = await paidOrder();
    await webhookDelivered(shop, "payment.captured", paymentId, `evt_Captured${randomUUID().slice(0, 8)}`);

    const detail = await adminOrderDetail(order.orderId);
    expect(detail.order).toMatchObject({ id: order.orderId, number: order.orderNumber, status: "paid", email: customer.email, customerName: customer.name, total: 100_000 });
    expect(detail.order).not.toHaveProperty("accessToken");
    expect(detail.order.items).toMatchObject([{ quantity: 1, unitPrice: 100_000 }]);
    expect(detail.order.payments).toMatchObject([{ id: paymentId, status: "captured", method: "upi", credited: true, duplicateFacts: 1 }]);
    expect(detail.refundable).toBe(100_000);

    const timeline = detail.timeline.map((entry) => [entry.source, entry.actor, entry.action]);
    expect(timeline[0]).toEqual(["audit", "checkout", "order.created"]);
    expect(timeline).toEqual(expect.arrayContaining([["audit", "callback", "payment.captured"], ["audit", "callback", "order.paid"], ["webhook", "razorpay", "webhook.processed"]]));
    const delivery = detail.timeline.find((entry) => entry.source === "webhook");
    expect(delivery).toMatchObject({ actor: "razorpay", title: "Webhook payment.captured received", toState: "processed" });
    expect(detail.timeline.map((entry) => entry.at.getTime())).toEqual(detail.timeline.map((entry) => entry.at.getTime()).sort((a, b) => a - b));

    expect(detail.webhooks).toHaveLength(1);
    const payload = detail.webhooks[0].maskedPayload;
    expect(payload).toContain(paymentId);
    expect(payload).toContain(order.razorpayOrderId);
    expect(payload).not.toContain(customer.email);
    expect(payload).not.toContain("9876543210");
  });

  it("finds a dead-lettered webhook by its payload, and an admin's replay processes it once, audited with their email", async () => {
    const { order, paymentId } = await paidOrder();
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paymentId}`)).body;
    const eventId = `evt_Dead${randomUUID().slice(0, 10)}`;
    // What the inbox leaves after MAX_ATTEMPTS failures: never applied, so absent from the audit trail.
    // Stored as the inbox stores it: the body encrypted, the Razorpay ids beside it.
    const key = encryptionKeys().current;
    const rawBody = encrypt(JSON.stringify(envelope("payment.captured", { payment })), eventId, key);
    await db().webhookEvent.create({ data: { id: eventId, event: "payment.captured", rawBody, keyId: key.id, razorpayOrderId: order.razorpayOrderId, razorpayPaymentId: paymentId, status: "dead", attempts: MAX_ATTEMPTS, lastError: "connection terminated unexpectedly" } });

    const before = await adminOrderDetail(order.orderId);
    expect(before.webhooks.map((webhook) => [webhook.id, webhook.status])).toEqual([[eventId, "dead"]]);
    expect(before.timeline.find((entry) => entry.webhookEventId === eventId)).toMatchObject({ tone: "bad", reason: `dead-lettered after ${MAX_ATTEMPTS} attempts: connection terminated unexpectedly` });

    const replay = await replayWebhook(eventId, admin);
    expect(replay).toMatchObject({ eventId, replayed: true, status: "processed", lastError: null });
    expect(await replayWebhook(eventId, admin)).toMatchObject({ replayed: false, status: "processed" });
    const audited = await db().orderEvent.findMany({ where: { orderId: order.orderId, action: "webhook.replayed" } });
    expect(audited).toMatchObject([{ actor: "admin", actorRef: admin.email }]);
    expect(audited[0].reason).toContain(eventId);
    // The replayed fact was already known (the callback reported it): counted, not applied twice.
    expect(await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).toMatchObject({ status: "captured", duplicateFacts: 1 });

    expect((await refusal(replayWebhook("evt_NoSuchEvent", admin)))?.code).toBe("not_found");
  });

  it("shows a flagged order's automatic refund, and resolving it clears the flag once, audited with the admin's note", async () => {
    const product = await createProduct({ price: 120_000, stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const wrong = await pay(shop, order.razorpayOrderId, { outcome: "success", amount: 20_000 });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: wrong.razorpay_order_id, razorpay_payment_id: wrong.razorpay_payment_id, razorpay_signature: wrong.razorpay_signature });
    await queueSettled(); // the refund is sent by a job queued with the decision

    const flagged = await adminOrderDetail(order.orderId);
    expect(flagged.order.flaggedAt).toBeInstanceOf(Date);
    expect(flagged.order.refunds).toMatchObject([{ paymentId: wrong.razorpay_payment_id, reason: "amount_mismatch", amount: 20_000, status: "processed" }]);
    expect(flagged.order.payments[0].mismatchReason).toMatch(/expects ₹1,200\.00/);
    expect(flagged.timeline.find((entry) => entry.action === "order.flagged")).toMatchObject({ tone: "bad", actor: "callback" });
    expect(flagged.refundable).toBe(0);

    const note = "Customer paid a stale amount; refunded automatically, asked them to pay again";
    expect(await resolveFlaggedOrder({ orderId: order.orderId, note, admin })).toMatchObject({ resolved: true, flagReason: expect.stringContaining(wrong.razorpay_payment_id) });
    expect(await resolveFlaggedOrder({ orderId: order.orderId, note, admin })).toEqual({ resolved: false, flagReason: null });
    const after = await adminOrderDetail(order.orderId);
    expect(after.order).toMatchObject({ flaggedAt: null, flagReason: null });
    expect(after.timeline.filter((entry) => entry.action === "order.flag_resolved")).toMatchObject([{ actor: "admin", actorRef: admin.email, reason: note, tone: "good" }]);

    expect((await refusal(resolveFlaggedOrder({ orderId: randomUUID(), note, admin })))?.code).toBe("not_found");
    expect((await refusal(resolveFlaggedOrder({ orderId: "not-a-uuid", note, admin })))?.code).toBe("not_found");
  });

  it("shows an admin's refund with who asked for it, and what is left to refund", async () => {
    const { order } = await paidOrder();
    await refundOrder({ orderId: order.orderId, amount: 30_000, note: "One jar arrived broken", restock: false, idempotencyKey: randomUUID(), admin });
    const detail = await adminOrderDetail(order.orderId);
    expect(detail.refundable).toBe(70_000);
    expect(detail.order.status).toBe("partially_refunded");
    expect(detail.order.refunds).toMatchObject([{ amount: 30_000, reason: "admin", requestedBy: admin.email, note: "One jar arrived broken", status: "processed" }]);
    expect(detail.timeline.filter((entry) => entry.actor === "admin").map((entry) => entry.action)).toEqual(["refund.requested", "refund.processed", "order.partially_refunded"]);
  });

  it("finds an order's webhooks through indexes on the ids stored beside the encrypted bodies, never by reading every stored body", async () => {
    await db().$executeRaw`
      INSERT INTO webhook_events (id, event, raw_body, status, razorpay_order_id, razorpay_payment_id)
      SELECT 'evt_Bulk' || g, 'payment.captured', json_build_object('event', 'payment.captured', 'payload', json_build_object('payment', json_build_object('entity', json_build_object('id', 'pay_Bulk' || g, 'order_id', 'order_Bulk' || (g % 500)))))::text, 'processed', 'order_Bulk' || (g % 500), 'pay_Bulk' || g
      FROM generate_series(1, 3000) AS g`;
    // JSON.parse accepts a NUL escape; PostgreSQL's jsonb does not. Storing it must still work.
    await db().webhookEvent.create({ data: { id: "evt_NulEscape00001", event: "payment.captured", rawBody: '{"event":"payment.captured","payload":{"payment":{"entity":{"order_id":"order_Bulk7","notes":{"x":"\\u0000"}}}}}', razorpayOrderId: "order_Bulk7" } });
    await db().$executeRaw`ANALYZE webhook_events`;
    const plan = (await db().$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${webhooksForOrderQuery("order_Bulk7", ["evt_Bulk1"])}`)).map((line) => line["QUERY PLAN"]).join("\n");
    expect(plan).toMatch(/webhook_events_razorpay_order_id_idx/);
    expect(plan).toMatch(/webhook_events_pkey/);
    expect(plan).not.toMatch(/Seq Scan on webhook_events/);
    const found = await db().$queryRaw<{ id: string }[]>(webhooksForOrderQuery("order_Bulk7", ["evt_Bulk1"]));
    // Seven bulk rows and the one whose body jsonb cannot read: found by the stored id, not the body.
    expect(found).toHaveLength(8);
  });

  it("refuses an unknown order or a malformed id as not found", async () => {
    expect((await refusal(adminOrderDetail(randomUUID())))?.code).toBe("not_found");
    expect((await refusal(adminOrderDetail("1 OR 1=1")))?.code).toBe("not_found");
  });
});

describe("the timeline's sources", () => {
  it("shows the emails the order caused, from the outbox, right after the fact, linking to the email's page", async () => {
    const { order } = await paidOrder();
    const [email] = await db().emailOutbox.findMany({ where: { orderId: order.orderId } });
    expect(email).toMatchObject({ kind: "order_confirmation" });
    const { timeline } = await adminOrderDetail(order.orderId);
    const entry = timeline.find((candidate) => candidate.source === "email");
    expect(entry).toMatchObject({ actor: "outbox", actorRef: email.messageId, href: `/admin/emails/${email.id}`, reason: expect.stringMatching(/^to as\*\*\*@example\.com/) });
    expect(entry?.title).toMatch(/^Order confirmation (sent|waiting to be sent)$/);
    const paid = timeline.findIndex((candidate) => candidate.action === "order.paid");
    expect(timeline.indexOf(entry!)).toBeGreaterThan(paid);
  });

  it("merges another source (such as emails sent) into one list by time, ties in source order", async () => {
    const { order } = await paidOrder();
    const events = await db().orderEvent.findMany({ where: { orderId: order.orderId }, orderBy: { id: "asc" } });
    const paidAt = events.find((event) => event.action === "order.paid")!.createdAt;
    const emails: TimelineSource = () => [
      { at: paidAt, source: "email", actor: "system", actorRef: "<order-confirmation@shop>", action: "email.sent", title: "Order confirmation sent", fromState: null, toState: null, reason: null, paymentId: null, tone: "neutral", webhookEventId: null },
    ];
    const timeline = await buildTimeline({ orderId: order.orderId, events, webhooks: [] }, [auditTrail, emails]);
    const paid = timeline.findIndex((entry) => entry.action === "order.paid");
    expect(timeline[paid + 1]).toMatchObject({ source: "email", title: "Order confirmation sent" });
    expect(timeline).toHaveLength(events.length + 1);
  });
});
