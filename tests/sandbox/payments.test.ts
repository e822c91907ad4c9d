import { createHmac } from "node:crypto";
import { validatePaymentVerification } from "razorpay/dist/utils/razorpay-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { createOrder, KEY_ID, KEY_SECRET, sandboxClient, sdkError, sdkFor, startTestSandbox } from "./harness";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const newOrder = (params: Record<string, unknown> = {}) => createOrder(sdkFor(sandbox), { amount: 129_900, currency: "INR", ...params });

describe("scripted payments", () => {
  it("captures a successful payment, signs it like Checkout and marks the order paid", async () => {
    const order = await newOrder();
    const { status, body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success" });
    expect(status).toBe(200);

    const expected = createHmac("sha256", KEY_SECRET).update(`${order.id}|${body.razorpay_payment_id}`).digest("hex");
    expect(body.razorpay_signature).toBe(expected);
    expect(
      validatePaymentVerification({ order_id: order.id, payment_id: body.razorpay_payment_id }, body.razorpay_signature, KEY_SECRET),
    ).toBe(true);
    expect(body.razorpay_order_id).toBe(order.id);
    expect(body.razorpay_payment_id).toMatch(/^pay_[A-Za-z0-9]{14}$/);
    expect(body.webhooks.map((hook: { event: string }) => hook.event)).toEqual(["payment.authorized", "payment.captured", "order.paid"]);
    expect(new Set(body.webhooks.map((hook: { eventId: string }) => hook.eventId)).size).toBe(3);

    const rzp = sdkFor(sandbox);
    const payment = await rzp.payments.fetch(body.razorpay_payment_id);
    expect(payment).toMatchObject({
      entity: "payment", amount: 129_900, currency: "INR", status: "captured", order_id: order.id, method: "card",
      captured: true, amount_refunded: 0, refund_status: null, error_code: null, notes: [],
    });
    expect(payment.fee).toBeGreaterThan(0);
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "paid", attempts: 1, amount_paid: 129_900, amount_due: 0 });
    const payments = await rzp.orders.fetchPayments(order.id);
    expect(payments).toMatchObject({ entity: "collection", count: 1 });
    expect(payments.items[0].id).toBe(payment.id);
  });

  it("records a failure with Razorpay's error fields and lets the order be paid afterwards", async () => {
    const order = await newOrder();
    const client = sandboxClient(sandbox);
    const failed = await client.pay(order.id, { outcome: "failure", method: "upi", reason: "payment_cancelled" });
    expect(failed.status).toBe(200);
    expect(failed.body.razorpay_signature).toBeUndefined();
    expect(failed.body.webhooks.map((hook: { event: string }) => hook.event)).toEqual(["payment.failed"]);
    expect(failed.body.error).toEqual({
      code: "BAD_REQUEST_ERROR",
      description: "Payment processing cancelled by user",
      field: null,
      source: "customer",
      step: "payment_authentication",
      reason: "payment_cancelled",
      metadata: { order_id: order.id, payment_id: failed.body.razorpay_payment_id },
    });
    const rzp = sdkFor(sandbox);
    expect(await rzp.payments.fetch(failed.body.razorpay_payment_id)).toMatchObject({
      status: "failed", method: "upi", vpa: "failure@razorpay", captured: false, fee: null, tax: null,
      error_code: "BAD_REQUEST_ERROR", error_reason: "payment_cancelled", error_source: "customer", error_step: "payment_authentication",
    });
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "attempted", attempts: 1, amount_paid: 0 });

    await client.pay(order.id, { outcome: "success", method: "upi" });
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "paid", attempts: 2, amount_paid: 129_900 });
  });

  it("reports a gateway failure for the authentication-failed card reason", async () => {
    const order = await newOrder();
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "failure", reason: "authentication_failed" });
    expect(body.error).toMatchObject({ code: "GATEWAY_ERROR", reason: "authentication_failed" });
  });

  it("leaves a manual-capture payment authorized until the capture API is called", async () => {
    const rzp = sdkFor(sandbox);
    const order = await newOrder({ payment: { capture: "manual" } });
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success" });
    expect(body.webhooks.map((hook: { event: string }) => hook.event)).toEqual(["payment.authorized"]);
    expect(body.payment).toMatchObject({ status: "authorized", captured: false, fee: null });
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "attempted", amount_paid: 0 });

    const wrongAmount = await sdkError(rzp.payments.capture(body.razorpay_payment_id, 100, "INR"));
    expect(wrongAmount.statusCode).toBe(400);
    expect(wrongAmount.error.description).toBe("Capture amount must be equal to the amount authorized.");

    const captured = await rzp.payments.capture(body.razorpay_payment_id, 129_900, "INR");
    expect(captured).toMatchObject({ status: "captured", captured: true });
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "paid", amount_paid: 129_900, amount_due: 0 });

    const again = await sdkError(rzp.payments.capture(body.razorpay_payment_id, 129_900, "INR"));
    expect(again.statusCode).toBe(400);
    expect(again.error.description).toBe("This payment has already been captured.");
  });

  it("holds back capture on request even for an automatic-capture order", async () => {
    const order = await newOrder();
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success", capture: false });
    expect(body.payment.status).toBe("authorized");
  });

  it("refuses to capture a failed payment", async () => {
    const order = await newOrder();
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "failure" });
    const failure = await sdkError(sdkFor(sandbox).payments.capture(body.razorpay_payment_id, 129_900, "INR"));
    expect(failure.statusCode).toBe(400);
  });

  it("refuses to pay a paid order unless forced, and a forced second payment leaves the order as it was", async () => {
    const order = await newOrder();
    const client = sandboxClient(sandbox);
    await client.pay(order.id, { outcome: "success" });

    const refused = await client.pay(order.id, { outcome: "success" });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "BAD_REQUEST_ERROR", description: "Order is already paid" });

    const forced = await client.pay(order.id, { outcome: "success", force: true });
    expect(forced.status).toBe(200);
    expect(forced.body.payment.status).toBe("captured");
    expect(forced.body.webhooks.map((hook: { event: string }) => hook.event)).toEqual(["payment.authorized", "payment.captured"]);
    const rzp = sdkFor(sandbox);
    expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "paid", amount_paid: 129_900, attempts: 2 });
    expect((await rzp.orders.fetchPayments(order.id)).count).toBe(2);
  });

  it("pays a different amount than the order when a test simulates tampering", async () => {
    const order = await newOrder();
    const { body } = await sandboxClient(sandbox).pay(order.id, { outcome: "success", amount: 100 });
    expect(body.payment.amount).toBe(100);
    expect(await sdkFor(sandbox).orders.fetch(order.id)).toMatchObject({ amount: 129_900, amount_paid: 100, amount_due: 129_800 });
  });

  it("keeps a partial-payment order attempted until it is paid in full", async () => {
    const order = await newOrder({ amount: 1000, partial_payment: true });
    const client = sandboxClient(sandbox);
    const part = await client.pay(order.id, { outcome: "success", amount: 400 });
    expect(part.body.webhooks.map((hook: { event: string }) => hook.event)).toEqual(["payment.authorized", "payment.captured"]);
    expect(await sdkFor(sandbox).orders.fetch(order.id)).toMatchObject({ status: "attempted", amount_paid: 400, amount_due: 600 });
    const rest = await client.pay(order.id, { outcome: "success" });
    expect(rest.body.payment.amount).toBe(600);
    expect(await sdkFor(sandbox).orders.fetch(order.id)).toMatchObject({ status: "paid", amount_paid: 1000, amount_due: 0 });
  });

  it("validates the scripting request", async () => {
    const order = await newOrder();
    const { status, body } = await sandboxClient(sandbox).pay(order.id, { outcome: "maybe" });
    expect(status).toBe(400);
    expect(body.error.field).toBe("outcome");
    expect((await sandboxClient(sandbox).pay("order_DoesNotExist00", { outcome: "success" })).body.error.description).toBe(
      "The id provided does not exist",
    );
  });
});

