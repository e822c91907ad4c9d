import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { createOrder, KEY_ID, sandboxClient, sdkError, sdkFor, startTestSandbox } from "./harness";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

const ID_PATTERN = /^order_[A-Za-z0-9]{14}$/;

describe("orders API", () => {
  it("creates an order shaped like Razorpay's, with empty notes as []", async () => {
    const before = Math.floor(Date.now() / 1000);
    const order = await sdkFor(sandbox).orders.create({ amount: 129_900, currency: "INR", receipt: "shape-1" });
    expect(Object.keys(order)).toEqual([
      "id", "entity", "amount", "amount_paid", "amount_due", "currency", "receipt",
      "offer_id", "status", "attempts", "notes", "created_at",
    ]);
    expect(order).toMatchObject({
      entity: "order", amount: 129_900, amount_paid: 0, amount_due: 129_900, currency: "INR",
      receipt: "shape-1", offer_id: null, status: "created", attempts: 0, notes: [],
    });
    expect(order.id).toMatch(ID_PATTERN);
    expect(order.created_at).toBeGreaterThanOrEqual(before);
    expect(order.created_at).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it("keeps notes and fetches the order by id", async () => {
    const rzp = sdkFor(sandbox);
    const created = await rzp.orders.create({ amount: 500, currency: "INR", notes: { cart: "c_1", items: "3" } });
    const fetched = await rzp.orders.fetch(created.id);
    expect(fetched).toEqual(created);
    expect(fetched.notes).toEqual({ cart: "c_1", items: "3" });
  });

  it("finds orders by exact receipt, newest first, honouring count and skip", async () => {
    const rzp = sdkFor(sandbox);
    const first = await rzp.orders.create({ amount: 1000, currency: "INR", receipt: "list-a" });
    await rzp.orders.create({ amount: 1000, currency: "INR", receipt: "list-a-longer" });
    const latest = await rzp.orders.create({ amount: 1000, currency: "INR", receipt: "list-b" });

    const byReceipt = await rzp.orders.all({ receipt: "list-a" });
    expect(byReceipt).toMatchObject({ entity: "collection", count: 1 });
    expect(byReceipt.items.map((order) => order.id)).toEqual([first.id]);

    const newestTwo = await rzp.orders.all({ count: 2 });
    expect(newestTwo.count).toBe(2);
    expect(newestTwo.items[0].id).toBe(latest.id);
    const skipped = await rzp.orders.all({ count: 1, skip: 2 });
    expect(skipped.items[0].id).toBe(first.id);

    expect((await rzp.orders.all({ receipt: "nobody-used-this" })).items).toEqual([]);
  });

  it("refuses a receipt that is already in use", async () => {
    const rzp = sdkFor(sandbox);
    await rzp.orders.create({ amount: 1000, currency: "INR", receipt: "unique-1" });
    const failure = await sdkError(rzp.orders.create({ amount: 1000, currency: "INR", receipt: "unique-1" }));
    expect(failure.statusCode).toBe(400);
    expect(failure.error).toMatchObject({ description: "Order receipt should be unique.", field: "receipt" });
  });

  it.each([
    [{ amount: 99 }, "The amount must be at least INR 1.00", "amount"],
    [{ amount: 100.5 }, "The amount must be an integer", "amount"],
    [{}, "The amount field is required.", "amount"],
    [{ amount: 100, currency: "RUPEES" }, "The currency must be 3 characters.", "currency"],
    [{ amount: 100, receipt: "r".repeat(41) }, "The receipt may not be greater than 40 characters.", "receipt"],
    [{ amount: 100, notes: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v"])) }, "The notes may not have more than 15 items.", "notes"],
    [{ amount: 100, payment: { capture: "sometimes" } }, "The payment.capture must be automatic or manual.", "payment.capture"],
    [{ amount: 100, coupon: "FREE" }, "coupon is/are not required and should not be sent", "coupon"],
  ])("rejects %j with Razorpay's error body", async (params, description, field) => {
    const failure = await sdkError(createOrder(sdkFor(sandbox), params));
    expect(failure.statusCode).toBe(400);
    expect(failure.error).toEqual({
      code: "BAD_REQUEST_ERROR",
      description,
      field,
      source: "business",
      step: "payment_initiation",
      reason: field === "coupon" ? "extra_field_sent" : "input_validation_failed",
      metadata: {},
    });
  });

  it("answers 400 'The id provided does not exist' for unknown ids", async () => {
    const rzp = sdkFor(sandbox);
    for (const call of [
      rzp.orders.fetch("order_DoesNotExist00"),
      rzp.orders.fetchPayments("order_DoesNotExist00"),
      rzp.payments.fetch("pay_DoesNotExist0000"),
      rzp.refunds.fetch("rfnd_DoesNotExist000"),
    ]) {
      const failure = await sdkError(call);
      expect(failure.statusCode).toBe(400);
      expect(failure.error).toMatchObject({ code: "BAD_REQUEST_ERROR", description: "The id provided does not exist" });
    }
  });

  it("answers 401 'Authentication failed' for a wrong secret, no credentials or a lower-case scheme", async () => {
    const wrongSecret = await sdkError(sdkFor(sandbox, "not-the-secret").orders.create({ amount: 100, currency: "INR" }));
    expect(wrongSecret).toEqual({ statusCode: 401, error: { code: "BAD_REQUEST_ERROR", description: "Authentication failed" } });

    const credentials = Buffer.from(`${KEY_ID}:sandbox_key_secret_for_tests`).toString("base64");
    for (const headers of [{}, { authorization: `basic ${credentials}` }] as Record<string, string>[]) {
      const response = await fetch(`${sandbox.url}/v1/orders`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "BAD_REQUEST_ERROR", description: "Authentication failed" } });
    }
    const correct = await fetch(`${sandbox.url}/v1/orders`, { headers: { authorization: `Basic ${credentials}` } });
    expect(correct.status).toBe(200);
  });

  it("tells a client whose base URL ends in /v1 how to fix it", async () => {
    const { status, body } = await sandboxClient(sandbox).get("/v1/v1/orders");
    expect(status).toBe(404);
    expect(body.error.description).toContain(`baseURL to "${sandbox.url}" without "/v1"`);
  });
});
