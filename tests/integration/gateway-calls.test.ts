import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ON_DEMAND_CHECK_INTERVAL_MS } from "@/lib/reconciliation/on-demand";
import { startCountingProxy } from "../support/counting-proxy";
import { call, checkoutRequest, createProduct, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

// The shop talks to Razorpay through a proxy that counts its calls.
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
let shop: TestShop;
beforeAll(async () => {
  proxy = await startCountingProxy();
  shop = await startShop({ env: { RAZORPAY_SANDBOX_URL: proxy.url } });
  proxy.setUpstream(shop.sandbox.url);
});
afterAll(async () => {
  await shop?.close();
  await proxy?.close();
});

const apiCalls = (calls: string[]) => calls.filter((line) => !line.includes("/v1/sandbox/"));

describe("Razorpay calls per checkout", () => {
  it("makes exactly one call for a new checkout: it creates the Razorpay order without looking up the receipt first", async () => {
    const product = await createProduct({ stock: 3 });
    const calls = proxy.mark();
    const reply = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }]);
    expect(reply.status).toBe(201);
    expect(apiCalls(calls())).toEqual(["POST /v1/orders"]);
  });

  it("looks the receipt up only when resuming an order an earlier attempt made, and finds the order that attempt created", async () => {
    const product = await createProduct({ stock: 3 });
    const key = randomUUID();
    // Razorpay creates the order but its answer is lost on the way back.
    proxy.dropNextAnswer(/^POST \/v1\/orders$/);
    const failed = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(failed.status).toBe(503);
    const order = await db().order.findFirstOrThrow({ where: { items: { some: { productId: product.id } } } });
    const created = (await sandboxCall(shop, "GET", `/v1/orders?receipt=${order.id}&count=10`)).body.items as { id: string }[];
    expect(created).toHaveLength(1);

    const calls = proxy.mark();
    const retry = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(retry.status).toBe(201);
    expect(apiCalls(calls())).toEqual([expect.stringMatching(/^GET \/v1\/orders\?.*receipt=/)]);
    expect(retry.body.razorpayOrderId).toBe(created[0].id);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
  });
});

describe("the status URL asks Razorpay about an unpaid order that had a payment attempt", () => {
  it("shows a payment whose verify met a Razorpay 5xx and whose webhooks were lost as paid within seconds, without reconciliation", async () => {
    const product = await createProduct({ stock: 2 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await setFaults(shop, { webhooks: { drop: true }, api: { failNext: 1, status: 500, failPaths: "^/v1/payments/" } });
    const payment = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const verify = await postJson(shop, "/api/payments/verify", { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: payment.razorpay_payment_id, razorpay_signature: payment.razorpay_signature });
    expect(verify.status).toBe(503);
    expect(await db().payment.count({ where: { orderId: order.orderId } })).toBe(0);

    const started = Date.now();
    const paid = await eventually(async () => {
      const status = await call(shop, order.statusUrl);
      return status.body.status === "paid" ? status.body : null;
    }, 8_000, 250);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(paid).toMatchObject({ status: "paid", paymentStatus: "captured", amountPaid: order.amount });
    await setFaults(shop, {});
  });

  it("lets many concurrent polls of one order cause at most one check with Razorpay per window", async () => {
    const product = await createProduct({ stock: 2 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await setFaults(shop, { webhooks: { drop: true } });
    await pay(shop, order.razorpayOrderId, { outcome: "failure" });
    await setFaults(shop, {});
    const aboutThisOrder = (calls: string[]) => apiCalls(calls).filter((line) => line.includes(order.razorpayOrderId));

    const calls = proxy.mark();
    const replies = await Promise.all(Array.from({ length: 30 }, () => call(shop, order.statusUrl)));
    expect(replies.every((reply) => reply.status === 200 && reply.body.status === "pending")).toBe(true);
    // One check: the order (no payment row yet, so its attempts are read) and then its payments.
    expect(aboutThisOrder(calls()).filter((line) => line.endsWith("/payments"))).toHaveLength(1);
    expect(aboutThisOrder(calls()).length).toBeLessThanOrEqual(2);
    // The check recorded the failed attempt, so the page can say so.
    expect(replies.some((reply) => reply.body.paymentStatus === "failed")).toBe(true);

    await Promise.all(Array.from({ length: 10 }, () => call(shop, order.statusUrl)));
    expect(aboutThisOrder(calls()).filter((line) => line.endsWith("/payments"))).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, ON_DEMAND_CHECK_INTERVAL_MS + 200));
    await Promise.all(Array.from({ length: 10 }, () => call(shop, order.statusUrl)));
    expect(aboutThisOrder(calls()).filter((line) => line.endsWith("/payments"))).toHaveLength(2);
  }, 30_000);

  it("does not ask Razorpay about an order nobody tried to pay, and a Razorpay outage does not fail the status answer", async () => {
    const product = await createProduct({ stock: 2 });
    const untouched = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    let calls = proxy.mark();
    expect((await call(shop, untouched.statusUrl)).body.status).toBe("pending");
    // Razorpay's order says "created" (no attempt): nothing more is asked.
    expect(apiCalls(calls()).filter((line) => line.endsWith("/payments"))).toEqual([]);

    const attempted = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await setFaults(shop, { webhooks: { drop: true } });
    await pay(shop, attempted.razorpayOrderId, { outcome: "failure" });
    await setFaults(shop, { api: { failNext: 5, status: 503 } });
    calls = proxy.mark();
    const reply = await call(shop, attempted.statusUrl);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "pending", paymentStatus: "awaiting" });
    expect(apiCalls(calls()).length).toBeGreaterThan(0);
    await setFaults(shop, {});
  });
});
