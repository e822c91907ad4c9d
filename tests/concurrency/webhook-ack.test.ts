import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
  await setFaults(shop, { webhooks: { drop: true } });
});
afterAll(() => shop?.close());

describe("webhook acknowledgement", () => {
  it("acknowledges in well under a second while processing takes 10 seconds", async () => {
    const product = await createProduct({ price: 100_000, stock: 5 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;
    // Processing needs the order's row lock; holding it for 10 s makes processing take that long.
    const blocker = new pg.Client({ connectionString: shop.database.url });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query("SELECT id FROM orders WHERE id = $1 FOR UPDATE", [order.orderId]);
    const released = new Promise((resolve) => setTimeout(resolve, 10_000)).then(async () => {
      await blocker.query("COMMIT");
      await blocker.end();
    });

    const started = performance.now();
    const ack = await deliverWebhook(shop, envelope("payment.captured", { payment }), { eventId: "evt_SlowProcessing1" });
    const elapsed = performance.now() - started;
    expect(ack.status).toBe(200);
    expect(elapsed).toBeLessThan(1_000);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("pending");

    await released;
    await eventually(async () => (await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_SlowProcessing1" } })).status === "processed", 10_000);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
  }, 30_000);

});
