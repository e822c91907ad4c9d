import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db, transaction } from "@/lib/db";
import { listEmails, maskAddress, maskOrderTokens, resendEmail } from "@/lib/email/admin";
import { enqueueEmail } from "@/lib/email/outbox";
import { recentDevMail, sendMail } from "@/lib/email/send";
import { deliverDueEmails, MAX_EMAIL_ATTEMPTS } from "@/lib/email/deliver";
import type { EmailKind } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { ConfigError, parseMailConfig } from "@/lib/config";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { refundOrder } from "@/lib/refunds/admin";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { call, queueSettled, createProduct, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

const SHOP_URL = "https://chai-chaat.example.in";

let shop: TestShop;
let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
  shop = await startShop({ env: { SMTP_URL: catcher.url, MAIL_FROM: '"Chai & Chaat Co." <orders@chai-chaat.example.in>', SHOP_URL } });
});
afterAll(async () => {
  await shop?.close();
  await catcher?.stop();
});
beforeEach(async () => {
  vi.restoreAllMocks();
  process.env.SMTP_URL = catcher.url;
  await catcher.start();
  await setFaults(shop, { webhooks: { drop: true } });
});

const secondsFrom = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);
const verify = (paid: { razorpay_order_id: string; razorpay_payment_id: string; razorpay_signature?: string }) =>
  postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
