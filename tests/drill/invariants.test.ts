// The drill's invariant checker, against a database it can be wrong about: a consistent world
// holds, and each invariant catches the one fault made for it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkInvariants, type CheckResult } from "@/scripts/drill/invariants";
import type { RzpOrder, RzpPayment } from "@/scripts/drill/razorpay-state";
import "@/scripts/drill/shop"; // reads TIMESTAMP(3) columns as UTC, as the drill does
import { createTestDatabase, type TestDatabase } from "../support/database";

const PRICE = 1_000;
const INITIAL_STOCK = 10;

let database: TestDatabase;
let pool: pg.Pool;
let productId: string;
let variantId: string;
let razorpay: RzpOrder[];

async function insertOrder(status: "pending" | "paid" | "expired", razorpayOrderId: string, expiresInMs = 30 * 60_000): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `INSERT INTO orders (id, access_token, status, currency, subtotal, shipping, total, customer_name, email, phone, address_line1, city, state, postal_code, country, razorpay_order_id, expires_at, expired_at, updated_at)
     VALUES ($1, $2, 'pending', 'INR', $3, 0, $3, 'Asha Verma', 'asha@example.com', '+919876543210', '12 MG Road', 'Bengaluru', 'Karnataka', '560001', 'IN', $4, timezone('UTC', now()) + $5 * interval '1 millisecond', NULL, timezone('UTC', now()))`,
    [id, randomUUID(), PRICE, razorpayOrderId, expiresInMs],
  );
  await pool.query("INSERT INTO order_items (id, order_id, product_id, variant_id, name, unit_price, quantity, line_total) VALUES ($1, $2, $3, $4, 'Tea', $5, 1, $5)", [randomUUID(), id, productId, variantId, PRICE]);
  if (status === "expired") await pool.query("UPDATE orders SET status = 'expired', expired_at = timezone('UTC', now()) WHERE id = $1", [id]);
  razorpay.push({ id: razorpayOrderId, receipt: id, amount: PRICE, currency: "INR", status: "created", payments: [], refunds: new Map() });
  return id;
}

async function insertPayment(orderId: string, paymentId: string, options: { credited?: boolean } = {}): Promise<void> {
  await pool.query("INSERT INTO payments (id, order_id, status, amount, currency, credited, updated_at) VALUES ($1, $2, 'captured', $3, 'INR', $4, timezone('UTC', now()))", [paymentId, orderId, PRICE, options.credited ?? false]);
  if (options.credited) await pool.query("UPDATE orders SET status = 'paid', paid_payment_id = $2, paid_at = timezone('UTC', now()) WHERE id = $1", [orderId, paymentId]);
}

function capturedAt(razorpayOrderId: string, paymentId: string, amount = PRICE): RzpPayment {
  const payment: RzpPayment = { id: paymentId, order_id: razorpayOrderId, amount, currency: "INR", status: "captured", captured: true, amount_refunded: 0 };
  const order = razorpay.find((candidate) => candidate.id === razorpayOrderId)!;
  order.payments.push(payment);
  order.refunds.set(paymentId, []);
  return payment;
}

function refundedAt(payment: RzpPayment, amount = payment.amount): void {
  payment.amount_refunded += amount;
  const order = razorpay.find((candidate) => candidate.id === payment.order_id)!;
  order.refunds.get(payment.id)!.push({ id: `rfnd_${randomUUID().slice(0, 8)}`, payment_id: payment.id, amount, status: "processed" });
}

async function insertRefund(orderId: string, paymentId: string, status: "requested" | "processed", ageMs = 0, reason = "duplicate_payment"): Promise<void> {
  await pool.query(
    `INSERT INTO refunds (id, payment_id, order_id, reason, amount, currency, status, razorpay_refund_id, created_at, next_attempt_at, updated_at)
     VALUES ($1, $2, $3, $8::refund_reason, $4, 'INR', $5, $6, timezone('UTC', now()) - $7 * interval '1 millisecond', timezone('UTC', now()) + interval '1 minute', timezone('UTC', now()))`,
    [randomUUID(), paymentId, orderId, PRICE, status, status === "requested" ? null : `rfnd_${randomUUID().slice(0, 8)}`, ageMs, reason],
  );
}

