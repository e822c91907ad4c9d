import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLogs, luhnValid } from "@/lib/log";
import { adminCookie, signInByMagicLink, signInWithPassword } from "@/tests/support/auth";
import { call, createProduct, customer, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, startShop, type TestShop } from "@/tests/support/shop";

/**
 * Everything the shop logs while a shopper buys, an admin refunds, both sign in and webhooks
 * (genuine and forged) arrive, scanned for what a log must never hold.
 */
let shop: TestShop;
const admin = { email: "owner@example.com", password: "correct horse battery staple 42" };
const CARD = "4111111111111111";
let capture: ReturnType<typeof captureLogs>;
/** HMAC hex signatures the flows sent or received: none may appear in a log. */
const signatures: string[] = [];
/** What the flows produced, checked after the scan. */
const seen: { orderId?: string; paymentId?: string; requestIds: string[] } = { requestIds: [] };

type Line = Record<string, unknown> & { event?: string; requestId?: string };
const parsed = () => capture.lines.map((line) => JSON.parse(line) as Line);

beforeAll(async () => {
  shop = await startShop();
  const { ensureAdmin } = await import("@/lib/auth/users");
  await ensureAdmin(admin.email, admin.password);
  capture = captureLogs();

  // Checkout: order, payment by card, the browser's callback (verify), the sandbox's webhooks.
  const product = await createProduct({ price: 50_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success", method: "card" });
  expect(paid.razorpay_signature).toMatch(/^[0-9a-f]{64}$/);
  signatures.push(paid.razorpay_signature!); // checked just above
  const verified = await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature }, { "x-request-id": "verify-request-0001" });
  expect(verified.status).toBe(200);
  seen.requestIds.push(verified.headers.get("x-request-id") ?? "");
  seen.orderId = order.orderId;
  seen.paymentId = paid.razorpay_payment_id;

  // Sign-in: an admin with the right and a wrong password, a shopper by magic link.
  expect((await signInWithPassword(shop.url, admin.email, "a wrong password 0000")).ok).toBe(false);
  const cookie = await adminCookie(shop.url, admin.email, admin.password);
  await signInByMagicLink(shop.url, customer.email);

  // Refund: an admin refunds part of the order.
  const refunded = await call(shop, `/api/admin/orders/${order.orderId}/refunds`, {
    method: "POST",
    headers: { cookie, authorization: "Bearer not-a-real-token", "content-type": "application/json", "idempotency-key": randomUUID(), origin: shop.url },
    body: JSON.stringify({ amount: 30_000, reason: "Returned one unit", restock: false }),
  });
  expect(refunded.status).toBe(201);

  // Webhooks: a genuine one about the payment carrying a card number, email and phone, and a forged one.
  const payment = { id: paid.razorpay_payment_id, entity: "payment", amount: 100_000, currency: "INR", status: "captured", order_id: order.razorpayOrderId, method: "card", email: customer.email, contact: "+919876543210", card: { number: CARD, last4: "1111" }, notes: { note: `card ${CARD} cvv 123` } };
  const genuine = envelope("payment.captured", { payment });
  const genuineBody = JSON.stringify(genuine);
  signatures.push(createHmac("sha256", shop.keys.webhookSecret).update(genuineBody).digest("hex"));
  expect((await deliverWebhook(shop, genuine, { eventId: "evt_LogScanGenuine01" })).status).toBe(200);
  const forgedBody = JSON.stringify(envelope("payment.captured", { payment: { ...payment, amount: 1 } }));
  signatures.push(createHmac("sha256", "guessed-secret").update(forgedBody).digest("hex"));
  expect((await deliverWebhook(shop, undefined, { rawBody: forgedBody, secret: "guessed-secret", eventId: "evt_LogScanForged001" })).status).toBe(400);
  await eventually(async () => parsed().some((line) => line.event === "webhook_processed" && line.eventId === "evt_LogScanGenuine01"));
  // The sandbox's own deliveries for the payment and refund finish after their responses; let them land.
  await new Promise((resolve) => setTimeout(resolve, 500));
  capture.stop();
}, 60_000);
afterAll(() => shop?.close());

