import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { MAX_ATTEMPTS, processWebhookEvent, replayDeadWebhooks } from "@/lib/webhooks/inbox";
import { createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
  await setFaults(shop, { webhooks: { drop: true } });
});
afterAll(() => shop?.close());

async function paidOrder() {
  const product = await createProduct({ price: 100_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;
  return { order, payment };
}

describe("the webhook inbox", () => {
  it("changes nothing when an old event is replayed days later with the same id and body", async () => {
    const { order, payment } = await paidOrder();
    const body = envelope("payment.captured", { payment });
    await deliverWebhook(shop, body, { eventId: "evt_ReplayedLater1" });
    await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_ReplayedLater1" } })).status === "processed");
    const before = { event: await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_ReplayedLater1" } }), audit: await db().orderEvent.count({ where: { orderId: order.orderId } }), order: await db().order.findUniqueOrThrow({ where: { id: order.orderId } }) };

    const replay = await deliverWebhook(shop, body, { eventId: "evt_ReplayedLater1" });
    expect(replay.status).toBe(200);
    expect(replay.body.duplicate).toBe(true);
    await processWebhookEvent("evt_ReplayedLater1", new Date(Date.now() + 3 * 24 * 3600_000));
    expect(await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_ReplayedLater1" } })).toEqual(before.event);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId } })).toBe(before.audit);
    expect(await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).toEqual(before.order);
  });

  it("gives one effect for payment.captured and order.paid of the same payment", async () => {
    const { order, payment } = await paidOrder();
    const gatewayOrder = (await sandboxCall(shop, "GET", `/v1/orders/${order.razorpayOrderId}`)).body;
    await deliverWebhook(shop, envelope("payment.captured", { payment }), { eventId: "evt_OneEffectCap01" });
    await deliverWebhook(shop, envelope("order.paid", { payment, order: gatewayOrder }), { eventId: "evt_OneEffectPaid1" });
    await eventually(async () => (await db().webhookEvent.count({ where: { id: { in: ["evt_OneEffectCap01", "evt_OneEffectPaid1"] }, status: "processed" } })) === 2);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.paid" } })).toBe(1);
    expect(await db().payment.count({ where: { orderId: order.orderId } })).toBe(1);
  });

  it("retries failed processing with backoff, dead-letters it after the last attempt, and replays it on request", async () => {
    const { order, payment } = await paidOrder();
    // A crash left the gateway order unrecorded, and Razorpay is down: the event cannot be matched yet.
    await db().order.update({ where: { id: order.orderId }, data: { razorpayOrderId: null } });
    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 1000, status: 503 } });
    const eventId = "evt_DeadLetter0001";
    await deliverWebhook(shop, envelope("payment.captured", { payment }), { eventId });
    await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).attempts === 1 && (await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).status === "pending");

    const first = await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } });
    expect(first.lastError).toMatch(/Razorpay unavailable/);
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now()); // backing off, not spinning
    await processWebhookEvent(eventId); // not due yet: nothing happens
    expect((await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).attempts).toBe(1);

    let now = Date.now();
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      now += 24 * 3600_000;
      await processWebhookEvent(eventId, new Date(now));
    }
    expect(await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS });
    await processWebhookEvent(eventId, new Date(now + 365 * 24 * 3600_000));
    expect((await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).status).toBe("dead");

    await setFaults(shop, { webhooks: { drop: true } });
    expect(await replayDeadWebhooks([eventId])).toBe(1);
    await processWebhookEvent(eventId);
    expect(await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ status: "processed", attempts: 1 });
    expect(await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).toMatchObject({ status: "paid", razorpayOrderId: payment.order_id });
  });
});

describe("webhooks refused at the door", () => {
  it("are logged with their reason and event id (never their body) and counted per day, so a wrong secret shows", async () => {
    const warnings = vi.spyOn(log, "warn");
    const { payment } = await paidOrder();
    const body = envelope("payment.captured", { payment });
    const countOf = async (reason: string) => (await db().rejectedWebhook.findMany({ where: { reason } })).reduce((sum, row) => sum + row.count, 0);

    for (let i = 0; i < 3; i++) {
      const reply = await deliverWebhook(shop, body, { eventId: `evt_WrongSecret0${i}`, secret: "not-the-webhook-secret" });
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe("invalid_signature");
    }
    expect(await countOf("bad_signature")).toBe(3);
    expect((await db().rejectedWebhook.findFirstOrThrow({ where: { reason: "bad_signature" } })).lastEventId).toBe("evt_WrongSecret02");
    const rejected = warnings.mock.calls.filter(([event]) => event === "webhook_rejected");
    expect(rejected).toHaveLength(3);
    expect(rejected[0][1]).toEqual({ reason: "bad_signature", eventId: "evt_WrongSecret00" });
    expect(JSON.stringify(rejected)).not.toContain(payment.id);

    expect((await deliverWebhook(shop, undefined, { rawBody: "{not json" })).status).toBe(400);
    expect(await countOf("invalid_json")).toBe(1);
    expect(await db().webhookEvent.count({ where: { id: { startsWith: "evt_WrongSecret" } } })).toBe(0);
  });
});

describe("a failed payment", () => {
  it("keeps Razorpay's error code, description, reason, source and step", async () => {
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const failed = await pay(shop, order.razorpayOrderId, { outcome: "failure" });
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${failed.razorpay_payment_id}`)).body;
    expect(payment.error_reason).toBeTruthy();
    expect((await deliverWebhook(shop, envelope("payment.failed", { payment }), { eventId: "evt_FailedPayment1" })).status).toBe(200);
    await processWebhookEvent("evt_FailedPayment1"); // a no-op if the route's own processing got there first
    await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_FailedPayment1" } })).status === "processed");
    expect(await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({
      status: "failed",
      errorCode: payment.error_code,
      errorDescription: payment.error_description,
      errorReason: payment.error_reason,
      errorSource: payment.error_source,
      errorStep: payment.error_step,
    });
  });
});
