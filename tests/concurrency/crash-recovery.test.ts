import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { processDueWebhooks } from "@/lib/webhooks/inbox";
import { startChildApp, startInterceptingProxy } from "../support/processes";
import { checkoutRequest, createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  // Webhooks in this file are worked by the child processes (and recovered by hand below), not by the test process.
  shop = await startShop({ queues: ["follow-up"] });
});
afterAll(() => shop?.close());

/** Holds the order's row lock from another connection, so whoever processes a fact for it waits. */
async function holdOrderLock(orderId: string) {
  const client = new pg.Client({ connectionString: shop.database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT id FROM orders WHERE id = $1 FOR UPDATE", [orderId]);
  return async () => {
    await client.query("ROLLBACK");
    await client.end();
  };
}

const inTheFuture = (ms: number) => new Date(Date.now() + ms);

// Each test starts a child process with the route handlers (and, for webhooks, the queue workers): slow on a loaded machine.
describe("a process killed with SIGKILL", { timeout: 150_000 }, () => {
  it("between storing a webhook and applying it: after restart the order is paid, once", async () => {
    await setFaults(shop, { webhooks: { drop: true } });
    const product = await createProduct({ price: 100_000, stock: 4 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;

    const release = await holdOrderLock(order.orderId);
    const child = await startChildApp({ DATABASE_URL: shop.database.url, CHILD_WORKER_QUEUES: "webhook" });
    const eventId = "evt_KilledMidway01";
    const ack = await deliverWebhook({ ...shop, url: child.url }, envelope("payment.captured", { payment }), { eventId });
    expect(ack.status).toBe(200);
    // The child stored the event with its job, and its worker is now applying it, stuck behind our lock. Kill it there.
    await eventually(async () => (await db().webhookEvent.findUnique({ where: { id: eventId } }))?.status === "processing");
    expect(await child.kill()).toBe("SIGKILL");
    await release();

    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("pending");
    // Until its lease runs out the event belongs to the dead process; then the inbox takes it back.
    expect(await processDueWebhooks()).toBe(0);
    expect(await processDueWebhooks(inTheFuture(31_000))).toBe(1);
    const row = await db().order.findUniqueOrThrow({ where: { id: order.orderId }, include: { payments: true } });
    expect(row.status).toBe("paid");
    expect(row.payments).toMatchObject([{ id: paid.razorpay_payment_id, credited: true }]);
    expect(await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } })).toMatchObject({ status: "processed", attempts: 2 });
    expect(await db().orderEvent.count({ where: { orderId: order.orderId, action: "order.paid" } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(3);
  });

  it("between creating the Razorpay order and recording it: nothing lost, nothing doubled", async () => {
    await setFaults(shop, {});
    const product = await createProduct({ price: 100_000, stock: 4 });
    let child: Awaited<ReturnType<typeof startChildApp>> | undefined;
    const proxy = await startInterceptingProxy(shop.sandbox.url, async (request, status) => {
      if (request.method === "POST" && request.url === "/v1/orders" && status === 200) {
        await child!.kill(); // Razorpay has the order; the shop never hears its id.
        return "drop";
      }
      return "forward";
    });
    child = await startChildApp({ DATABASE_URL: shop.database.url, RAZORPAY_SANDBOX_URL: proxy.url });
    const key = randomUUID();
    const attempt = await checkoutRequest({ ...shop, url: child.url }, [{ productId: product.id, quantity: 2 }], { key }).catch((error: Error) => error);
    expect(attempt).toBeInstanceOf(Error); // the connection died with the process
    expect(await child.exited).toBe("SIGKILL");
    await proxy.close();

    const [order] = await db().order.findMany({ where: { items: { some: { productId: product.id } } } });
    expect(order).toMatchObject({ status: "pending", razorpayOrderId: null });
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(2);
    const atRazorpay = (await sandboxCall(shop, "GET", `/v1/orders?receipt=${order.id}`)).body.items;
    expect(atRazorpay).toHaveLength(1);

    // The shopper retries with the same key once the dead request's hold on it has lapsed.
    await db().idempotencyKey.updateMany({ where: { key }, data: { lockedAt: new Date(Date.now() - 61_000) } });
    const retry = await checkoutRequest(shop, [{ productId: product.id, quantity: 2 }], { key });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ orderId: order.id, razorpayOrderId: atRazorpay[0].id });
    expect((await sandboxCall(shop, "GET", `/v1/orders?receipt=${order.id}`)).body.items).toHaveLength(1);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(2);

    await pay(shop, atRazorpay[0].id, { outcome: "success" });
    await eventually(async () => (await processDueWebhooks(), (await db().order.findUniqueOrThrow({ where: { id: order.id } })).status === "paid"));
  });

  it("between creating the Razorpay order and recording it, with no retry: reconciliation adopts it and finds the payment", async () => {
    await setFaults(shop, { webhooks: { drop: true } });
    const product = await createProduct({ price: 100_000, stock: 4 });
    let child: Awaited<ReturnType<typeof startChildApp>> | undefined;
    const proxy = await startInterceptingProxy(shop.sandbox.url, async (request, status) => {
      if (request.method === "POST" && request.url === "/v1/orders" && status === 200) {
        await child!.kill();
        return "drop";
      }
      return "forward";
    });
    child = await startChildApp({ DATABASE_URL: shop.database.url, RAZORPAY_SANDBOX_URL: proxy.url });
    await checkoutRequest({ ...shop, url: child.url }, [{ productId: product.id, quantity: 1 }]).catch(() => undefined);
    await proxy.close();
    const [order] = await db().order.findMany({ where: { items: { some: { productId: product.id } } } });
    const [gatewayOrder] = (await sandboxCall(shop, "GET", `/v1/orders?receipt=${order.id}`)).body.items;
    // The shopper had the popup open from another tab and paid; no webhook arrives.
    await pay(shop, gatewayOrder.id, { outcome: "success" });

    const report = await reconcile({ graceMinutes: 0 });
    expect(report.errors).toEqual([]);
    const row = await db().order.findUniqueOrThrow({ where: { id: order.id } });
    expect(row).toMatchObject({ status: "paid", razorpayOrderId: gatewayOrder.id });
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(3);
  });
});
