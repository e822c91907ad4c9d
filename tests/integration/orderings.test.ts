import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { processWebhookEvent } from "@/lib/webhooks/inbox";
import { createProduct, deliverWebhook, envelope, pay, placeOrder, queueSettled, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
  await setFaults(shop, { webhooks: { drop: true } });
});
afterAll(() => shop?.close());

const EVENTS = ["payment.authorized", "payment.captured", "payment.failed", "order.paid"] as const;

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Snapshots of one payment as Razorpay would have sent them at each stage of its life. */
async function snapshots(razorpayOrderId: string) {
  const paid = await pay(shop, razorpayOrderId, { outcome: "success" });
  const captured = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;
  const order = (await sandboxCall(shop, "GET", `/v1/orders/${razorpayOrderId}`)).body;
  const authorized = { ...captured, status: "authorized", captured: false };
  const failed = { ...captured, status: "failed", captured: false, fee: null, tax: null, error_code: "BAD_REQUEST_ERROR", error_description: "Payment processing failed because of an issue at the bank", error_source: "bank", error_step: "payment_authorization", error_reason: "payment_failed" };
  return {
    paymentId: paid.razorpay_payment_id,
    bodies: {
      "payment.authorized": envelope("payment.authorized", { payment: authorized }),
      "payment.captured": envelope("payment.captured", { payment: captured }),
      "payment.failed": envelope("payment.failed", { payment: failed }),
      "order.paid": envelope("order.paid", { payment: captured, order }),
    },
  };
}

describe("webhooks for one payment in every order", () => {
  const orderings = permutations(EVENTS);
  /** Orderings that were delivered to the shop and ended paid, filled in by the tests below. */
  const converged = new Set<string>();

  it.each(orderings.map((ordering) => [ordering.join(" → "), ordering] as const))("ends paid, captured and credited once: %s", async (_, ordering) => {
    const product = await createProduct({ price: 110_000, stock: 3 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const { paymentId, bodies } = await snapshots(order.razorpayOrderId);

    for (const [i, event] of ordering.entries()) {
      const eventId = `evt_${order.orderNumber}x${i}`;
      const reply = await deliverWebhook(shop, bodies[event], { eventId });
      expect(reply.status).toBe(200);
      await processWebhookEvent(eventId); // a no-op if the route's own processing got there first
      await expect.poll(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).status).toBe("processed");
      // The capture an authorisation asks for is a job: let it finish, as it would before Razorpay's next webhook.
      await queueSettled();
    }

    const row = await db().order.findUniqueOrThrow({ where: { id: order.orderId }, include: { payments: true } });
    expect(row.status).toBe("paid");
    expect(row.paidPaymentId).toBe(paymentId);
    expect(row.payments).toMatchObject([{ id: paymentId, status: "captured", credited: true }]);
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.paid" } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(2);
    // A failure reported after the capture (ours, following an authorisation, or Razorpay's) moves nothing back, and says so in the audit trail.
    const failedAt = ordering.indexOf("payment.failed");
    const capturedBefore = ordering.slice(0, failedAt).some((event) => event === "payment.captured" || event === "order.paid" || event === "payment.authorized");
    const refusals = await db().orderEvent.findMany({ where: { orderId: order.orderId, action: "payment.fact_refused" } });
    if (capturedBefore) expect(refusals.some((refusal) => refusal.toState === "failed")).toBe(true);
    converged.add(ordering.join());
  });

  it("delivered all 24 distinct orderings of the four events, and each ended paid", () => {
    const expected = new Set<string>();
    for (const a of EVENTS) for (const b of EVENTS) for (const c of EVENTS) for (const d of EVENTS) if (new Set([a, b, c, d]).size === 4) expected.add([a, b, c, d].join());
    expect(expected.size).toBe(24);
    expect([...converged].sort()).toEqual([...expected].sort());
  });
});