/** Paid once; pending in time; expired after a failed attempt; paid with a second payment refunded. */
async function consistentWorld(): Promise<{ paid: string; pending: string; paidTwice: string; second: RzpPayment }> {
  const paid = await insertOrder("pending", "order_paid0001");
  await insertPayment(paid, "pay_paid0001", { credited: true });
  capturedAt("order_paid0001", "pay_paid0001");
  const pending = await insertOrder("pending", "order_pend0001");
  await insertOrder("expired", "order_expd0001");
  const paidTwice = await insertOrder("pending", "order_twice001");
  await insertPayment(paidTwice, "pay_first0001", { credited: true });
  await insertPayment(paidTwice, "pay_second001");
  capturedAt("order_twice001", "pay_first0001");
  const second = capturedAt("order_twice001", "pay_second001");
  await insertRefund(paidTwice, "pay_second001", "processed");
  refundedAt(second);
  // The expired order gave its unit back: paid, pending and paid-twice hold one each.
  await pool.query("UPDATE product_variants SET stock = $2 WHERE id = $1", [variantId, INITIAL_STOCK - 3]);
  await pool.query("INSERT INTO webhook_events (id, event, raw_body, status) VALUES ('evt_done0001', 'payment.captured', '{}', 'processed')");
  return { paid, pending, paidTwice, second };
}

const check = (reconciledAt = new Date()) => checkInvariants(pool, razorpay, new Map([[variantId, INITIAL_STOCK]]), reconciledAt);

function failing(result: CheckResult): Record<string, string[]> {
  return Object.fromEntries(result.invariants.filter((invariant) => invariant.violations.length > 0).map((invariant) => [invariant.name, invariant.violations.map((violation) => violation.detail)]));
}

beforeEach(async () => {
  database = await createTestDatabase();
  // One connection: the embedded PGlite (no DATABASE_URL) serves one at a time.
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  // Dropping the scratch database terminates connections still closing after pool.end(); that is
  // the teardown, not a failure of the test.
  pool.on("connect", (client) => client.on("error", () => {}));
  productId = randomUUID();
  razorpay = [];
  await pool.query("INSERT INTO products (id, slug, name, description, price, stock, image, updated_at) VALUES ($1, 'tea', 'Tea', 'Tea.', $2, $3, '/t.svg', timezone('UTC', now()))", [productId, PRICE, INITIAL_STOCK]);
  // Its default variant, made at commit: what orders hold and what stock is counted on.
  variantId = (await pool.query<{ id: string }>("SELECT id FROM product_variants WHERE product_id = $1", [productId])).rows[0].id;
});

afterEach(async () => {
  await pool.end();
  await database.drop();
});

