import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db";
import { cancelCartOrders } from "@/lib/orders/cancel";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { refundOrder } from "@/lib/refunds/admin";
import { call, checkoutRequest, createProduct, createProductWithVariants, customer, pay, placeOrder, postJson, setFaults, shippingAddress, startShop, stockOf, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());
beforeEach(() => setFaults(shop, { webhooks: { drop: true } }));

const tea = () =>
  createProductWithVariants(
    [
      { name: "100 g", price: 15_900, stock: 4 },
      { name: "250 g", price: 34_900, stock: 3 },
      { name: "500 g", price: 64_900, stock: 0 },
    ],
    "Assam Tea",
  );

const cookieOf = (reply: { headers: Headers }) => reply.headers.getSetCookie()[0].split(";")[0];

/** The database's aggregates equal what the variants say: lowest price, total stock. */
async function expectAggregatesHold(productId: string) {
  const now = await stockOf(productId);
  expect(now.price).toBe(Math.min(...now.variants.map((variant) => variant.price)));
  expect(now.stock).toBe(now.variants.reduce((sum, variant) => sum + variant.stock, 0));
  return now;
}

describe("choosing a variant", () => {
  it("adds the chosen size to the cart at its own price, and the cart names it", async () => {
    const product = await tea();
    const [, large] = product.variants;
    const added = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: large.id, quantity: 2 });
    expect(added.status).toBe(201);
    const cart = await call(shop, "/api/cart", { headers: { cookie: cookieOf(added) } });
    expect(cart.body.cart.lines).toEqual([expect.objectContaining({ variantId: large.id, productId: product.id, name: "Assam Tea", variantName: "250 g", unitPrice: 34_900, quantity: 2, lineTotal: 69_800, stock: 3 })]);
  });

  it("refuses a product with several variants without variantId, naming the field (cart and checkout)", async () => {
    const product = await tea();
    const cart = await postJson(shop, "/api/cart/items", { productId: product.id, quantity: 1 });
    expect(cart.status).toBe(400);
    expect(cart.body.error).toMatchObject({ code: "invalid_request", field: "variantId" });
    expect(cart.body.error.message).toMatch(/100 g, 250 g, 500 g/);
    const checkout = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }]);
    expect(checkout.status).toBe(400);
    expect(checkout.body.error).toMatchObject({ code: "invalid_request", field: "items.0.variantId" });
    expect((await stockOf(product.id)).stock).toBe(7);
  });

  it("refuses another product's variant, and a variantId that is not a uuid", async () => {
    const product = await tea();
    const other = await createProduct();
    const foreign = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: other.variantId, quantity: 1 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: "invalid_request", field: "variantId" });
    const checkout = await checkoutRequest(shop, [{ productId: other.id, quantity: 1 }, { productId: product.id, variantId: other.variantId, quantity: 1 }]);
    expect(checkout.status).toBe(400);
    expect(checkout.body.error).toMatchObject({ field: "items.1.variantId" });
    const garbled = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: "250g", quantity: 1 });
    expect(garbled.status).toBe(400);
    expect(garbled.body.error).toMatchObject({ code: "invalid_request", field: "variantId" });
  });

  it("takes the product id alone for a product with one variant, as before variants", async () => {
    const product = await createProduct({ price: 20_000, stock: 2 });
    const added = await postJson(shop, "/api/cart/items", { productId: product.id, quantity: 1 });
    expect(added.status).toBe(201);
    expect(added.body.cart.lines).toEqual([expect.objectContaining({ variantId: product.variantId, variantName: null, unitPrice: 20_000 })]);
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
    expect(order.amount).toBe(40_000 + 4_900);
    expect(await db().orderItem.findFirstOrThrow({ where: { orderId: order.orderId } })).toMatchObject({ variantId: product.variantId, variantName: null });
  });

  it("refuses the same variant listed twice in one checkout, however it is named", async () => {
    const product = await createProduct({ stock: 5 });
    const reply = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }, { productId: product.id, variantId: product.variantId, quantity: 1 }]);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "invalid_request", field: "items.1.variantId" });
  });

  it("sells a sold-out variant to nobody while its siblings stay on sale", async () => {
    const product = await tea();
    const [small, , soldOut] = product.variants;
    const refused = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: soldOut.id, quantity: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("Assam Tea (500 g) is sold out");
    const checkout = await checkoutRequest(shop, [{ productId: product.id, variantId: soldOut.id, quantity: 1 }]);
    expect(checkout.status).toBe(409);
    expect(checkout.body.error.code).toBe("out_of_stock");
    expect((await postJson(shop, "/api/cart/items", { productId: product.id, variantId: small.id, quantity: 1 })).status).toBe(201);
  });
});

