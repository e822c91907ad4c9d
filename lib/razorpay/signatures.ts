import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Razorpay's two signatures. The SDK has helpers for both, but they compare with `===` (not
 * constant-time) and hash `body.toString()`, which silently breaks on a parsed body; these take
 * the exact bytes and compare in constant time.
 */
function hmacHex(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

/** A SHA-256 HMAC in hex: exactly 64 characters. Buffer.from(hex) silently drops a trailing odd digit, so the shape is checked first. */
const SHA256_HEX = /^[0-9a-f]{64}$/i;

function sameHex(expectedHex: string, givenHex: string): boolean {
  if (!SHA256_HEX.test(givenHex)) return false;
  const expected = Buffer.from(expectedHex, "hex");
  const given = Buffer.from(givenHex, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The checkout callback's signature: HMAC of `order_id|payment_id` with the API key secret. */
export function paymentSignature(razorpayOrderId: string, razorpayPaymentId: string, keySecret: string): string {
  return hmacHex(keySecret, `${razorpayOrderId}|${razorpayPaymentId}`);
}

export function isValidPaymentSignature(input: { razorpayOrderId: string; razorpayPaymentId: string; signature: string }, keySecret: string): boolean {
  return sameHex(paymentSignature(input.razorpayOrderId, input.razorpayPaymentId, keySecret), input.signature);
}

/** X-Razorpay-Signature: HMAC of the raw request body with the webhook secret (not the API secret). */
export function webhookSignature(rawBody: string, webhookSecret: string): string {
  return hmacHex(webhookSecret, rawBody);
}

export function isValidWebhookSignature(rawBody: string, signature: string, webhookSecret: string): boolean {
  return sameHex(webhookSignature(rawBody, webhookSecret), signature);
}
