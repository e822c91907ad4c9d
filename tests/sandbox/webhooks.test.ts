import { validateWebhookSignature } from "razorpay/dist/utils/razorpay-utils";
import { afterEach, describe, expect, it } from "vitest";
import type { Sandbox, SandboxOptions } from "@/sandbox/server";
import {
  KEY_SECRET,
  type Responder,
  sandboxClient,
  sdkError,
  sdkFor,
  startTestSandbox,
  startWebhookReceiver,
  WEBHOOK_SECRET,
} from "./harness";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A sandbox delivering to a fresh receiver; both are closed after the test. */
async function setUp(responder?: Responder, options: Partial<SandboxOptions> = {}) {
  const receiver = await startWebhookReceiver(responder);
  const sandbox = await startTestSandbox({ webhookUrl: receiver.url, ...options });
  cleanups.push(receiver.close, sandbox.close);
  return { receiver, sandbox, client: sandboxClient(sandbox) };
}

async function payNewOrder(sandbox: Sandbox, outcome: "success" | "failure" = "success") {
  const order = await sdkFor(sandbox).orders.create({ amount: 129_900, currency: "INR" });
  const { body } = await sandboxClient(sandbox).pay(order.id, { outcome });
  return body as { razorpay_payment_id: string; webhooks: { eventId: string; event: string }[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("webhook delivery", () => {
  it("POSTs the raw envelope signed with the webhook secret, with Razorpay's headers, in event order", async () => {
    const { receiver, sandbox } = await setUp();
    const paid = await payNewOrder(sandbox);
    await sandbox.idle();

    expect(receiver.received.map((hook) => hook.event)).toEqual(["payment.authorized", "payment.captured", "order.paid"]);
    expect(receiver.received.map((hook) => hook.eventId)).toEqual(paid.webhooks.map((hook) => hook.eventId));
    for (const hook of receiver.received) {
      const signature = String(hook.headers["x-razorpay-signature"]);
      expect(validateWebhookSignature(hook.body, signature, WEBHOOK_SECRET)).toBe(true);
      expect(validateWebhookSignature(hook.body, signature, KEY_SECRET)).toBe(false);
      expect(hook.headers["content-type"]).toBe("application/json");
      expect(hook.headers["user-agent"]).toBe("Razorpay-Webhook/v1");
      expect(hook.eventId).toMatch(/^evt_[A-Za-z0-9]{14}$/);
      const envelope = JSON.parse(hook.body);
      expect(Object.keys(envelope)).toEqual(["entity", "account_id", "event", "contains", "payload", "created_at"]);
      expect(envelope.entity).toBe("event");
      expect(envelope.account_id).toMatch(/^acc_[A-Za-z0-9]{14}$/);
      expect(envelope.payload.payment.entity.id).toBe(paid.razorpay_payment_id);
    }

    const [authorized, captured, orderPaid] = receiver.received.map((hook) => JSON.parse(hook.body));
    expect(authorized.contains).toEqual(["payment"]);
    expect(authorized.payload.payment.entity.status).toBe("authorized");
    expect(captured.payload.payment.entity.status).toBe("captured");
    expect(orderPaid.contains).toEqual(["payment", "order"]);
    expect(orderPaid.payload.order.entity).toMatchObject({ status: "paid", amount_paid: 129_900, amount_due: 0 });

    expect(sandbox.webhookDeliveries().map(({ event, attempt, status, paymentId }) => ({ event, attempt, status, paymentId }))).toEqual(
      ["payment.authorized", "payment.captured", "order.paid"].map((event) => ({
        event, attempt: 1, status: 200, paymentId: paid.razorpay_payment_id,
      })),
    );
  });

  it("sends payment.failed for a failed payment and refund events containing the refund and the payment", async () => {
    const { receiver, sandbox } = await setUp();
    await payNewOrder(sandbox, "failure");
    const paid = await payNewOrder(sandbox);
    await sdkFor(sandbox).payments.refund(paid.razorpay_payment_id, { amount: 1_000 });
    await sandbox.idle();

    const events = receiver.received.map((hook) => JSON.parse(hook.body));
    expect(events[0]).toMatchObject({ event: "payment.failed", contains: ["payment"] });
    expect(events[0].payload.payment.entity).toMatchObject({ status: "failed", fee: null });
    const refundEvents = events.filter((event) => event.event.startsWith("refund."));
    expect(refundEvents.map((event) => event.event)).toEqual(["refund.created", "refund.processed"]);
    for (const event of refundEvents) {
      expect(event.contains).toEqual(["refund", "payment"]);
      expect(event.payload.payment.entity).toMatchObject({ amount_refunded: 1_000, refund_status: "partial" });
    }
    expect(refundEvents[0].payload.refund.entity.status).toBe("pending");
    expect(refundEvents[1].payload.refund.entity.status).toBe("processed");
  });

  it("retries a non-2xx answer with the same event id and body, the delay doubling", async () => {
    const { receiver, sandbox } = await setUp((index) => [500, 404][index] ?? 200);
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((hook) => hook.eventId)).size).toBe(1);
    expect(new Set(receiver.received.map((hook) => hook.body)).size).toBe(1);
    expect(sandbox.webhookDeliveries().map(({ attempt, status }) => ({ attempt, status }))).toEqual([
      { attempt: 1, status: 500 },
      { attempt: 2, status: 404 },
      { attempt: 3, status: 200 },
    ]);
    const [first, second, third] = receiver.received.map((hook) => hook.receivedAt);
    expect(second - first).toBeGreaterThanOrEqual(15); // 20 ms ± 20% jitter
    expect(third - second).toBeGreaterThanOrEqual(31); // 40 ms ± 20% jitter
  });

  it("counts a receiver that does not answer in time as a timeout, then retries", async () => {
    const { receiver, sandbox } = await setUp((index) => (index === 0 ? "hang" : 200), {
      webhookRetry: { baseDelayMs: 20, maxAttempts: 5, timeoutMs: 100 },
    });
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(sandbox.webhookDeliveries().map((delivery) => delivery.status)).toEqual(["timeout", 200]);
    expect(receiver.received[1].eventId).toBe(receiver.received[0].eventId);
  });

  it("gives up after maxAttempts", async () => {
    const { receiver, sandbox } = await setUp(() => 503, { webhookRetry: { baseDelayMs: 5, maxAttempts: 3 } });
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(receiver.received).toHaveLength(3);
    expect(sandbox.webhookDeliveries().map((delivery) => delivery.attempt)).toEqual([1, 2, 3]);
  });

  it("records network errors when nothing listens", async () => {
    const sandbox = await startTestSandbox({ webhookUrl: "http://127.0.0.1:9/nothing-here", webhookRetry: { baseDelayMs: 5, maxAttempts: 2 } });
    cleanups.push(sandbox.close);
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(sandbox.webhookDeliveries().map((delivery) => delivery.status)).toEqual(["network_error", "network_error"]);
  });

  it("delivers nothing while no webhook URL is set, and to the new URL once it is", async () => {
    const receiver = await startWebhookReceiver();
    const sandbox = await startTestSandbox();
    cleanups.push(receiver.close, sandbox.close);
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(sandbox.webhookDeliveries()).toEqual([]);

    sandbox.setWebhookUrl(receiver.url);
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(receiver.received.map((hook) => hook.event)).toEqual(["payment.failed"]);
  });

  it("cancels pending retries on close", async () => {
    const { receiver, sandbox } = await setUp(() => 500, { webhookRetry: { baseDelayMs: 50, maxAttempts: 5 } });
    await payNewOrder(sandbox, "failure");
    while (receiver.received.length === 0) await sleep(5);
    await sandbox.close();
    await sandbox.idle();
    await sleep(120);
    expect(receiver.received).toHaveLength(1);
  });

  it("lists deliveries over HTTP for humans and tools", async () => {
    const { sandbox, client } = await setUp();
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    const { body } = await client.get("/v1/sandbox/webhooks");
    expect(body).toMatchObject({ entity: "collection", count: 1, items: [{ event: "payment.failed", attempt: 1, status: 200 }] });
  });
});

describe("webhook faults", () => {
  it("delivers every event extra times with the same id and body", async () => {
    const { receiver, sandbox, client } = await setUp();
    await client.post("/v1/sandbox/faults", { webhooks: { duplicate: 2 } });
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((hook) => hook.eventId)).size).toBe(1);
    expect(new Set(receiver.received.map((hook) => hook.body)).size).toBe(1);
  });

  it("delivers one action's events in reverse order", async () => {
    const { receiver, sandbox, client } = await setUp();
    await client.post("/v1/sandbox/faults", { webhooks: { order: "reverse" } });
    await payNewOrder(sandbox);
    await sandbox.idle();
    expect(receiver.received.map((hook) => hook.event)).toEqual(["order.paid", "payment.captured", "payment.authorized"]);
    // The late payment.authorized still shows the payment as it was when authorized.
    expect(JSON.parse(receiver.received[2].body).payload.payment.entity.status).toBe("authorized");
  });

  it("delivers every event once when shuffling", async () => {
    const { receiver, sandbox, client } = await setUp();
    await client.post("/v1/sandbox/faults", { "webhooks.order": "shuffle" });
    await payNewOrder(sandbox);
    await sandbox.idle();
    expect(receiver.received.map((hook) => hook.event).sort()).toEqual(["order.paid", "payment.authorized", "payment.captured"]);
  });

  it("drops the named events, or all of them, listing them as dropped", async () => {
    const { receiver, sandbox, client } = await setUp();
    await client.post("/v1/sandbox/faults", { webhooks: { drop: ["order.paid"] } });
    await payNewOrder(sandbox);
    await sandbox.idle();
    expect(receiver.received.map((hook) => hook.event)).toEqual(["payment.authorized", "payment.captured"]);
    expect(sandbox.webhookDeliveries().find((delivery) => delivery.event === "order.paid")?.status).toBe("dropped");

    await client.post("/v1/sandbox/faults", { webhooks: { drop: true } });
    await payNewOrder(sandbox, "failure");
    await sandbox.idle();
    expect(receiver.received).toHaveLength(2);
    expect(sandbox.webhookDeliveries().at(-1)).toMatchObject({ event: "payment.failed", status: "dropped" });
  });

  it("waits before the first delivery without delaying the API answer", async () => {
    const { receiver, sandbox, client } = await setUp();
    await client.post("/v1/sandbox/faults", { webhooks: { delayMs: 150 } });
    const started = Date.now();
    await payNewOrder(sandbox, "failure");
    expect(receiver.received).toHaveLength(0);
    await sandbox.idle();
    expect(receiver.received[0].receivedAt - started).toBeGreaterThanOrEqual(145);
  });

  it("shows, merges, validates and clears the active faults", async () => {
    const { client } = await setUp();
    await client.post("/v1/sandbox/faults", { webhooks: { duplicate: 1 } });
    const merged = await client.post("/v1/sandbox/faults", { "api.failNext": 0, webhooks: { order: "reverse" } });
    expect(merged.body).toEqual({ webhooks: { duplicate: 1, order: "reverse" }, api: { failNext: 0 } });
    expect((await client.get("/v1/sandbox/faults")).body).toEqual(merged.body);

    const invalid = await client.post("/v1/sandbox/faults", { webhooks: { order: "sideways" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toBe("webhooks.order");
    expect((await client.post("/v1/sandbox/faults", { api: { failPaths: "([" } })).status).toBe(400);

    expect((await client.delete("/v1/sandbox/faults")).body).toEqual({});
    expect((await client.get("/v1/sandbox/faults")).body).toEqual({});
  });
});

describe("API faults", () => {
  it("fails the next N API calls with a server error and changes nothing", async () => {
    const { sandbox, client } = await setUp();
    const rzp = sdkFor(sandbox);
    await client.post("/v1/sandbox/faults", { api: { failNext: 2, status: 503 } });
    for (let call = 0; call < 2; call++) {
      const failure = await sdkError(rzp.orders.create({ amount: 1_000, currency: "INR", receipt: "fault-1" }));
      expect(failure.statusCode).toBe(503);
      expect(failure.error).toMatchObject({ code: "SERVER_ERROR" });
    }
    expect((await rzp.orders.all({ receipt: "fault-1" })).count).toBe(0);
    expect((await rzp.orders.create({ amount: 1_000, currency: "INR", receipt: "fault-1" })).receipt).toBe("fault-1");
    expect((await client.get("/v1/sandbox/faults")).body.api.failNext).toBe(0);
  });

  it("limits API faults to paths matching failPaths and never faults the sandbox's own endpoints", async () => {
    const { sandbox, client } = await setUp();
    const rzp = sdkFor(sandbox);
    await client.post("/v1/sandbox/faults", { api: { failNext: 1, failPaths: "^/v1/payments/" } });
    const order = await rzp.orders.create({ amount: 1_000, currency: "INR" });
    const paid = await client.pay(order.id, { outcome: "success" });
    expect(paid.status).toBe(200);
    expect((await sdkError(rzp.payments.fetch(paid.body.razorpay_payment_id))).statusCode).toBe(500);
    expect((await rzp.payments.fetch(paid.body.razorpay_payment_id)).status).toBe("captured");
  });

  it("hangs the next API call, then drops the connection without acting on it", async () => {
    const { sandbox, client } = await setUp();
    await client.post("/v1/sandbox/faults", { api: { timeoutNext: 1, timeoutMs: 150 } });
    const started = Date.now();
    await expect(client.post("/v1/orders", { amount: 1_000, currency: "INR", receipt: "hung-1" })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await client.get("/v1/orders?receipt=hung-1")).body.count).toBe(0);
    // What the shop's gateway sees: the SDK surfaces a dropped connection as a TypeError.
    await client.post("/v1/sandbox/faults", { api: { timeoutNext: 1, timeoutMs: 10 } });
    await expect(sdkFor(sandbox).orders.fetch("order_Whatever000000")).rejects.toBeInstanceOf(TypeError);
  });
});
