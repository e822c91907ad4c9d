import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call, checkoutRequest, createProductWithVariants, customer, postJson, shippingAddress, startShop, stockOf, type TestShop } from "../support/shop";

/**
 * Stock is held per variant, and a trigger keeps the products row's aggregates (lowest price,
 * total stock), so every stock change of a variant also writes its products row. These races run
 * many real requests at once against real PostgreSQL: no variant oversells, and the database never
 * has to break a deadlock (lib/inventory/stock.ts locks the products rows in id order first).
 */
let shop: TestShop;
let sql: pg.Client;
beforeAll(async () => {
  shop = await startShop();
  sql = new pg.Client({ connectionString: shop.database.url });
  await sql.connect();
});
afterAll(async () => {
  await sql?.end();
  await shop?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deadlocks PostgreSQL detected (and broke) in this test file's database so far. */
async function deadlocks(): Promise<number> {
  // Backends report their counters at most once a second; wait until the last ones are in.
  await sleep(1_500);
  await sql.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await sql.query("SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()");
  return rows[0].n as number;
}

async function unitsOrdered(variantId: string): Promise<number> {
  const held = await db().orderItem.aggregate({ where: { variantId, order: { status: "pending" } }, _sum: { quantity: true } });
  return held._sum.quantity ?? 0;
}

/**
 * One shopper each: a checkout takes a lock on its email (the unpaid-orders cap), which would make
 * same-email checkouts queue before they reach the stock and hide any lock-order problem there.
 */
const checkoutAs = (n: number, items: { productId: string; variantId: string; quantity: number }[]) =>
  checkoutRequest(shop, items, { body: { customer: { ...customer, email: `racer${n}@example.com` }, shippingAddress, items } });

function shuffled<T>(items: T[]): T[] {
  return items
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

describe("checkouts racing for the variants of one product", () => {
  it("sells exactly each variant's stock when 60 checkouts buy one size, the other or both at once, without a deadlock", async () => {
    const product = await createProductWithVariants([
      { name: "100 g", price: 15_900, stock: 6 },
      { name: "250 g", price: 34_900, stock: 7 },
    ]);
    const [small, large] = product.variants;
    const before = await deadlocks();
    const baskets = shuffled([
      ...Array.from({ length: 20 }, () => [{ productId: product.id, variantId: small.id, quantity: 1 }]),
      ...Array.from({ length: 20 }, () => [{ productId: product.id, variantId: large.id, quantity: 1 }]),
      // Both sizes in one order, listed in either order: the transactions that could deadlock.
      ...Array.from({ length: 10 }, () => [{ productId: product.id, variantId: small.id, quantity: 1 }, { productId: product.id, variantId: large.id, quantity: 1 }]),
      ...Array.from({ length: 10 }, () => [{ productId: product.id, variantId: large.id, quantity: 1 }, { productId: product.id, variantId: small.id, quantity: 1 }]),
    ]);

    const replies = await Promise.all(baskets.map((items, n) => checkoutAs(n, items)));

    expect(replies.filter((reply) => reply.status !== 201 && reply.status !== 409)).toEqual([]);
    expect(replies.filter((reply) => reply.status === 409).every((reply) => reply.body.error.code === "out_of_stock")).toBe(true);
    // Every basket wants a size; one left over would have been sold to the 20 asking only for it.
    expect(await stockOf(product.id)).toEqual({ price: 15_900, stock: 0, variants: [{ id: small.id, price: 15_900, stock: 0 }, { id: large.id, price: 34_900, stock: 0 }] });
    expect(await unitsOrdered(small.id)).toBe(6);
    expect(await unitsOrdered(large.id)).toBe(7);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(replies.filter((reply) => reply.status === 201).length);
    expect((await deadlocks()) - before).toBe(0);
  }, 180_000);

  it("gives the last unit of a variant to one shopper of 30, while the other variant of the product sells on", async () => {
    const product = await createProductWithVariants([
      { name: "Pack of 3", price: 39_900, stock: 1 },
      { name: "Pack of 6", price: 74_900, stock: 30 },
    ]);
    const [scarce, plenty] = product.variants;
    const replies = await Promise.all([
      ...Array.from({ length: 30 }, (_, n) => checkoutAs(n, [{ productId: product.id, variantId: scarce.id, quantity: 1 }])),
      ...Array.from({ length: 20 }, (_, n) => checkoutAs(30 + n, [{ productId: product.id, variantId: plenty.id, quantity: 1 }])),
    ]);

    expect(replies.slice(0, 30).filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(replies.slice(30).every((reply) => reply.status === 201)).toBe(true);
    expect(await stockOf(product.id)).toMatchObject({ stock: 10, variants: [{ stock: 0 }, { stock: 10 }] });
  }, 180_000);

  it("keeps a variant's stock exact when carts of the same variant change and check out concurrently", async () => {
    const product = await createProductWithVariants([
      { name: "200 g", price: 29_900, stock: 5 },
      { name: "500 g", price: 67_900, stock: 5 },
    ]);
    const [small, large] = product.variants;
    const carts = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const added = await postJson(shop, "/api/cart/items", { productId: product.id, variantId: index % 2 ? large.id : small.id, quantity: 1 });
        expect(added.status).toBe(201);
        return { cookie: added.headers.getSetCookie()[0].split(";")[0], variantId: index % 2 ? large.id : small.id };
      }),
    );
    // Each cart checks out twice (the second cancels the first's order and reserves again) while its quantity changes.
    await Promise.all(
      carts.flatMap(({ cookie, variantId }, n) => [
        checkoutRequest(shop, [], { cookie, body: { customer: { ...customer, email: `cart${n}@example.com` }, shippingAddress } }),
        checkoutRequest(shop, [], { cookie, body: { customer: { ...customer, email: `cart${n}@example.com` }, shippingAddress } }),
        call(shop, `/api/cart/items/${variantId}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity: 2 }) }),
      ]),
    );

    const after = await stockOf(product.id);
    for (const variant of [small, large]) {
      const now = after.variants.find((row) => row.id === variant.id)!;
      expect(now.stock).toBe(5 - (await unitsOrdered(variant.id)));
      expect(now.stock).toBeGreaterThanOrEqual(0);
    }
    expect(after.stock).toBe(after.variants.reduce((sum, variant) => sum + variant.stock, 0));
  }, 180_000);
});
