import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminOrderDetail } from "@/lib/admin/order-detail";
import { db } from "@/lib/db";
import { encrypt, encryptionKeys, keyFrom } from "@/lib/security/encryption";
import { encryptStoredWebhooks } from "@/lib/webhooks/encrypt-stored";
import { processWebhookEvent } from "@/lib/webhooks/inbox";
import { createProduct, customer, deliverWebhook, envelope, eventually, pay, placeOrder, sandboxCall, setFaults, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
let firstKey: string;
beforeAll(async () => {
  shop = await startShop();
  firstKey = process.env.ENCRYPTION_KEY!; // set by startShop
  await setFaults(shop, { webhooks: { drop: true } });
});
afterEach(() => {
  process.env.ENCRYPTION_KEY = firstKey;
  delete process.env.ENCRYPTION_PREVIOUS_KEYS;
});
afterAll(() => shop?.close());

async function capturedPayment() {
  const product = await createProduct({ price: 100_000, stock: 5 });
  const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
  const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
  const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body as Record<string, unknown>;
  return { order, payment };
}

const stored = (id: string) => db().webhookEvent.findUniqueOrThrow({ where: { id } });

describe("stored webhook payloads", () => {
  it("are encrypted at rest with the current key, with the Razorpay ids beside them, and still processed", async () => {
    const { order, payment: captured } = await capturedPayment();
    const payment = { ...captured, email: customer.email, contact: "+919876543210" };
    const reply = await deliverWebhook(shop, envelope("payment.captured", { payment }), { eventId: "evt_EncryptedAtRest" });
    expect(reply.status).toBe(200);
    const row = await stored("evt_EncryptedAtRest");
    expect(row.rawBody).toMatch(new RegExp(`^v1:${encryptionKeys().current.id}:[\\w-]{16}:[\\w-]{22}:[\\w-]+$`));
    expect(row.rawBody).not.toContain(customer.email);
    expect(row.rawBody).not.toContain(String(payment.contact));
    expect(row).toMatchObject({ keyId: encryptionKeys().current.id, razorpayOrderId: order.razorpayOrderId, razorpayPaymentId: String(captured.id) });
    await eventually(async () => (await stored("evt_EncryptedAtRest")).status === "processed");
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    // The admin sees it, decrypted and masked.
    const detail = await adminOrderDetail(order.orderId);
    const shown = detail.webhooks.find((webhook) => webhook.id === "evt_EncryptedAtRest");
    expect(shown?.maskedPayload).toContain(order.razorpayOrderId);
    expect(shown?.maskedPayload).not.toContain(customer.email);
  });

  it("refuses to process a body moved onto another row: the ciphertext is bound to its event id", async () => {
    const { payment } = await capturedPayment();
    await deliverWebhook(shop, envelope("payment.failed", { payment: { ...payment, status: "failed" } }), { eventId: "evt_SwapSourceRow1" });
    const source = await stored("evt_SwapSourceRow1");
    await db().webhookEvent.create({ data: { id: "evt_SwapTargetRow1", event: "payment.failed", rawBody: source.rawBody, keyId: source.keyId } });
    await processWebhookEvent("evt_SwapTargetRow1");
    const target = await stored("evt_SwapTargetRow1");
    expect(target.status).toBe("pending");
    expect(target.lastError).toMatch(/does not decrypt: it was altered, or belongs to another row/);
    await db().webhookEvent.delete({ where: { id: "evt_SwapTargetRow1" } });
  });

  it("keeps rows under a rotated-out key readable, and the sweep moves them and old plaintext rows to the current key", async () => {
    const { order, payment } = await capturedPayment();
    const body = JSON.stringify(envelope("payment.captured", { payment }));
    const oldKey = keyFrom(firstKey);
    const legacy = JSON.stringify(envelope("payment.captured", { payment: { ...payment, id: "pay_LegacyPlain001" } }));
    await db().webhookEvent.create({ data: { id: "evt_UnderOldKey001", event: "payment.captured", rawBody: encrypt(body, "evt_UnderOldKey001", oldKey), keyId: oldKey.id, razorpayOrderId: order.razorpayOrderId, status: "processed" } });
    await db().webhookEvent.create({ data: { id: "evt_LegacyPlain001", event: "payment.captured", rawBody: legacy, status: "processed" } });

    // Rotate: a new current key, the old one kept to read what it made.
    process.env.ENCRYPTION_KEY = randomBytes(32).toString("hex");
    process.env.ENCRYPTION_PREVIOUS_KEYS = firstKey;
    const newKey = encryptionKeys().current;
    expect(newKey.id).not.toBe(oldKey.id);
    const before = await adminOrderDetail(order.orderId);
    expect(before.webhooks.find((webhook) => webhook.id === "evt_UnderOldKey001")?.maskedPayload).toContain(String(payment.id));

    const sweep = await encryptStoredWebhooks(2);
    expect(sweep.encrypted).toBeGreaterThanOrEqual(1);
    expect(sweep.reencrypted).toBeGreaterThanOrEqual(1);
    expect(await db().webhookEvent.count({ where: { OR: [{ keyId: null }, { keyId: { not: newKey.id } }] } })).toBe(0);
    expect(await stored("evt_LegacyPlain001")).toMatchObject({ keyId: newKey.id, razorpayOrderId: order.razorpayOrderId, razorpayPaymentId: "pay_LegacyPlain001" });
    expect((await stored("evt_LegacyPlain001")).rawBody).not.toContain("pay_LegacyPlain001");
    expect(await encryptStoredWebhooks()).toEqual({ encrypted: 0, reencrypted: 0, skipped: 0, unreadable: 0 });

    // With the old key gone, everything still reads.
    delete process.env.ENCRYPTION_PREVIOUS_KEYS;
    const after = await adminOrderDetail(order.orderId);
    expect(after.webhooks.find((webhook) => webhook.id === "evt_UnderOldKey001")?.maskedPayload).toContain(String(payment.id));
  });

  it("names the missing key when a row's key is not configured", async () => {
    const { payment } = await capturedPayment();
    await deliverWebhook(shop, envelope("payment.failed", { payment: { ...payment, status: "failed" } }), { eventId: "evt_KeyGoneLater01" });
    await eventually(async () => (await stored("evt_KeyGoneLater01")).status === "processed");
    const keyId = (await stored("evt_KeyGoneLater01")).keyId;
    await db().webhookEvent.update({ where: { id: "evt_KeyGoneLater01" }, data: { status: "pending", nextAttemptAt: new Date(0) } });
    process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
    await processWebhookEvent("evt_KeyGoneLater01");
    expect((await stored("evt_KeyGoneLater01")).lastError).toBe(`no configured key has id ${keyId}: add the key that made it to ENCRYPTION_PREVIOUS_KEYS`);
    // The admin's order page still renders, saying why the payload is not shown.
    const { razorpayOrderId } = await stored("evt_KeyGoneLater01");
    const order = await db().order.findUniqueOrThrow({ where: { razorpayOrderId: razorpayOrderId! } });
    const shown = (await adminOrderDetail(order.id)).webhooks.find((webhook) => webhook.id === "evt_KeyGoneLater01");
    expect(shown?.maskedPayload).toBe(`(not shown: no configured key has id ${keyId}: add the key that made it to ENCRYPTION_PREVIOUS_KEYS)`);
  });
});