const emailsOf = (orderId: string, kind?: EmailKind) => db().emailOutbox.findMany({ where: { orderId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
const received = (messageId: string) => catcher.messages.filter((message) => message.messageId === messageId);

/** An order of two units at ₹500 each (₹1,000, free shipping), not yet paid. */
async function newOrder() {
  const product = await createProduct({ price: 50_000, stock: 5, name: "Masala Chai Tin" });
  return placeOrder(shop, [{ productId: product.id, quantity: 2 }]);
}

async function paidOrder() {
  const order = await newOrder();
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  expect((await verify(paid)).body).toEqual({ status: "paid" });
  const [confirmation] = await emailsOf(order.orderId, "order_confirmation");
  return { order, paid, confirmation };
}

describe("the order confirmation", () => {
  it("is sent exactly once when the payment is reported five times at once: two callbacks, both webhooks and reconciliation", async () => {
    const order = await newOrder();
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;
    const gatewayOrder = (await sandboxCall(shop, "GET", `/v1/orders/${order.razorpayOrderId}`)).body;
    const captured = `evt_${randomUUID().slice(0, 14)}`;
    const orderPaid = `evt_${randomUUID().slice(0, 14)}`;

    await Promise.all([
      verify(paid),
      verify(paid),
      deliverWebhook(shop, envelope("payment.captured", { payment }), { eventId: captured }),
      deliverWebhook(shop, envelope("order.paid", { payment, order: gatewayOrder }), { eventId: orderPaid }),
      reconcile({ graceMinutes: 0 }),
    ]);
    await eventually(async () => (await db().webhookEvent.count({ where: { id: { in: [captured, orderPaid] }, status: "processed" } })) === 2);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");

    const emails = await emailsOf(order.orderId);
    expect(emails).toMatchObject([{ kind: "order_confirmation", status: "pending", toAddress: "asha@example.com", refundId: null }]);
    expect((await deliverDueEmails()).sent).toBeGreaterThanOrEqual(1);
    await deliverDueEmails();
    const messages = received(emails[0].messageId);
    expect(messages).toHaveLength(1);
    expect(messages[0].to).toEqual(["asha@example.com"]);
    expect(messages[0].from).toBe("orders@chai-chaat.example.in");
    expect(messages[0].subject).toBe(`Your order #${order.orderNumber} is confirmed`);
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: emails[0].id } })).toMatchObject({ status: "sent", attempts: 1, transport: "smtp", lastError: null });
  });

  it("names the order, its items and total, and links to the order page with the shop's address", async () => {
    const { order, confirmation } = await paidOrder();
    expect(confirmation.messageId).toBe(`<${confirmation.id}@chai-chaat.example.in>`);
    const link = `${SHOP_URL}${order.orderUrl}`;
    expect(confirmation.textBody).toContain(`Hello Asha,`);
    expect(confirmation.textBody).toContain(`We have received your payment of ₹1,000.00 and your order #${order.orderNumber} is confirmed.`);
    expect(confirmation.textBody).toContain("2 × Masala Chai Tin: ₹1,000.00");
    expect(confirmation.textBody).toContain("Shipping: free");
    expect(confirmation.textBody).toContain(`You can see your order and its status at any time here: ${link}`);
    expect(confirmation.htmlBody).toContain(`<a href="${link.replace(/&/g, "&amp;")}">`);
    expect(confirmation.htmlBody).toContain("Chai &amp; Chaat Co.");
    // The link works: it opens this order's status for whoever holds the email.
    const status = await call(shop, order.statusUrl);
    expect(link).toContain(order.orderUrl);
    expect(status.body.status).toBe("paid");
  });

  it("is one row per (order, kind, refund): enqueuing the same email again inserts nothing", async () => {
    const { order, confirmation } = await paidOrder();
    expect(await transaction((tx) => enqueueEmail(tx, { kind: "order_confirmation", orderId: order.orderId }))).toBe(false);
    const { refund } = await refundOrder({ orderId: order.orderId, amount: 10_000, note: "Goodwill", restock: false, idempotencyKey: randomUUID(), admin: { email: "owner@example.com" } });
    expect(await transaction((tx) => enqueueEmail(tx, { kind: "refund_notice", orderId: order.orderId, refundId: refund.id }))).toBe(false);
    expect((await emailsOf(order.orderId)).map((email) => [email.kind, email.refundId])).toEqual([
      ["order_confirmation", null],
      ["refund_notice", refund.id],
    ]);
    expect((await emailsOf(order.orderId))[0].id).toBe(confirmation.id);
  });

  it("is not written when the transaction of its fact rolls back", async () => {
    const order = await newOrder();
    const failing = transaction(async (tx) => {
      await enqueueEmail(tx, { kind: "order_confirmation", orderId: order.orderId });
      throw new Error("the fact could not be recorded");
    });
    await expect(failing).rejects.toThrow("the fact could not be recorded");
    expect(await emailsOf(order.orderId)).toHaveLength(0);
  });

  it("waits with growing backoff while the mail server is down, then is delivered once with its Message-ID", async () => {
    const { confirmation } = await paidOrder();
    await catcher.stop();
    const now = new Date();

    const only = { ids: [confirmation.id] };
    expect(await deliverDueEmails(now, only)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const first = await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } });
    expect(first).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(first.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(first.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(secondsFrom(now, 22.5).getTime());
    expect(first.nextAttemptAt.getTime()).toBeLessThanOrEqual(secondsFrom(now, 37.5).getTime());

    // Not due again before its backoff.
    await deliverDueEmails(secondsFrom(now, 20), only);
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).attempts).toBe(1);

    const later = secondsFrom(now, 40);
    await deliverDueEmails(later, only);
    const second = await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } });
    expect(second).toMatchObject({ status: "pending", attempts: 2 });
    expect(second.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(secondsFrom(later, 45).getTime());
    expect(second.nextAttemptAt.getTime()).toBeLessThanOrEqual(secondsFrom(later, 75).getTime());

    await catcher.start();
    await deliverDueEmails(secondsFrom(later, 80), only);
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({ status: "sent", attempts: 3, lastError: null, transport: "smtp" });
    expect(received(confirmation.messageId)).toHaveLength(1);
    await deliverDueEmails(secondsFrom(later, 3600), only);
    expect(received(confirmation.messageId)).toHaveLength(1);
  });

  it("stops a run at the first email when the mail server cannot be reached, leaving the others due with their attempts unspent", async () => {
    const first = (await paidOrder()).confirmation;
    const second = (await paidOrder()).confirmation;
    await catcher.stop();
    const now = new Date();
    expect(await deliverDueEmails(now, { ids: [first.id, second.id] })).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const rows = await db().emailOutbox.findMany({ where: { id: { in: [first.id, second.id] } } });
    expect(rows.map((row) => row.attempts).sort()).toEqual([0, 1]);
    expect(rows.find((row) => row.attempts === 0)?.nextAttemptAt.getTime()).toBeLessThanOrEqual(now.getTime());

    await catcher.start();
    expect(await deliverDueEmails(secondsFrom(now, 60), { ids: [first.id, second.id] })).toEqual({ sent: 2, retrying: 0, failed: 0 });
  });

  it("is sent again with the same Message-ID when the mail server's reply to the first attempt was lost", async () => {
    const { confirmation } = await paidOrder();
    catcher.dropRepliesFor(1);
    const now = new Date();
    await deliverDueEmails(now, { ids: [confirmation.id] });
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({ status: "pending", attempts: 1 });
    expect(received(confirmation.messageId)).toHaveLength(1); // it did arrive; we could not know

    await deliverDueEmails(secondsFrom(now, 60), { ids: [confirmation.id] });
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({ status: "sent", attempts: 2 });
    const copies = received(confirmation.messageId);
    expect(copies).toHaveLength(2);
    expect(copies.map((copy) => copy.messageId)).toEqual([confirmation.messageId, confirmation.messageId]);
  });

  it("is never sent by two delivery runs at once", async () => {
    const { confirmation } = await paidOrder();
    const runs = await Promise.all(Array.from({ length: 5 }, () => deliverDueEmails(new Date(), { ids: [confirmation.id] })));
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1);
    expect(received(confirmation.messageId)).toHaveLength(1);
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).attempts).toBe(1);
  });

  it("is taken over by another run once the claim of a process that died has lapsed", async () => {
    const { confirmation } = await paidOrder();
    // A process claimed it and died before sending.
    await db().emailOutbox.update({ where: { id: confirmation.id }, data: { claimedUntil: secondsFrom(new Date(), 120), claimToken: randomUUID(), attempts: 1 } });
    expect((await deliverDueEmails(new Date(), { ids: [confirmation.id] })).sent).toBe(0);
    expect((await deliverDueEmails(secondsFrom(new Date(), 121), { ids: [confirmation.id] })).sent).toBe(1);
    expect(received(confirmation.messageId)).toHaveLength(1);
  });
});

