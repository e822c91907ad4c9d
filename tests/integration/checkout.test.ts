import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call, checkoutRequest, createProduct, customer, postJson, sandboxCall, setFaults, shippingAddress, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

async function gatewayOrdersFor(receipt: string) {
  return (await sandboxCall(shop, "GET", `/v1/orders?receipt=${receipt}&count=100`)).body.items as { id: string; amount: number }[];
}

describe("catalog", () => {
  it("lists products with integer paise prices", async () => {
    const product = await createProduct({ price: 129_900, stock: 4 });
    const reply = await call(shop, "/api/products");
    expect(reply.status).toBe(200);
    expect(reply.body.products).toContainEqual({ id: product.id, slug: product.slug, name: product.name, price: 129_900, currency: "INR", stock: 4, image: product.image });
  });
});

describe("checkout", () => {
  it("creates an order priced from the database, reserves stock and a Razorpay order for the same amount", async () => {
    const product = await createProduct({ price: 60_000, stock: 5 });
    const reply = await checkoutRequest(shop, [{ productId: product.id, quantity: 2 }], {
      body: { customer, shippingAddress, items: [{ productId: product.id, quantity: 2, price: 1 }], amount: 100 },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ amount: 120_000, currency: "INR", keyId: shop.keys.keyId });
    expect(reply.body.razorpayOrderId).toMatch(/^order_[A-Za-z0-9]{14}$/);
    expect(reply.body.statusUrl).toContain(reply.body.orderId);

    const order = await db().order.findUniqueOrThrow({ where: { id: reply.body.orderId }, include: { items: true } });
    expect(order).toMatchObject({ status: "pending", subtotal: 120_000, shipping: 0, total: 120_000, razorpayOrderId: reply.body.razorpayOrderId });
    expect(order.items).toMatchObject([{ productId: product.id, unitPrice: 60_000, quantity: 2, lineTotal: 120_000 }]);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(3);
    expect(await gatewayOrdersFor(order.id)).toMatchObject([{ id: order.razorpayOrderId, amount: 120_000 }]);
  });

  it("adds shipping below the free-shipping threshold", async () => {
    const product = await createProduct({ price: 30_000 });
    const reply = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }]);
    expect(reply.body.amount).toBe(34_900);
  });

  it("creates one order per Idempotency-Key and replays the stored response byte for byte", async () => {
    const product = await createProduct({ stock: 10 });
    const key = randomUUID();
    const first = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    const second = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(9);
    expect(await gatewayOrdersFor(first.body.orderId)).toHaveLength(1);
  });

  it("refuses a reused Idempotency-Key with a different body (422) and changes nothing", async () => {
    const product = await createProduct({ stock: 10 });
    const key = randomUUID();
    await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    const reused = await checkoutRequest(shop, [{ productId: product.id, quantity: 2 }], { key });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(9);
  });

  it("answers concurrent duplicates of one key with one order: 409 while in flight, the same response after", async () => {
    const product = await createProduct({ stock: 50 });
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 20 }, () => checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key })));
    const created = replies.filter((reply) => reply.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((reply) => reply.text)).size).toBe(1);
    expect(replies.every((reply) => reply.status === 201 || (reply.status === 409 && reply.body.error.code === "idempotency_key_in_use"))).toBe(true);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(49);
  });

  it("never oversells: of many concurrent checkouts for the last unit exactly one wins", async () => {
    const product = await createProduct({ stock: 1 });
    const replies = await Promise.all(Array.from({ length: 25 }, () => checkoutRequest(shop, [{ productId: product.id, quantity: 1 }])));
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 409).every((reply) => reply.body.error.code === "out_of_stock")).toBe(true);
    expect(replies.filter((reply) => reply.status !== 201 && reply.status !== 409)).toEqual([]);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
  });

  it("uses the cookie cart when no items are given, and scopes keys to that cart", async () => {
    const product = await createProduct({ price: 20_000, stock: 5 });
    const added = await postJson(shop, "/api/cart/items", { productId: product.id, quantity: 3 });
    expect(added.status).toBe(201);
    const cookie = added.headers.getSetCookie()[0].split(";")[0];
    expect(added.headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
    const reply = await checkoutRequest(shop, [], { cookie, body: { customer, shippingAddress } });
    expect(reply.status).toBe(201);
    expect(reply.body.amount).toBe(64_900);
  });

  it("refuses an empty cart", async () => {
    const reply = await checkoutRequest(shop, [], { body: { customer, shippingAddress } });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("cart_empty");
  });

  it("rejects bad input with field-level errors and writes nothing", async () => {
    const product = await createProduct({ stock: 3 });
    const before = await db().order.count();
    const reply = await checkoutRequest(shop, [], {
      body: { customer: { name: "", email: "not-an-email", phone: "12" }, shippingAddress: { ...shippingAddress, postalCode: "12", country: "XX" }, items: [{ productId: product.id, quantity: 0 }] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("invalid_request");
    expect(Object.keys(reply.body.error.fields)).toEqual(expect.arrayContaining(["customer.name", "customer.email", "customer.phone", "shippingAddress.country", "items.0.quantity"]));
    expect(await db().order.count()).toBe(before);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(3);
  });

  it("requires an Idempotency-Key and rejects malformed JSON with 400s", async () => {
    const missing = await postJson(shop, "/api/checkout", { customer, shippingAddress });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("idempotency_key_missing");
    const malformed = await call(shop, "/api/checkout", { method: "POST", headers: { "idempotency-key": randomUUID(), "content-type": "application/json" }, body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/JSON/);
  });

  it("checks the PIN code when shipping to India", async () => {
    const product = await createProduct();
    const reply = await checkoutRequest(shop, [], { body: { customer, shippingAddress: { ...shippingAddress, postalCode: "01234" }, items: [{ productId: product.id, quantity: 1 }] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields["shippingAddress.postalCode"]).toMatch(/6-digit/);
  });

  it("refuses a PIN code from another state, naming it, and an Indian phone number that is not a mobile; writes nothing", async () => {
    const product = await createProduct({ stock: 3 });
    const before = await db().order.count();
    const reply = await checkoutRequest(shop, [], { body: { customer: { ...customer, phone: "+91 12345 67890" }, shippingAddress: { ...shippingAddress, postalCode: "110001" }, items: [{ productId: product.id, quantity: 1 }] } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.fields).toMatchObject({ "shippingAddress.postalCode": "PIN code 110001 is in Delhi, not Karnataka", "customer.phone": expect.stringMatching(/Indian mobile/) });
    expect(await db().order.count()).toBe(before);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(3);
  });

  it("stores the phone number as +91 and ten digits", async () => {
    const product = await createProduct();
    const reply = await checkoutRequest(shop, [], { body: { customer: { ...customer, phone: "098765 43210" }, shippingAddress, items: [{ productId: product.id, quantity: 1 }] } });
    expect(reply.status).toBe(201);
    expect((await db().order.findUniqueOrThrow({ where: { id: reply.body.orderId } })).phone).toBe("+919876543210");
  });

  it("keeps the reservation when Razorpay is down, and a retry with the same key finishes the same order", async () => {
    const product = await createProduct({ stock: 5 });
    const key = randomUUID();
    for (const fault of [{ api: { failNext: 1, status: 503, failPaths: "^/v1/orders" } }, { api: { timeoutNext: 1, timeoutMs: 200, failPaths: "^/v1/orders" } }]) {
      await setFaults(shop, fault);
      const failed = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
      expect(failed.status).toBe(503);
      expect(failed.body.error.code).toBe("gateway_unavailable");
    }
    await setFaults(shop, {});
    const retry = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(retry.status).toBe(201);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(4);
    expect(await gatewayOrdersFor(retry.body.orderId)).toHaveLength(1);
  });
});