describe("what the shop logs", () => {
  it("holds no Luhn-valid 13-19 digit number, anywhere in any line", () => {
    expect(capture.lines.length).toBeGreaterThan(10);
    // UUIDs (order, request and user ids) are taken out first: their digits can run across the hyphens.
    const withoutIds = capture.lines.map((line) => line.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>"));
    const found = withoutIds.flatMap((line) => (line.match(/\d(?:[ -]?\d){12,18}/g) ?? []).map((run) => run.replace(/\D/g, "")).filter(luhnValid));
    expect(found).toEqual([]);
  });

  it("holds none of the configured secrets, the admin's password or a raw signature", () => {
    const text = capture.lines.join("\n");
    const secrets = { ...shop.keys, keyId: undefined, cron: process.env.CRON_SECRET, nextauth: process.env.NEXTAUTH_SECRET, encryption: process.env.ENCRYPTION_KEY, password: admin.password, bearer: "not-a-real-token" };
    for (const [name, secret] of Object.entries(secrets)) if (secret) expect(text.includes(secret), name).toBe(false);
    expect(signatures).toHaveLength(3);
    for (const signature of signatures) expect(text).not.toContain(signature);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it("holds no unmasked email address", () => {
    const emails = capture.lines.flatMap((line) => line.match(/[A-Za-z0-9._%+*-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? []);
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.filter((email) => !/^.\*\*\*@/.test(email))).toEqual([]);
  });

  it("never holds a raw webhook body", () => {
    const text = capture.lines.join("\n");
    expect(text).not.toContain('"payload"');
    expect(text).not.toContain("account_id");
  });

  it("leaves a clear trail of the purchase, the refund, the sign-ins and the forged webhook", () => {
    const lines = parsed();
    const one = (event: string, match: Record<string, unknown> = {}) => lines.find((line) => line.event === event && Object.entries(match).every(([key, value]) => line[key] === value));
    expect(one("checkout_order_placed", { orderId: seen.orderId, amount: 100_000 })).toBeDefined();
    expect(one("payment_fact_applied", { orderId: seen.orderId, paymentId: seen.paymentId, amount: 100_000, outcome: "applied", orderStatus: "paid" })).toBeDefined();
    expect(one("admin_refund_requested", { orderId: seen.orderId, amount: 30_000 })).toBeDefined();
    expect(one("refund_sent", { orderId: seen.orderId, amount: 30_000 })).toBeDefined();
    expect(one("webhook_rejected", { reason: "bad_signature", eventId: "evt_LogScanForged001" })).toBeDefined();
    expect(one("admin_sign_in_refused", { email: "o***@example.com" })).toBeDefined();
    const signedIn = lines.filter((line) => line.event === "signed_in");
    expect(signedIn.map((line) => line.via).sort()).toEqual(["credentials", "email"]);
    expect(signedIn.every((line) => typeof line.requestId === "string")).toBe(true);
  });

  it("tags every line of a request with one request id, taken from x-request-id when well-formed, and returns it", () => {
    expect(seen.requestIds).toEqual(["verify-request-0001"]);
    const verify = parsed().filter((line) => line.requestId === "verify-request-0001");
    expect(verify.some((line) => line.event === "payment_fact_applied")).toBe(true);
  });

  it("carries the webhook request's id into the processing that runs after its response", () => {
    const lines = parsed();
    const received = lines.find((line) => line.event === "webhook_received" && line.eventId === "evt_LogScanGenuine01");
    const processed = lines.find((line) => line.event === "webhook_processed" && line.eventId === "evt_LogScanGenuine01");
    expect(received?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(processed?.requestId).toBe(received?.requestId);
  });
});

describe("a request id", () => {
  it("is generated when the incoming one is malformed, and returned as x-request-id", async () => {
    const reply = await call(shop, "/api/orders/not-an-order/status", { headers: { "x-request-id": "bad id; with spaces" } });
    expect(reply.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const given = await call(shop, "/api/orders/not-an-order/status", { headers: { "x-request-id": "lb-trace-123456" } });
    expect(given.headers.get("x-request-id")).toBe("lb-trace-123456");
  });
});