describe("the schedule", () => {
  it("delivers due emails from the scheduler route too, for shops that run no background jobs", async () => {
    const { confirmation } = await paidOrder();
    const reply = await call(shop, "/api/cron/reconcile", { method: "POST", headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
    expect(reply.status).toBe(200);
    expect(reply.body.emails.sent).toBeGreaterThanOrEqual(1);
    expect(received(confirmation.messageId)).toHaveLength(1);
  });
});

describe("giving up", () => {
  it(`marks the email failed and raises an alert after ${MAX_EMAIL_ATTEMPTS} attempts, and tries no more`, async () => {
    const alerts = vi.spyOn(log, "error");
    const { confirmation } = await paidOrder();
    await catcher.stop();
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      await deliverDueEmails(now, { ids: [confirmation.id] });
      now = secondsFrom(now, 2 * 3600);
    }
    const failed = await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS, sentAt: null });
    expect(failed.lastError).toMatch(new RegExp(`^gave up after ${MAX_EMAIL_ATTEMPTS} attempts`));
    expect(alerts.mock.calls.filter(([event, fields]) => event === "email_failed" && fields?.emailId === confirmation.id)).toHaveLength(1);

    await catcher.start();
    await deliverDueEmails(secondsFrom(now, 86_400), { ids: [confirmation.id] });
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({ status: "failed", attempts: MAX_EMAIL_ATTEMPTS });
    expect(received(confirmation.messageId)).toHaveLength(0);
  });

  it("fails at once, without retrying, when the mail server refuses the message for good (5xx)", async () => {
    const alerts = vi.spyOn(log, "error");
    const { confirmation } = await paidOrder();
    catcher.refuseNext(1, 550, "No such mailbox here");
    await deliverDueEmails(new Date(), { ids: [confirmation.id] });
    const failed = await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toMatch(/^the mail server refused it: .*No such mailbox here/);
    expect(alerts.mock.calls.filter(([event]) => event === "email_failed")).toHaveLength(1);
  });
});