describe("the drill's invariant checker", () => {
  it("holds for a consistent world", async () => {
    await consistentWorld();
    const result = await check();
    expect(failing(result)).toEqual({});
    expect(result.ok).toBe(true);
  });

  it("fails when Razorpay captured an order's amount and the order is still pending here", async () => {
    await consistentWorld();
    capturedAt("order_pend0001", "pay_lost0001");
    expect(Object.keys(failing(await check()))).toEqual(["paid at Razorpay ⇒ paid here with exactly one credited payment"]);
  });

  it("fails when an order is paid here but Razorpay refunded its credited payment in full", async () => {
    await consistentWorld();
    refundedAt(razorpay.find((order) => order.id === "order_paid0001")!.payments[0]);
    expect(failing(await check())["paid at Razorpay ⇒ paid here with exactly one credited payment"]?.[0]).toMatch(/expected refunded/);
  });

  it("fails when an unpaid order is pending past its time limit", async () => {
    const { pending } = await consistentWorld();
    await pool.query("UPDATE orders SET expires_at = timezone('UTC', now()) - interval '1 second' WHERE id = $1", [pending]);
    expect(Object.keys(failing(await check()))).toEqual(["otherwise pending within its time limit, expired or cancelled"]);
  });

  it("fails when a variant's stock differs from its initial stock minus what paid and pending orders hold", async () => {
    await consistentWorld();
    await pool.query("UPDATE product_variants SET stock = stock + 1 WHERE id = $1", [variantId]);
    expect(failing(await check())).toEqual({ "stock = initial − held by paid and pending orders": [expect.stringContaining("expected 10 − 3 = 7")] });
  });

  it("fails when a product's price or stock is not the aggregate of its variants", async () => {
    await consistentWorld();
    // Only with the database's triggers switched off can the aggregate drift at all.
    await pool.query("SET session_replication_role = replica");
    await pool.query("UPDATE products SET stock = stock + 1 WHERE id = $1", [productId]);
    await pool.query("SET session_replication_role = origin");
    expect(failing(await check())).toEqual({ "stock = initial − held by paid and pending orders": [expect.stringContaining("variants say 1000 / 7")] });
  });

  it("fails when a webhook event is neither processed nor dead", async () => {
    await consistentWorld();
    await pool.query("INSERT INTO webhook_events (id, event, raw_body, status, attempts) VALUES ('evt_open0001', 'order.paid', '{}', 'pending', 3)");
    expect(Object.keys(failing(await check()))).toEqual(["every webhook event processed or dead"]);
  });

  it("fails when a refund is still requested past the age bound, or was due before the reconciliation run", async () => {
    const { paidTwice } = await consistentWorld();
    await insertPayment(paidTwice, "pay_third0001");
    capturedAt("order_twice001", "pay_third0001");
    await insertRefund(paidTwice, "pay_third0001", "requested", 10 * 60_000);
    expect(failing(await check())["no refund stuck"]).toHaveLength(1);

    const dueBeforeRun = new Date(Date.now() + 2 * 60_000);
    expect(failing(await check(dueBeforeRun))["no refund stuck"]?.[0]).toMatch(/was due before the reconciliation run/);
  });

  it("accepts a refund waiting to be sent, within the bounds, as the one refund of an extra payment", async () => {
    const { paidTwice } = await consistentWorld();
    await insertPayment(paidTwice, "pay_third0001");
    capturedAt("order_twice001", "pay_third0001");
    await insertRefund(paidTwice, "pay_third0001", "requested", 5_000);
    expect(failing(await check())).toEqual({});
  });

  it("fails when an extra captured payment has no refund, or was refunded twice at Razorpay", async () => {
    const { paidTwice, second } = await consistentWorld();
    await insertPayment(paidTwice, "pay_third0001");
    capturedAt("order_twice001", "pay_third0001");
    expect(failing(await check())["every extra captured payment refunded exactly once"]?.[0]).toMatch(/pay_third0001 \(a second payment\) has 0 refund rows/);

    await insertRefund(paidTwice, "pay_third0001", "processed");
    refundedAt(razorpay.find((order) => order.id === "order_twice001")!.payments[2]);
    second.amount_refunded = 0;
    razorpay.find((order) => order.id === "order_twice001")!.refunds.set(second.id, []);
    refundedAt(second, PRICE / 2);
    refundedAt(second, PRICE / 2);
    expect(failing(await check())).toEqual({ "every extra captured payment refunded exactly once": [expect.stringMatching(/pay_second001 .* 2 refunds at Razorpay/)] });
  });

  it("fails when an extra captured payment has two refunds decided here", async () => {
    const { paidTwice } = await consistentWorld();
    await insertRefund(paidTwice, "pay_second001", "processed", 0, "amount_mismatch");
    expect(failing(await check())).toEqual({ "every extra captured payment refunded exactly once": [expect.stringContaining("has 2 refund rows here")] });
  });

  it("fails when a wrong-amount captured payment is not refunded", async () => {
    const { pending } = await consistentWorld();
    capturedAt("order_pend0001", "pay_wrong0001", PRICE - 100);
    await pool.query("INSERT INTO payments (id, order_id, status, amount, currency, updated_at) VALUES ('pay_wrong0001', $1, 'captured', $2, 'INR', timezone('UTC', now()))", [pending, PRICE - 100]);
    expect(failing(await check())).toEqual({ "every extra captured payment refunded exactly once": [expect.stringContaining("a 900 payment on a 1000 order")] });
  });
});
