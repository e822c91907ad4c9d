import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call, checkoutRequest, createProduct, customer, postJson, shippingAddress, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the cart's row lock from another connection, so the requests that need it queue up in a chosen order. */
async function holdCartLock(cartId: string) {
  const client = new pg.Client({ connectionString: shop.database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT id FROM carts WHERE id = $1 FOR UPDATE", [cartId]);
  return {
    async waiters(): Promise<number> {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
      return rows[0].n as number;
    },
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

async function untilWaiting(lock: Awaited<ReturnType<typeof holdCartLock>>, count: number) {
  for (let i = 0; i < 200 && (await lock.waiters()) < count; i++) await sleep(25);
  expect(await lock.waiters()).toBe(count);
}

async function cartWith(productId: string, quantity: number) {
  const added = await postJson(shop, "/api/cart/items", { productId, quantity });
  const cookie = added.headers.getSetCookie()[0].split(";")[0];
  return { cookie, cartId: decodeURIComponent(cookie.split("=")[1]) };
}

const setQuantity = (cookie: string, productId: string, quantity: number) =>
  call(shop, `/api/cart/items/${productId}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity }) });

describe("a checkout and a change of the same cart", () => {
  it("refuses the checkout when the change got the cart first: no order, no stock taken", async () => {
    const product = await createProduct({ stock: 5 });
    const { cookie, cartId } = await cartWith(product.id, 2);
    const lock = await holdCartLock(cartId);
    const change = setQuantity(cookie, product.id, 3);
    await untilWaiting(lock, 1);
    const checkout = checkoutRequest(shop, [], { cookie, body: { customer, shippingAddress } });
    await untilWaiting(lock, 2);
    await lock.release();

    expect((await change).status).toBe(200);
    const refused = await checkout;
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/cart changed/);
    expect(await db().order.count({ where: { cartId } })).toBe(0);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);
  });

  it("cancels the order when the checkout got the cart first: the cart's items, no order holding stock", async () => {
    const product = await createProduct({ stock: 5 });
    const { cookie, cartId } = await cartWith(product.id, 2);
    const lock = await holdCartLock(cartId);
    const checkout = checkoutRequest(shop, [], { cookie, body: { customer, shippingAddress } });
    await untilWaiting(lock, 1);
    const change = setQuantity(cookie, product.id, 3);
    await untilWaiting(lock, 2);
    await lock.release();

    const placed = await checkout;
    expect(placed.status).toBe(201);
    expect((await change).status).toBe(200);
    expect((await db().order.findUniqueOrThrow({ where: { id: placed.body.orderId } })).status).toBe("cancelled");
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(5);
    expect((await db().cartItem.findFirstOrThrow({ where: { cartId } })).quantity).toBe(3);
  });
});