describe("refund emails", () => {
  it("tell the shopper about each refund of the order once it is processed, once each", async () => {
    const { order } = await paidOrder();
    await refundOrder({ orderId: order.orderId, amount: 30_000, note: "One tin arrived dented", restock: false, idempotencyKey: randomUUID(), admin: { email: "owner@example.com" } });
    // Razorpay's refund.processed webhook for the same refund arrives too, twice.
    const [refund] = await db().refund.findMany({ where: { orderId: order.orderId } });
    const gatewayRefund = (await sandboxCall(shop, "GET", `/v1/refunds/${refund.razorpayRefundId}`)).body;
    const gatewayPayment = (await sandboxCall(shop, "GET", `/v1/payments/${refund.paymentId}`)).body;
    for (const eventId of ["evt_RefundAgain0001", "evt_RefundAgain0002"]) await deliverWebhook(shop, envelope("refund.processed", { refund: gatewayRefund, payment: gatewayPayment }), { eventId });
    await eventually(async () => (await db().webhookEvent.count({ where: { id: { in: ["evt_RefundAgain0001", "evt_RefundAgain0002"] }, status: "processed" } })) === 2);

    const [partial] = await emailsOf(order.orderId, "refund_notice");
    expect(await emailsOf(order.orderId, "refund_notice")).toHaveLength(1);
    expect(partial).toMatchObject({ refundId: refund.id, subject: `Refund of ₹300.00 for order #${order.orderNumber}` });
    expect(partial.textBody).toContain(`We have refunded ₹300.00 for your order #${order.orderNumber}. This is a partial refund; the rest of your order stands.`);
    expect(partial.textBody).toContain("Refunds usually reach your account within 5 to 7 working days, depending on your bank.");
    expect(partial.textBody).toContain(`Refund reference: ${refund.razorpayRefundId}`);

    await refundOrder({ orderId: order.orderId, amount: 70_000, note: "Customer cancelled the rest", restock: true, idempotencyKey: randomUUID(), admin: { email: "owner@example.com" } });
    const notices = await emailsOf(order.orderId, "refund_notice");
    expect(notices).toHaveLength(2);
    expect(notices[1].textBody).toContain(`We have refunded ₹700.00 for your order #${order.orderNumber}. Your order has now been refunded in full.`);

    await deliverDueEmails(new Date(), { ids: notices.map((notice) => notice.id) });
    expect(received(notices[0].messageId)).toHaveLength(1);
    expect(received(notices[1].messageId)).toHaveLength(1);
  });

  it("tell the shopper a second payment is being refunded, then that it was refunded, while the order's confirmation stays one", async () => {
    const { order } = await paidOrder();
    const second = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true });
    await verify(second);
    await reconcile({ graceMinutes: 0 });
    await queueSettled(); // the refund is a job queued with the decision
    const refund = await db().refund.findFirstOrThrow({ where: { paymentId: second.razorpay_payment_id } });
    expect(refund).toMatchObject({ reason: "duplicate_payment", status: "processed" });

    const emails = await emailsOf(order.orderId);
    expect(emails.map((email) => email.kind)).toEqual(["order_confirmation", "payment_refunding", "refund_notice"]);
    const [, refunding, notice] = emails;
    expect(refunding.refundId).toBe(refund.id);
    expect(refunding.subject).toBe(`We are refunding your payment of ₹1,000.00 for order #${order.orderNumber}`);
    expect(refunding.textBody).toContain(`We received a second payment of ₹1,000.00 for order #${order.orderNumber}, which was already paid. You will not be charged twice: we are refunding this payment in full.`);
    expect(refunding.textBody).toContain(`Payment reference: ${second.razorpay_payment_id}.`);
    expect(notice.refundId).toBe(refund.id);
    expect(notice.textBody).toContain("This is the refund of the payment we wrote to you about earlier.");
  });

  it("tell the shopper a payment made after the order expired, its stock sold meanwhile, is being refunded, and send no confirmation", async () => {
    const product = await createProduct({ price: 100_000, stock: 1, name: "Kashmiri Kahwa" });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await reconcile({ now: new Date(Date.now() + 31 * 60_000), graceMinutes: 0 });
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("expired");
    const other = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]); // someone else buys the last unit
    await verify(await pay(shop, other.razorpayOrderId, { outcome: "success" }));

    const late = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    await verify(late);
    await verify(late);
    await queueSettled(); // the refund is sent by a job queued with the decision; its notice follows
    expect(await db().refund.findMany({ where: { orderId: order.orderId } })).toMatchObject([{ reason: "order_expired", paymentId: late.razorpay_payment_id }]);
    const emails = await emailsOf(order.orderId);
    expect(emails.map((email) => email.kind)).toEqual(["payment_refunding", "refund_notice"]);
    expect(emails[0].textBody).toContain(`Your payment of ₹1,000.00 for order #${order.orderNumber} reached us after the order had expired, and some of its items have sold out since. We are sorry: we are refunding your payment in full.`);
    expect(await emailsOf(other.orderId, "order_confirmation")).toHaveLength(1);
  });

  it("tell the shopper a payment that does not match the order is being refunded, and that the order can still be paid", async () => {
    const order = await newOrder();
    const wrong = await pay(shop, order.razorpayOrderId, { outcome: "success", amount: 20_000 });
    expect((await verify(wrong)).status).toBe(400);
    await verify(wrong);
    const [refunding, ...others] = await emailsOf(order.orderId, "payment_refunding");
    expect(others).toHaveLength(0);
    expect(refunding.textBody).toContain(`We received a payment of ₹200.00 for order #${order.orderNumber}, but it does not match the order's total of ₹1,000.00, so we cannot accept it. We are refunding it in full.`);
    expect(refunding.textBody).toContain("Your order is still waiting for its payment: you can pay for it from the link below.");
    expect(await emailsOf(order.orderId, "order_confirmation")).toHaveLength(0);
  });
});