describe("checkout's public payment endpoint", () => {
  const checkoutPay = (body: Record<string, unknown>, origin = "http://shop.localhost:3000") =>
    fetch(`${sandbox.url}/v1/sandbox/checkout/pay`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify(body),
    });

  it("answers the CORS preflight and echoes the caller's origin", async () => {
    const preflight = await fetch(`${sandbox.url}/v1/sandbox/checkout/pay`, {
      method: "OPTIONS",
      headers: { origin: "http://shop.localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://shop.localhost:3000");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
  });

  it("pays with only the key id, like Checkout, and refuses a key id of another account", async () => {
    const order = await newOrder();
    const wrongKey = await checkoutPay({ key_id: "rzp_test_SomeoneElse", order_id: order.id, outcome: "success", method: "card" });
    expect(wrongKey.status).toBe(400);
    expect((await wrongKey.json()).error.description).toBe("The id provided does not exist");

    const paid = await checkoutPay({ key_id: KEY_ID, order_id: order.id, outcome: "success", method: "card", email: "a@b.in" });
    expect(paid.status).toBe(200);
    expect(paid.headers.get("access-control-allow-origin")).toBe("http://shop.localhost:3000");
    const response = await paid.json();
    expect(Object.keys(response).sort()).toEqual(["razorpay_order_id", "razorpay_payment_id", "razorpay_signature"]);
    expect((await sdkFor(sandbox).payments.fetch(response.razorpay_payment_id)).email).toBe("a@b.in");
  });

  it("answers a declined card with the payment.failed error shape", async () => {
    const order = await newOrder();
    const declined = await checkoutPay({ key_id: KEY_ID, order_id: order.id, outcome: "failure", method: "card", reason: "insufficient_funds" });
    expect(declined.status).toBe(400);
    const { error } = await declined.json();
    expect(error).toMatchObject({ code: "BAD_REQUEST_ERROR", reason: "insufficient_funds", metadata: { order_id: order.id } });
    expect(error.metadata.payment_id).toMatch(/^pay_/);
  });
});
