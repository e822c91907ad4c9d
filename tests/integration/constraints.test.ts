import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShop, type TestShop } from "../support/shop";

/**
 * The database is the last line of defence: these go around the application with plain SQL and
 * must be refused by constraints, whatever a future bug in the code might attempt.
 */
let shop: TestShop;
let sql: pg.Client;
let productId: string;
let orderId: string;

beforeAll(async () => {
  shop = await startShop();
  sql = new pg.Client({ connectionString: shop.database.url });
  await sql.connect();
  productId = (await sql.query("INSERT INTO products (id, slug, name, description, price, stock, image, updated_at) VALUES (gen_random_uuid(), 'p', 'P', 'd', 1000, 1, '/p.svg', now()) RETURNING id")).rows[0].id;
  orderId = (
    await sql.query(
      `INSERT INTO orders (id, access_token, currency, subtotal, shipping, total, customer_name, email, phone, address_line1, city, state, postal_code, country, expires_at, updated_at)
       VALUES (gen_random_uuid(), 'token', 'INR', 1000, 0, 1000, 'A', 'a@example.com', '+919876543210', 'l1', 'c', 's', '560001', 'IN', now(), now()) RETURNING id`,
    )
  ).rows[0].id;
});
afterAll(async () => {
  await sql?.end();
  await shop?.close();
});

async function refused(query: string, params: unknown[] = []): Promise<string> {
  await sql.query("BEGIN");
  try {
    await sql.query(query, params);
    throw new Error(`the database accepted: ${query}`);
  } catch (error) {
    return (error as { code?: string; message: string }).code ?? (error as Error).message;
  } finally {
    await sql.query("ROLLBACK");
  }
}

const insertPayment = (id: string, credited: boolean) =>
  sql.query("INSERT INTO payments (id, order_id, status, amount, currency, credited, updated_at) VALUES ($1, $2, 'captured', 1000, 'INR', $3, now())", [id, orderId, credited]);

describe("database constraints", () => {
  it("refuses a second row for the same Razorpay payment id", async () => {
    await insertPayment("pay_Constraint0001", false);
    expect(await refused("INSERT INTO payments (id, order_id, status, amount, currency, updated_at) VALUES ('pay_Constraint0001', $1, 'captured', 1000, 'INR', now())", [orderId])).toBe("23505");
  });

  it("refuses to credit two payments to one order", async () => {
    await insertPayment("pay_Constraint0002", true);
    expect(await refused("INSERT INTO payments (id, order_id, status, amount, currency, credited, updated_at) VALUES ('pay_Constraint0003', $1, 'captured', 1000, 'INR', true, now())", [orderId])).toBe("23505");
  });

  it("refuses a second record of the same webhook event", async () => {
    await sql.query("INSERT INTO webhook_events (id, event, raw_body) VALUES ('evt_Constraint001', 'payment.captured', '{}')");
    expect(await refused("INSERT INTO webhook_events (id, event, raw_body) VALUES ('evt_Constraint001', 'payment.captured', '{}')")).toBe("23505");
  });

  it("refuses a second Idempotency-Key record in the same scope", async () => {
    await sql.query("INSERT INTO idempotency_keys (id, scope, key, request_hash) VALUES (gen_random_uuid(), 'cart:x', 'k1', 'h')");
    expect(await refused("INSERT INTO idempotency_keys (id, scope, key, request_hash) VALUES (gen_random_uuid(), 'cart:x', 'k1', 'h')")).toBe("23505");
  });

  it("refuses a second automatic refund of the same payment for the same reason", async () => {
    await sql.query("INSERT INTO refunds (id, payment_id, order_id, reason, amount, currency, updated_at) VALUES (gen_random_uuid(), 'pay_Constraint0001', $1, 'duplicate_payment', 1000, 'INR', now())", [orderId]);
    expect(await refused("INSERT INTO refunds (id, payment_id, order_id, reason, amount, currency, updated_at) VALUES (gen_random_uuid(), 'pay_Constraint0001', $1, 'duplicate_payment', 1000, 'INR', now())", [orderId])).toBe("23505");
  });

  it("refuses two orders for one Razorpay order", async () => {
    await sql.query("UPDATE orders SET razorpay_order_id = 'order_Constraint001' WHERE id = $1", [orderId]);
    expect(
      await refused(
        `INSERT INTO orders (id, access_token, currency, subtotal, shipping, total, customer_name, email, phone, address_line1, city, state, postal_code, country, expires_at, updated_at, razorpay_order_id)
         VALUES (gen_random_uuid(), 'token2', 'INR', 1000, 0, 1000, 'A', 'a@example.com', '+919876543210', 'l1', 'c', 's', '560001', 'IN', now(), now(), 'order_Constraint001')`,
      ),
    ).toBe("23505");
  });

  it("refuses negative stock, zero or negative amounts and totals that do not add up", async () => {
    expect(await refused("UPDATE product_variants SET stock = stock - 2 WHERE product_id = $1", [productId])).toBe("23514");
    expect(await refused("UPDATE product_variants SET price = 0 WHERE product_id = $1", [productId])).toBe("23514");
    expect(await refused("UPDATE orders SET total = 999 WHERE id = $1", [orderId])).toBe("23514");
    expect(await refused("INSERT INTO payments (id, order_id, status, amount, currency, updated_at) VALUES ('pay_Constraint0009', $1, 'captured', 0, 'INR', now())", [orderId])).toBe("23514");
    expect(await refused("INSERT INTO order_items (id, order_id, product_id, variant_id, name, unit_price, quantity, line_total) SELECT gen_random_uuid(), $1, $2, id, 'P', 1000, 2, 1000 FROM product_variants WHERE product_id = $2", [orderId, productId])).toBe("23514");
  });

  it("refuses a paid order without the payment that paid it", async () => {
    expect(await refused("UPDATE orders SET status = 'paid' WHERE id = $1", [orderId])).toBe("23514");
  });

  it("keeps the audit trail append-only", async () => {
    await sql.query("INSERT INTO order_events (order_id, actor, action) VALUES ($1, 'system', 'test')", [orderId]);
    expect(await refused("UPDATE order_events SET action = 'rewritten' WHERE order_id = $1", [orderId])).toMatch(/append-only|P0001/);
    expect(await refused("DELETE FROM order_events WHERE order_id = $1", [orderId])).toMatch(/append-only|P0001/);
  });
});
