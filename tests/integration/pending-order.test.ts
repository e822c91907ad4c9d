import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkoutKeyOf } from "@/lib/cart/cart";
import { call, checkoutRequest, createProduct, customer, postJson, sandboxCall, shippingAddress, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

async function cartWith(productId: string, quantity: number): Promise<string> {
  const added = await postJson(shop, "/api/cart/items", { productId, quantity });
  expect(added.status).toBe(201);
  return added.headers.getSetCookie()[0].split(";")[0];
}

async function checkoutCart(cookie: string, key: string = randomUUID(), details = { customer, shippingAddress }) {
  const reply = await checkoutRequest(shop, [], { cookie, key, body: details });
  expect(reply.status).toBe(201);
  return reply.body as { orderId: string; orderNumber: number; razorpayOrderId: string; amount: number; statusUrl: string; orderUrl: string };
}

const stockOf = async (productId: string) => (await db().product.findUniqueOrThrow({ where: { id: productId } })).stock;
const cart = (cookie: string) => call(shop, "/api/cart", { headers: { cookie } });

describe("GET /api/cart names the cart's unpaid order", () => {
  it("answers pendingOrder: null without one, and { orderId, orderNumber, orderUrl, total, expiresAt } with one", async () => {
    const product = await createProduct({ price: 20_000, stock: 5 });
    const cookie = await cartWith(product.id, 3);
    expect((await cart(cookie)).body.pendingOrder).toBeNull();
    expect((await call(shop, "/api/cart")).body.pendingOrder).toBeNull();

    const order = await checkoutCart(cookie);
    const reply = await cart(cookie);
    expect(reply.status).toBe(200);
    const stored = await db().order.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(reply.body.pendingOrder).toStrictEqual({ orderId: order.orderId, orderNumber: order.orderNumber, orderUrl: order.orderUrl, total: 64_900, expiresAt: stored.expiresAt.toISOString() });
    expect(reply.body.cart.lines).toHaveLength(1);
  });

  it("does not name a paid order", async () => {
    const product = await createProduct({ stock: 5 });
    const cookie = await cartWith(product.id, 1);
    const order = await checkoutCart(cookie);
    const scripted = await sandboxCall(shop, "POST", `/v1/sandbox/orders/${order.razorpayOrderId}/pay`, { outcome: "success" });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: scripted.body.razorpay_order_id, razorpay_payment_id: scripted.body.razorpay_payment_id, razorpay_signature: scripted.body.razorpay_signature });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    expect((await cart(cookie)).body.pendingOrder).toBeNull();
  });
});

