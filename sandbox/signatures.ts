// The two HMACs Razorpay defines; the shop verifies both, so they must match byte for byte.
import { createHmac } from "node:crypto";

/** Checkout's `razorpay_signature`: HMAC-SHA256 of `order_id|payment_id` keyed with the API key secret. */
export function paymentSignature(orderId: string, paymentId: string, keySecret: string): string {
  return createHmac("sha256", keySecret).update(`${orderId}|${paymentId}`).digest("hex");
}

/** `X-Razorpay-Signature`: HMAC-SHA256 of the exact body bytes keyed with the webhook secret. */
export function webhookSignature(body: string, webhookSecret: string): string {
  return createHmac("sha256", webhookSecret).update(body).digest("hex");
}
