import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { keyLease } from "@/lib/orders/idempotency";
import { checkoutRequest, createProduct, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
  // The database refuses the first release of a held key, as it would while PostgreSQL is away
  // (a sequence, because it counts outside the failing transaction).
  await db().$executeRawUnsafe(`CREATE SEQUENCE test_release_failures`);
  await db().$executeRawUnsafe(`
    CREATE FUNCTION test_fail_first_release() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.lock_token IS NOT NULL AND NEW.lock_token IS NULL AND NEW.response_status IS NULL AND nextval('test_release_failures') = 1 THEN
        RAISE EXCEPTION 'connection to the database lost (simulated)';
      END IF;
      RETURN NEW;
    END $$`);
  await db().$executeRawUnsafe(`CREATE TRIGGER test_fail_first_release BEFORE UPDATE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION test_fail_first_release()`);
});
afterAll(() => shop?.close());

describe("Idempotency-Keys of requests that failed", () => {
  it("releases a key whose release failed once the database answers again, so a retry succeeds at once instead of after the lease", async () => {
    expect(keyLease.leaseMs).toBeGreaterThanOrEqual(20_000);
    const product = await createProduct({ stock: 3 });
    const key = randomUUID();
    await setFaults(shop, { api: { failNext: 1, status: 503, failPaths: "^/v1/orders$" } });
    const failed = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(failed.status).toBe(503);
    expect((await sandboxCall(shop, "GET", "/v1/sandbox/faults")).body).toMatchObject({ api: { failNext: 0 } });
    // The release in the request failed: the key is still held right after the answer.
    expect((await db().idempotencyKey.findFirstOrThrow({ where: { key } })).lockToken).not.toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const retry = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(retry.status).toBe(201);
    expect(await db().order.count({ where: { items: { some: { productId: product.id } } } })).toBe(1);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(2);
  });

  it("frees a key whose holder died (no heartbeat) after the 20-second lease, and not before", async () => {
    const product = await createProduct({ stock: 3 });
    const key = randomUUID();
    const first = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(first.status).toBe(201);
    // Make the key look held by a process that stopped beating 15, then 21 seconds ago.
    const held = (ago: number) => db().idempotencyKey.updateMany({ where: { key }, data: { lockedAt: new Date(Date.now() - ago), lockToken: randomUUID(), responseStatus: null, responseBody: null } });
    await held(15_000);
    expect((await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key })).status).toBe(409);
    await held(21_000);
    const resumed = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], { key });
    expect(resumed.status).toBe(201);
    expect(resumed.body.orderId).toBe(first.body.orderId);
  });
});
