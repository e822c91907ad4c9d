import { describe, expect, it } from "vitest";
import { isValidPaymentSignature, isValidWebhookSignature, paymentSignature, webhookSignature } from "@/lib/razorpay/signatures";

// Razorpay's published test vector (see shared/notes/razorpay.md).
const vector = {
  razorpayOrderId: "order_IEIaMR65cu6nz3",
  razorpayPaymentId: "pay_IH4NVgf4Dreq1l",
  secret: "EnLs21M47BllR3X8PSFtjtbd",
  signature: "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f",
};

describe("payment signature", () => {
  it("matches Razorpay's published test vector", () => {
    expect(paymentSignature(vector.razorpayOrderId, vector.razorpayPaymentId, vector.secret)).toBe(vector.signature);
    expect(isValidPaymentSignature(vector, vector.secret)).toBe(true);
  });

  it("rejects another order, another payment, another secret, and malformed signatures", () => {
    expect(isValidPaymentSignature({ ...vector, razorpayOrderId: "order_IEIaMR65cu6nz4" }, vector.secret)).toBe(false);
    expect(isValidPaymentSignature({ ...vector, razorpayPaymentId: "pay_IH4NVgf4Dreq1m" }, vector.secret)).toBe(false);
    expect(isValidPaymentSignature(vector, "another-secret")).toBe(false);
    expect(isValidPaymentSignature({ ...vector, signature: vector.signature.slice(0, 62) }, vector.secret)).toBe(false);
    expect(isValidPaymentSignature({ ...vector, signature: "zz" + vector.signature.slice(2) }, vector.secret)).toBe(false);
    expect(isValidPaymentSignature({ ...vector, signature: "" }, vector.secret)).toBe(false);
  });
});

describe("webhook signature", () => {
  const body = '{"entity":"event","event":"payment.captured"}';

  it("is the HMAC-SHA256 of the exact raw body with the webhook secret", () => {
    const signature = webhookSignature(body, "whsec");
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(isValidWebhookSignature(body, signature, "whsec")).toBe(true);
  });

  it("fails when one byte of the body changes, even if the JSON means the same", () => {
    const signature = webhookSignature(body, "whsec");
    expect(isValidWebhookSignature(body.replace(":", ": "), signature, "whsec")).toBe(false);
    expect(isValidWebhookSignature(body, signature, "other")).toBe(false);
  });
});

describe("signature shape", () => {
  const body = '{"entity":"event","event":"payment.captured"}';
  const webhook = webhookSignature(body, "whsec");

  // Buffer.from(hex) drops a trailing odd digit: "<64 hex>0" used to compare equal to "<64 hex>".
  it("accepts exactly 64 hex characters for both kinds, refusing a valid signature with one extra digit", () => {
    expect(isValidWebhookSignature(body, `${webhook}0`, "whsec")).toBe(false);
    expect(isValidWebhookSignature(body, `${webhook}f`, "whsec")).toBe(false);
    expect(isValidPaymentSignature({ ...vector, signature: `${vector.signature}a` }, vector.secret)).toBe(false);
    expect(isValidPaymentSignature({ ...vector, signature: `${vector.signature}00` }, vector.secret)).toBe(false);
  });

  it("refuses a 63-character prefix and whitespace around a valid signature", () => {
    expect(isValidWebhookSignature(body, webhook.slice(0, 63), "whsec")).toBe(false);
    expect(isValidWebhookSignature(body, ` ${webhook}`, "whsec")).toBe(false);
    expect(isValidPaymentSignature({ ...vector, signature: `${vector.signature}\n` }, vector.secret)).toBe(false);
  });

  it("still accepts the same signature in upper case (hex is case-insensitive)", () => {
    expect(isValidWebhookSignature(body, webhook.toUpperCase(), "whsec")).toBe(true);
    expect(isValidPaymentSignature({ ...vector, signature: vector.signature.toUpperCase() }, vector.secret)).toBe(true);
  });
});