describe("changing the cart cancels its unpaid order at once", () => {
  const changes: [string, (cookie: string, productId: string, other: string) => Promise<unknown>][] = [
    ["setting a quantity", (cookie, productId) => call(shop, `/api/cart/items/${productId}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity: 1 }) })],
    ["adding an item", (cookie, _productId, other) => postJson(shop, "/api/cart/items", { productId: other, quantity: 1 }, { cookie })],
    ["removing an item", (cookie, productId) => call(shop, `/api/cart/items/${productId}`, { method: "DELETE", headers: { cookie } })],
  ];

  for (const [name, change] of changes) {
    it(`cancels on ${name}: stock back exactly, status cancelled, audited, still watched for late payments`, async () => {
      const product = await createProduct({ stock: 2 });
      const other = await createProduct({ stock: 4 });
      const cookie = await cartWith(product.id, 2);
      const order = await checkoutCart(cookie);
      expect(await stockOf(product.id)).toBe(0);

      const before = Date.now();
      await change(cookie, product.id, other.id);

      const cancelled = await db().order.findUniqueOrThrow({ where: { id: order.orderId } });
      expect(cancelled.status).toBe("cancelled");
      expect(cancelled.cancelledAt!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      expect(cancelled.nextCheckAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(await stockOf(product.id)).toBe(2);
      expect(await stockOf(other.id)).toBe(4);
      const events = await db().orderEvent.findMany({ where: { orderId: order.orderId, action: "order.cancelled" } });
      expect(events).toMatchObject([{ actor: "checkout", fromState: "pending", toState: "cancelled", reason: expect.stringMatching(/cart changed/) }]);
      expect((await call(shop, order.statusUrl)).body.status).toBe("cancelled");
      expect((await cart(cookie)).body.pendingOrder).toBeNull();
    });
  }

  it("lets the shopper who holds the last units change their quantity without being told they are sold out", async () => {
    const product = await createProduct({ stock: 2 });
    const cookie = await cartWith(product.id, 2);
    await checkoutCart(cookie);
    expect(await stockOf(product.id)).toBe(0);
    const reply = await call(shop, `/api/cart/items/${product.id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity: 1 }) });
    expect(reply.status).toBe(200);
    expect(reply.body.cart.lines[0].quantity).toBe(1);
    expect(await stockOf(product.id)).toBe(2);
  });

  it("cancels nothing when a change is refused", async () => {
    const product = await createProduct({ stock: 2 });
    const cookie = await cartWith(product.id, 1);
    const order = await checkoutCart(cookie);
    const refused = await call(shop, `/api/cart/items/${product.id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity: 3 }) });
    expect(refused.status).toBe(409);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("pending");
    expect(await stockOf(product.id)).toBe(1);
  });
});

describe("checkout of a cart with an unpaid order", () => {
  it("resumes the same order with the cart's key: same order, one Razorpay order, stock taken once", async () => {
    const product = await createProduct({ stock: 5 });
    const cookie = await cartWith(product.id, 2);
    const cartId = decodeURIComponent(cookie.split("=")[1]);
    const key = await checkoutKeyOf(cartId);
    expect(await checkoutKeyOf(cartId)).toBe(key);
    const first = await checkoutCart(cookie, key);
    const again = await checkoutCart(cookie, key);
    expect(again.orderId).toBe(first.orderId);
    expect(await stockOf(product.id)).toBe(3);
    expect((await sandboxCall(shop, "GET", `/v1/orders?receipt=${first.orderId}`)).body.items).toHaveLength(1);
  });

  it("gives the cart a new key once its order has ended (expired, cancelled or past its hold), so the next checkout is a new order", async () => {
    const product = await createProduct({ stock: 5 });
    const cookie = await cartWith(product.id, 1);
    const cartId = decodeURIComponent(cookie.split("=")[1]);
    const key = await checkoutKeyOf(cartId);
    const order = await checkoutCart(cookie, key);
    expect(await checkoutKeyOf(cartId)).toBe(key);
    const ended = await db().order.findUniqueOrThrow({ where: { id: order.orderId } });
    expect(await checkoutKeyOf(cartId, new Date(ended.expiresAt.getTime() + 1))).not.toBe(key);

    const next = await checkoutKeyOf(cartId);
    const second = await checkoutCart(cookie, next);
    expect(await checkoutKeyOf(cartId)).toBe(next);
    await db().$executeRaw`UPDATE orders SET status = 'expired', expired_at = now() WHERE id = ${second.orderId}::uuid`;
    expect(await checkoutKeyOf(cartId)).not.toBe(next);
  });

  it("updates the unpaid order's contact details and address in place when they change, instead of making a second order", async () => {
    const product = await createProduct({ stock: 5 });
    const cookie = await cartWith(product.id, 1);
    const key = randomUUID();
    const first = await checkoutCart(cookie, key);
    const corrected = { customer: { ...customer, phone: "9123456789" }, shippingAddress: { ...shippingAddress, line1: "14 MG Road" } };
    const second = await checkoutCart(cookie, key, corrected);
    expect(second.orderId).toBe(first.orderId);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect(await stockOf(product.id)).toBe(4);
    expect(await db().order.findUniqueOrThrow({ where: { id: first.orderId } })).toMatchObject({ phone: "+919123456789", addressLine1: "14 MG Road" });
    const events = await db().orderEvent.findMany({ where: { orderId: first.orderId, action: "order.details_updated" } });
    expect(events).toMatchObject([{ actor: "checkout", reason: expect.stringMatching(/phone.*addressLine1/) }]);
  });

  it("refuses new details for an order that is no longer unpaid", async () => {
    const product = await createProduct({ stock: 5 });
    const cookie = await cartWith(product.id, 1);
    const key = randomUUID();
    const order = await checkoutCart(cookie, key);
    await db().$executeRaw`UPDATE orders SET status = 'expired', expired_at = now() WHERE id = ${order.orderId}::uuid`;
    const reply = await checkoutRequest(shop, [], { cookie, key, body: { customer: { ...customer, name: "Someone Else" }, shippingAddress } });
    expect(reply.status).toBe(422);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).customerName).toBe(customer.name);
  });

  it("cancels the earlier unpaid order when a new checkout starts for the cart, in the same step that reserves the new one", async () => {
    const product = await createProduct({ stock: 3 });
    const cookie = await cartWith(product.id, 3);
    const first = await checkoutCart(cookie);
    expect(await stockOf(product.id)).toBe(0);
    const second = await checkoutCart(cookie);
    expect(second.orderId).not.toBe(first.orderId);
    expect((await db().order.findUniqueOrThrow({ where: { id: first.orderId } })).status).toBe("cancelled");
    expect(await stockOf(product.id)).toBe(0);
    expect((await cart(cookie)).body.pendingOrder.orderId).toBe(second.orderId);
    expect(await db().orderEvent.count({ where: { orderId: first.orderId, action: "order.cancelled" } })).toBe(1);
  });
});
