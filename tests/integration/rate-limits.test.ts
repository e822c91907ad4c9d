import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseRateLimitConfig } from "@/lib/config";
import { LIMITS, windowMs } from "@/lib/ratelimit/limits";
import { call, checkoutRequest, createProduct, customer, postJson, shippingAddress, type TestShop } from "../support/shop";
import { burst, clearOfWindowEdge, expectAdmitted, startRateLimitedShop } from "../support/rate-limited-shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startRateLimitedShop("rate-limits", { TRUST_PROXY_HEADERS: "0" });
});
afterAll(() => shop?.close());

const verifyBody = { razorpay_order_id: "order_x", razorpay_payment_id: "pay_x", razorpay_signature: "0".repeat(64) };

describe("rate limits on the real Redis, through the routes", () => {
  it("admits at most L of 2L parallel verify requests from one client, and answers the rest 429 with the headers and the JSON error", async () => {
    const L = LIMITS.verify.requests;
    await clearOfWindowEdge(windowMs(LIMITS.verify.window));
    const tally = await burst("verify", () => Promise.all(Array.from({ length: 2 * L }, () => postJson(shop, "/api/payments/verify", verifyBody))));
    expectAdmitted(tally, L);
    const { replies } = tally;
    const limited = replies.filter((reply) => reply.status === 429);
    const [first] = limited;
    expect(first.body).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/^Too many requests: please wait \d+ seconds and try again\.$/) } });
    const retryAfter = Number(first.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(first.headers.get("x-ratelimit-limit")).toBe(String(L));
    expect(first.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    // An admitted request carries the counts too.
    const admitted = replies.find((reply) => reply.status !== 429)!;
    expect(admitted.headers.get("x-ratelimit-limit")).toBe(String(L));
  });

  it("admits the client again once the window has passed", async () => {
    expect((await postJson(shop, "/api/payments/verify", verifyBody)).status).toBe(429);
    // The library computes windows from Date.now() and passes them to its script: two windows later the sliding window is empty.
    const later = Date.now() + 2 * 60_000 + 1_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => later);
    try {
      const reply = await postJson(shop, "/api/payments/verify", verifyBody);
      expect(reply.status).toBe(400);
      expect(reply.headers.get("x-ratelimit-remaining")).toBe(String(LIMITS.verify.requests - 1));
    } finally {
      clock.mockRestore();
    }
  });

  it("counts per endpoint: a client limited on verify can still change its cart", async () => {
    expect((await postJson(shop, "/api/payments/verify", verifyBody)).status).toBe(429);
    const product = await createProduct();
    expect((await postJson(shop, "/api/cart/items", { productId: product.id, quantity: 1 })).status).toBe(201);
  });

  it("ignores a forged X-Forwarded-For unless TRUST_PROXY_HEADERS=1: rotating it does not buy more requests", async () => {
    const tally = await burst("orderStatus", () =>
      Promise.all(Array.from({ length: 2 * LIMITS.orderStatus.requests }, (_, i) => call(shop, `/api/orders/${randomUUID()}/status?token=x`, { headers: { "x-forwarded-for": `203.0.113.${i % 250}`, "x-shop-peer-address": `198.51.100.${i % 250}` } }))),
    );
    expectAdmitted(tally, LIMITS.orderStatus.requests);
  });

  it("refuses a fourth unpaid order for the same email with a clear 429, and admits one again once an order is no longer pending", async () => {
    const product = await createProduct({ stock: 100 });
    const email = `holder-${randomUUID().slice(0, 8)}@example.com`;
    const body = { customer: { ...customer, email }, shippingAddress, items: [{ productId: product.id, quantity: 1 }] };
    for (let i = 0; i < 3; i++) expect((await checkoutRequest(shop, [], { body })).status).toBe(201);
    const fourth = await checkoutRequest(shop, [], { body });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe("too_many_unpaid_orders");
    expect(fourth.body.error.message).toMatch(/^You already have 3 unpaid orders: pay for one, or wait for them to expire/);
    const { db } = await import("@/lib/db");
    expect(await db().order.count({ where: { email } })).toBe(3);
    expect((await db().product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(97);
    const oldest = await db().order.findFirstOrThrow({ where: { email }, orderBy: { createdAt: "asc" } });
    await db().order.update({ where: { id: oldest.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await checkoutRequest(shop, [], { body })).status).toBe(201);
  });

  it("limits password sign-in to 5 a minute per address, and magic links to 3 an hour per email", async () => {
    const attempts = await Promise.all(Array.from({ length: 7 }, (_, i) => call(shop, "/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email: `someone-${i}@example.com`, password: "wrong password 1234" }) })));
    expect(attempts.filter((reply) => reply.status === 429)).toHaveLength(2);
    expect(attempts.find((reply) => reply.status === 429)!.body.error.code).toBe("rate_limited");
  });
});

describe("the limit configuration", () => {
  it("multiplies every limit by 10 under npm run dev (NODE_ENV=development), and uses the table as written in production", () => {
    expect(parseRateLimitConfig({ NODE_ENV: "development" }).multiplier).toBe(10);
    expect(parseRateLimitConfig({ NODE_ENV: "production" }).multiplier).toBe(1);
  });

  it("refuses the load-test multiplier with live keys, and half an Upstash configuration", () => {
    expect(() => parseRateLimitConfig({ RATE_LIMIT_MULTIPLIER: "100", RAZORPAY_KEY_ID: "rzp_live_fake" })).toThrow(/RATE_LIMIT_MULTIPLIER is for load tests and cannot be used with live keys/);
    expect(parseRateLimitConfig({ RATE_LIMIT_MULTIPLIER: "100", RAZORPAY_KEY_ID: "rzp_test_abc123" }).multiplier).toBe(100);
    expect(() => parseRateLimitConfig({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toThrow(/UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together/);
    expect(() => parseRateLimitConfig({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t", REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(/both set/);
  });

  it("chooses the backend from the configuration: Upstash REST, REDIS_URL, else in process", () => {
    expect(parseRateLimitConfig({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t" }).backend).toEqual({ kind: "upstash", url: "https://eu1.upstash.io", token: "t" });
    expect(parseRateLimitConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).backend).toEqual({ kind: "redis", url: "redis://127.0.0.1:6379" });
    expect(parseRateLimitConfig({}).backend).toEqual({ kind: "memory" });
  });
});