describe("the development mail viewer", () => {
  it("without an SMTP server, marks emails sent through the dev transport and lists them in full", async () => {
    delete process.env.SMTP_URL;
    const { order, confirmation } = await paidOrder();
    const before = catcher.messages.length;
    await deliverDueEmails(new Date(), { ids: [confirmation.id] });
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({ status: "sent", transport: "dev" });
    expect(catcher.messages.length).toBe(before);
    const listed = await listEmails({ status: "sent" });
    expect(listed.emails.find((email) => email.id === confirmation.id)?.textBody).toContain(`${SHOP_URL}${order.orderUrl}`);
    expect(recentDevMail().some((mail) => mail.messageId === confirmation.messageId)).toBe(false); // shown from its row
  });

  it("keeps messages sent outside the outbox (sign-in links) for the viewer, newest first", async () => {
    delete process.env.SMTP_URL;
    const before = catcher.messages.length;
    expect(await sendMail({ to: "asha@example.com", subject: "Sign in", text: "https://chai-chaat.example.in/api/auth/callback/email?token=one" })).toMatchObject({ transport: "dev" });
    await sendMail({ to: "ravi@example.com", subject: "Sign in", text: "https://chai-chaat.example.in/api/auth/callback/email?token=two" });
    expect(recentDevMail().slice(0, 2).map((mail) => [mail.to, mail.text.slice(-3)])).toEqual([
      ["ravi@example.com", "two"],
      ["asha@example.com", "one"],
    ]);
    expect(catcher.messages.length).toBe(before);
  });
});

describe("the outbox in the admin", () => {
  it("lists emails filtered by status, with the count of each status", async () => {
    const { confirmation } = await paidOrder();
    const pending = await listEmails({ status: "pending" });
    expect(pending.emails.every((email) => email.status === "pending")).toBe(true);
    expect(pending.emails.map((email) => email.id)).toContain(confirmation.id);
    const sent = await listEmails({ status: "sent" });
    expect(sent.emails.map((email) => email.id)).not.toContain(confirmation.id);
    const all = await listEmails({});
    expect(all.total).toBe(all.counts.pending + all.counts.sent + all.counts.failed);
    expect(all.total).toBe(await db().emailOutbox.count());
    expect(pending.counts.pending).toBe(await db().emailOutbox.count({ where: { status: "pending" } }));
  });

  it("masks the address in lists and, outside development, the order link's token", () => {
    expect(maskAddress("asha@example.com")).toBe("as***@example.com");
    expect(maskAddress("a@example.com")).toBe("a***@example.com");
    expect(maskOrderTokens("here: https://shop.example.in/orders/42?token=s3cr3t-Token_x.\nThanks")).toBe("here: https://shop.example.in/orders/42?token=….\nThanks");
  });
});

