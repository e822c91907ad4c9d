import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { keyLease } from "@/lib/orders/idempotency";
import { checkoutRequest, createProduct, sandboxCall, startShop, type Reply, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

const defaults = { ...keyLease };
afterEach(() => Object.assign(keyLease, defaults));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the product's row lock from another connection, as a slow transaction would: checkout's stock reservation waits on it. */
async function holdProductLock(productId: string) {
  const client = new pg.Client({ connectionString: shop.database.url });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT id FROM products WHERE id = $1 FOR UPDATE", [productId]);
  return {
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

/** Waits until `count` sessions are blocked on a row lock: the requests have reached stock reservation. */
async function waitForLockWaiters(count: number) {
  const admin = new pg.Client({ connectionString: shop.database.url });
  await admin.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
      if (rows[0].n >= count) return;
      await sleep(25);
    }
    throw new Error(`expected ${count} sessions waiting on a lock`);
  } finally {
    await admin.end();
  }
}

async function sandboxOrderCount(): Promise<number> {
  return (await sandboxCall(shop, "GET", "/v1/orders?count=100")).body.count as number;
}

describe("one Idempotency-Key, one order, however long the first request takes", () => {
  it("keeps the key with a slow request that is still alive: a retry long past the lease gets 409, then the same order", async () => {
    Object.assign(keyLease, { leaseMs: 1_000, heartbeatMs: 200 });
    const product = await createProduct({ stock: 5 });
    const key = randomUUID();
    const gatewayOrdersBefore = await sandboxOrderCount();
    const lock = await holdProductLock(product.id);
    const first = checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    await waitForLockWaiters(1);
    await sleep(2_500); // two and a half leases

    // A retry that took the key over would wait on the lock too instead of answering at once.
    const retrying = checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    const retry = await Promise.race([retrying, sleep(3_000).then(() => "took the key over and is waiting" as const)]);
    await lock.release();
    expect(retry).toMatchObject({ status: 409, body: { error: { code: "idempotency_key_in_use" } } });

    const original = await first;
    expect(original.status).toBe(201);
    const after = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(after.status).toBe(201);
    expect(after.body.orderId).toBe(original.body.orderId);

    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(4);
    expect((await sandboxOrderCount()) - gatewayOrdersBefore).toBe(1);
  });

  it("rolls back the order of a holder whose key was taken over after its heartbeats stopped: one order, one Razorpay order, stock exact", async () => {
    // No heartbeat within the test: the first holder looks gone (a frozen or cut-off process).
    Object.assign(keyLease, { leaseMs: 1_000, heartbeatMs: 600_000 });
    const product = await createProduct({ stock: 5 });
    const key = randomUUID();
    const gatewayOrdersBefore = await sandboxOrderCount();
    const lock = await holdProductLock(product.id);
    const first = checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    await waitForLockWaiters(1);
    await sleep(1_300);
    const second = checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    await waitForLockWaiters(2);
    await lock.release();

    const replies: Reply[] = await Promise.all([first, second]);
    const created = replies.filter((reply) => reply.status === 201);
    expect(created).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 409).map((reply) => reply.body.error.code)).toEqual(["idempotency_key_in_use"]);

    const orders = await db().order.findMany({ where: { items: { some: { productId: product.id } } } });
    expect(orders.map((order) => order.id)).toEqual([created[0].body.orderId]);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(4);
    expect((await sandboxOrderCount()) - gatewayOrdersBefore).toBe(1);
    const stored = await db().idempotencyKey.findFirstOrThrow({ where: { key } });
    expect(stored.orderId).toBe(created[0].body.orderId);

    const retry = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(created[0].text);
  });
});