describe("cart line URLs", () => {
  it("change and remove a line by its variant id, or by the product id of a product with one variant", async () => {
    const product = await tea();
    const [small, large] = product.variants;
    const single = await createProduct({ stock: 5 });
    const first = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: small.id, quantity: 1 });
    const cookie = cookieOf(first);
    await postJson(shop, "/api/cart/items", { productId: product.id, variantId: large.id, quantity: 1 }, { cookie });
    await postJson(shop, "/api/cart/items", { productId: single.id, quantity: 1 }, { cookie });

    const patch = (id: string, quantity: number) => call(shop, `/api/cart/items/${id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity }) });
    const changed = await patch(large.id, 3);
    expect(changed.status).toBe(200);
    expect(changed.body.cart.lines.map((line: { variantName: string | null; quantity: number }) => [line.variantName, line.quantity])).toEqual([["100 g", 1], ["250 g", 3], [null, 1]]);
    expect((await patch(single.id, 2)).status).toBe(200);

    const ambiguous = await patch(product.id, 2);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error).toMatchObject({ code: "invalid_request", field: "variantId" });
    expect((await patch(randomUUID(), 1)).status).toBe(404);

    const removed = await call(shop, `/api/cart/items/${small.id}`, { method: "DELETE", headers: { cookie } });
    expect(removed.body.cart.lines.map((line: { variantId: string; quantity: number }) => [line.variantId, line.quantity])).toEqual([[large.id, 3], [single.variantId, 2]]);
  });
});

describe("stock per variant", () => {
  it("prices an order from each variant, reserves each variant's stock and snapshots the variant's name", async () => {
    const product = await tea();
    const [small, large] = product.variants;
    // A client-sent price is ignored: prices come from the database.
    const order = await placeOrder(shop, [
      { productId: product.id, variantId: small.id, quantity: 2, price: 1 } as never,
      { productId: product.id, variantId: large.id, quantity: 1 },
    ]);
    expect(order.amount).toBe(2 * 15_900 + 34_900 + 4_900); // below free shipping
    const items = await db().orderItem.findMany({ where: { orderId: order.orderId }, orderBy: { variantName: "asc" } });
    expect(items.map((item) => [item.name, item.variantName, item.unitPrice, item.quantity])).toEqual([
      ["Assam Tea", "100 g", 15_900, 2],
      ["Assam Tea", "250 g", 34_900, 1],
    ]);
    const now = await expectAggregatesHold(product.id);
    expect(now.variants.map((variant) => variant.stock)).toEqual([2, 2, 0]);
    expect(now.stock).toBe(4);
  });

  it("gives each variant its units back on expiry, and takes them again for a late payment", async () => {
    const product = await tea();
    const [small, large] = product.variants;
    const order = await placeOrder(shop, [{ productId: product.id, variantId: small.id, quantity: 1 }, { productId: product.id, variantId: large.id, quantity: 3 }]);
    expect((await expectAggregatesHold(product.id)).variants.map((variant) => variant.stock)).toEqual([3, 0, 0]);

    await reconcile({ now: new Date(Date.now() + 31 * 60_000), graceMinutes: 0 });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("expired");
    expect((await expectAggregatesHold(product.id)).variants.map((variant) => variant.stock)).toEqual([4, 3, 0]);

    await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await reconcile({ graceMinutes: 0, now: new Date(Date.now() + 33 * 60_000) });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    const now = await expectAggregatesHold(product.id);
    expect(now.variants.map((variant) => variant.stock)).toEqual([3, 0, 0]);
    expect(now.stock).toBe(3);
  });

  it("gives each variant its units back when a cart's order is cancelled, and when a refunded order is restocked", async () => {
    const product = await tea();
    const [small, large] = product.variants;
    const added = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: small.id, quantity: 2 });
    const cookie = cookieOf(added);
    const placed = await checkoutRequest(shop, [], { cookie, body: { customer, shippingAddress } });
    expect(placed.status).toBe(201);
    expect((await expectAggregatesHold(product.id)).variants.map((variant) => variant.stock)).toEqual([2, 3, 0]);
    const cartId = decodeURIComponent(cookie.split("=")[1]);
    await transaction((tx) => cancelCartOrders(tx, cartId, "test"));
    expect((await expectAggregatesHold(product.id)).variants.map((variant) => variant.stock)).toEqual([4, 3, 0]);

    const order = await placeOrder(shop, [{ productId: product.id, variantId: large.id, quantity: 2 }]);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect((await expectAggregatesHold(product.id)).variants.map((variant) => variant.stock)).toEqual([4, 1, 0]);
    await refundOrder({ orderId: order.orderId, amount: order.amount, note: "Parcel came back", restock: true, idempotencyKey: randomUUID(), admin: { email: "owner@example.com" } });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("refunded");
    expect((await expectAggregatesHold(product.id)).variants.map((variant) => variant.stock)).toEqual([4, 3, 0]);
  });

  it("names the variant in the confirmation email", async () => {
    const product = await tea();
    const [small] = product.variants;
    const order = await placeOrder(shop, [{ productId: product.id, variantId: small.id, quantity: 1 }]);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    const email = await db().emailOutbox.findFirstOrThrow({ where: { orderId: order.orderId, kind: "order_confirmation" } });
    expect(email.textBody).toContain("1 × Assam Tea (100 g): ₹159.00");
  });
});

describe("the database keeps the aggregates", () => {
  it("refuses a direct change of a product's price or stock, and keeps them equal to the variants' lowest price and total stock", async () => {
    const product = await tea();
    const sql = new pg.Client({ connectionString: shop.database.url });
    await sql.connect();
    try {
      const refused = await sql.query("UPDATE products SET stock = 99 WHERE id = $1", [product.id]).then(() => null, (error: { code: string }) => error.code);
      expect(refused).toBe("23514");
      await sql.query("UPDATE product_variants SET price = 9900 WHERE id = $1", [product.variants[2].id]);
      await sql.query("INSERT INTO product_variants (product_id, name, sku, price, stock, updated_at) VALUES ($1, 'Pack of 2', $2, 60000, 5, now())", [product.id, `${product.slug}-pack`]);
      await sql.query("DELETE FROM product_variants WHERE id = $1", [product.variants[1].id]);
      const now = await expectAggregatesHold(product.id);
      expect([now.price, now.stock]).toEqual([9_900, 9]);
      // The last variant of a product cannot go: every product is sold as at least one.
      const single = await createProduct();
      expect(await sql.query("DELETE FROM product_variants WHERE id = $1", [single.variantId]).then(() => null, (error: { code: string }) => error.code)).toBe("23514");
    } finally {
      await sql.end();
    }
  });

  it("gives a product inserted without variants its default variant at commit, from its price and stock", async () => {
    const created = await db().product.create({ data: { slug: `plain-${randomUUID().slice(0, 8)}`, name: "Plain", description: "-", price: 12_300, stock: 4, image: "/x.svg" } });
    expect(await db().productVariant.findMany({ where: { productId: created.id }, select: { name: true, sku: true, price: true, stock: true } })).toEqual([{ name: "Standard", sku: created.slug, price: 12_300, stock: 4 }]);
  });
});
