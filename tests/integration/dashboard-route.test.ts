import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db";
import { processDueWebhooks } from "@/lib/webhooks/inbox";
import { adminCookie } from "../support/auth";
import { call, createProduct, eventually, pay, placeOrder, postJson, startShop, type TestShop } from "../support/shop";

/**
 * GET /api/admin/metrics over HTTP as a signed-in admin (next-auth's credentials callback), with
 * figures written by the real checkout and payment code.
 */
let shop: TestShop;
let cookie: string;
beforeAll(async () => {
  shop = await startShop();
  const { ensureAdmin } = await import("@/lib/auth/users");
  await ensureAdmin("dashboard-admin@example.com", "dashboard admin password");
  cookie = await adminCookie(shop.url, "dashboard-admin@example.com", "dashboard admin password");
});
const asAdmin = (path: string) => call(shop, path, { headers: { cookie } });
afterAll(() => shop?.close());

const count = z.number().int().nonnegative();
const paise = z.number().int();
const rate = z.number().min(0).max(1).nullable();
const status = z.enum(["healthy", "degraded", "unhealthy"]);
/** The documented shape of the JSON, strict at every level so an undocumented field fails the test. */
const metricsShape = z.strictObject({
  period: z.strictObject({ from: z.iso.datetime(), to: z.iso.datetime(), bucket: z.enum(["hour", "day"]), timeZone: z.literal("Asia/Kolkata") }),
  generatedAt: z.iso.datetime(),
  currency: z.literal("INR"),
  money: z.strictObject({ collected: paise, refunded: paise, net: paise }),
  payments: z.strictObject({
    attempts: count,
    succeeded: count,
    failed: count,
    authorized: count,
    successRate: rate,
    byMethod: z.array(z.strictObject({ method: z.enum(["upi", "card", "netbanking", "wallet", "emi", "other"]), attempts: count, succeeded: count, failed: count, authorized: count, successRate: rate, collected: paise })).length(6),
  }),
  failures: z.strictObject({
    total: count,
    bySource: z.array(z.strictObject({ group: z.enum(["customer", "bank", "business", "other"]), count })).length(4),
    topReasons: z.array(z.strictObject({ reason: z.string(), count })).max(5),
  }),
  refunds: z.strictObject({
    count,
    amount: paise,
    byStatus: z.strictObject(Object.fromEntries(["requested", "pending", "processed", "failed"].map((s) => [s, z.strictObject({ count, amount: paise })]))),
  }),
  orders: z.strictObject({
    placed: count,
    byStatus: z.strictObject(Object.fromEntries(["pending", "paid", "partially_refunded", "refunded", "expired", "cancelled"].map((s) => [s, count]))),
    flagged: count,
    flaggedOpen: count,
  }),
  uncaptured: z.strictObject({ count, amount: paise, oldestAt: z.iso.datetime().nullable(), olderThanMinutes: count }),
  webhooks: z.strictObject({
    now: z.strictObject({ pending: count, processing: count, dead: count, oldestPendingSeconds: count.nullable() }),
    period: z.strictObject({ received: count, processed: count, dead: count, lagMs: z.strictObject({ p50: count.nullable(), p95: count.nullable() }) }),
    rejected: z.strictObject({ total: count, byReason: z.array(z.strictObject({ reason: z.string(), count })) }),
  }),
  volume: z.array(z.strictObject({ start: z.iso.datetime(), attempts: count, succeeded: count, failed: count, collected: paise })),
  health: z.strictObject({
    verdict: status,
    rules: z.array(z.strictObject({ id: z.string(), label: z.string(), unit: z.enum(["percent", "seconds", "count"]), value: z.number().nullable(), degradedAt: z.number(), unhealthyAt: z.number(), why: z.string(), status })),
  }),
});

describe("GET /api/admin/metrics", () => {
  it("refuses an anonymous visitor with a JSON 401 before computing anything", async () => {
    const reply = await call(shop, "/api/admin/metrics");
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("unauthorized");
  });

  it("returns the documented JSON for an admin, with a payment the shop just took", async () => {
    const product = await createProduct({ price: 75_000 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    // The failure reaches the shop as Razorpay's payment.failed webhook.
    await pay(shop, order.razorpayOrderId, { outcome: "failure", method: "card" });
    await eventually(async () => (await processDueWebhooks(), (await db().payment.count({ where: { orderId: order.orderId, status: "failed" } })) === 1));
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success", method: "upi" });
    const verified = await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
    expect(verified.status).toBe(200);

    const reply = await asAdmin("/api/admin/metrics");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("cache-control")).toBe("no-store");
    const metrics = metricsShape.parse(reply.body);
    // The default period: the last 7 days, by day.
    expect(Date.parse(metrics.period.to) - Date.parse(metrics.period.from)).toBe(7 * 86_400_000);
    expect(metrics.period.bucket).toBe("day");
    // The UPI payment is the one credited, for the order's total (price plus shipping).
    expect(metrics.money).toEqual({ collected: order.amount, refunded: 0, net: order.amount });
    expect(metrics.orders.byStatus.paid).toBe(1);
    expect(metrics.payments).toMatchObject({ attempts: 2, succeeded: 1, failed: 1, successRate: 0.5 });
    expect(metrics.payments.byMethod.find((row) => row.method === "upi")).toMatchObject({ attempts: 1, succeeded: 1, collected: order.amount });
    expect(metrics.payments.byMethod.find((row) => row.method === "card")).toMatchObject({ attempts: 1, failed: 1, successRate: 0 });
    // The sandbox's default failure is the bank declining (source bank, reason payment_failed).
    expect(metrics.failures.bySource.find((row) => row.group === "bank")?.count).toBe(1);
    expect(metrics.failures.topReasons).toEqual([{ reason: "payment_failed", count: 1 }]);
    expect(metrics.volume.reduce((sum, bucket) => sum + bucket.collected, 0)).toBe(order.amount);
    expect(metrics.webhooks.period.processed).toBeGreaterThanOrEqual(1);
  });

  it("takes a period, and refuses a bad one with a JSON 400 naming the field", async () => {
    const hourly = await asAdmin("/api/admin/metrics?from=2026-11-20T00:00:00%2B05:30&to=2026-11-21T00:00:00%2B05:30");
    expect(hourly.status).toBe(200);
    expect(hourly.body.period).toEqual({ from: "2026-11-19T18:30:00.000Z", to: "2026-11-20T18:30:00.000Z", bucket: "hour", timeZone: "Asia/Kolkata" });
    expect(hourly.body.volume).toHaveLength(24);

    const backwards = await asAdmin("/api/admin/metrics?from=2026-11-21&to=2026-11-20");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: "invalid_request", field: "from" });

    const tooLong = await asAdmin("/api/admin/metrics?from=2024-01-01&to=2026-01-01");
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: "invalid_request", field: "to", message: "to: the period can be at most 366 days long" });

    const garbage = await asAdmin("/api/admin/metrics?from=last%20week");
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.field).toBe("from");
  });
});