describe("an admin's resend", () => {
  it("sends the email again as a new message, with a new Message-ID, audited with the admin's identity", async () => {
    const { order, confirmation } = await paidOrder();
    await deliverDueEmails(new Date(), { ids: [confirmation.id] });
    const { email, delivered } = await resendEmail(confirmation.id, { email: "owner@example.com" });
    expect(delivered).toBe(true);
    expect(email).toMatchObject({ status: "sent", resends: 1, attempts: 1, messageId: `<${confirmation.id}.r1@chai-chaat.example.in>` });
    expect(received(confirmation.messageId)).toHaveLength(1);
    expect(received(email.messageId)).toHaveLength(1);
    const trail = await db().orderEvent.findMany({ where: { orderId: order.orderId, action: "email.resend_requested" } });
    expect(trail).toMatchObject([{ actor: "admin", actorRef: "owner@example.com", fromState: "sent", toState: "pending" }]);
  });

  it("makes one new message when two admins resend a failed email at once", async () => {
    const { order, confirmation } = await paidOrder();
    catcher.refuseNext(1, 550, "No such mailbox here");
    await deliverDueEmails(new Date(), { ids: [confirmation.id] });
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).status).toBe("failed");

    await catcher.stop();
    await Promise.all([resendEmail(confirmation.id, { email: "owner@example.com" }), resendEmail(confirmation.id, { email: "partner@example.com" })]);
    const requeued = await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } });
    expect(requeued).toMatchObject({ status: "pending", resends: 1, messageId: `<${confirmation.id}.r1@chai-chaat.example.in>` });
    const trail = await db().orderEvent.findMany({ where: { orderId: order.orderId, action: "email.resend_requested" } });
    expect(trail.map((event) => event.fromState).sort()).toEqual(["failed", "pending"]);

    await catcher.start();
    await deliverDueEmails(secondsFrom(new Date(), 3600), { ids: [confirmation.id] });
    expect(received(requeued.messageId)).toHaveLength(1);
    expect(catcher.messages.filter((message) => message.messageId?.startsWith(`<${confirmation.id}`))).toHaveLength(1);
  });

  it("refuses an anonymous request with a JSON 401 and changes nothing", async () => {
    const { confirmation } = await paidOrder();
    const reply = await call(shop, `/api/admin/emails/${confirmation.id}/resend`, { method: "POST" });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("unauthorized");
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({ status: "pending", resends: 0, attempts: 0 });
  });

  it("answers 404 for an email that does not exist", async () => {
    await expect(resendEmail(randomUUID(), { email: "owner@example.com" })).rejects.toMatchObject({ code: "not_found" });
    await expect(resendEmail("not-a-uuid", { email: "owner@example.com" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the email configuration", () => {
  it("needs nothing in development: no SMTP server, links to localhost", () => {
    expect(parseMailConfig({})).toEqual({ smtpUrl: undefined, from: '"Chai & Chaat Co." <orders@localhost>', messageIdDomain: "localhost", shopUrl: "http://localhost:3000" });
  });

  it("takes the Message-ID domain from MAIL_FROM and links from SHOP_URL, else NEXTAUTH_URL", () => {
    const mail = parseMailConfig({ SMTP_URL: "smtp://user:pass@mail.example.com:587", MAIL_FROM: "Chai & Chaat Co. <orders@chai.example.in>", SHOP_URL: "https://chai.example.in/" });
    expect(mail).toMatchObject({ messageIdDomain: "chai.example.in", shopUrl: "https://chai.example.in" });
    expect(parseMailConfig({ SMTP_URL: "smtps://mail.example.com", MAIL_FROM: "orders@chai.example.in", NEXTAUTH_URL: "https://auth.example.in" }).shopUrl).toBe("https://auth.example.in");
  });

  it("refuses an SMTP server without a sender or a public address, naming the variables to set", () => {
    expect(() => parseMailConfig({ SMTP_URL: "smtp://mail.example.com:587" })).toThrow(ConfigError);
    expect(() => parseMailConfig({ SMTP_URL: "smtp://mail.example.com:587" })).toThrow(/MAIL_FROM is not set[\s\S]*SHOP_URL is not set/);
    expect(() => parseMailConfig({ SMTP_URL: "http://mail.example.com" })).toThrow(/SMTP_URL must look like smtp:\/\//);
    expect(() => parseMailConfig({ MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM must be an address/);
  });
});
