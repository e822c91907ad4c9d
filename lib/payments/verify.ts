import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { fetchGatewayPayment, GatewayError } from "@/lib/razorpay/client";
import { isValidPaymentSignature } from "@/lib/razorpay/signatures";
import { applyPaymentFact } from "./apply";

export const checkoutCallback = z.object({
  razorpay_order_id: z.string().regex(/^order_[A-Za-z0-9]{6,40}$/, "Expected a Razorpay order id (order_...)"),
  razorpay_payment_id: z.string().regex(/^pay_[A-Za-z0-9]{6,40}$/, "Expected a Razorpay payment id (pay_...)"),
  razorpay_signature: z.string().regex(/^[0-9a-f]{64}$/i, "Expected a hex HMAC-SHA256 signature"),
});

/**
 * The browser's word that a payment succeeded. Trust nothing it says: the signature is checked
 * against the Razorpay order id we stored (so another order's ids do not fit), then the payment is
 * fetched from Razorpay, and only what Razorpay reports goes through the transition function.
 */
export async function verifyCheckoutCallback(callback: z.output<typeof checkoutCallback>): Promise<{ status: OrderStatus }> {
  const order = await db().order.findUnique({ where: { razorpayOrderId: callback.razorpay_order_id }, select: { id: true, razorpayOrderId: true } });
  if (!order?.razorpayOrderId) throw new AppError("not_found", "No order matches razorpay_order_id", { razorpay_order_id: "Unknown order" });
  const signed = isValidPaymentSignature(
    { razorpayOrderId: order.razorpayOrderId, razorpayPaymentId: callback.razorpay_payment_id, signature: callback.razorpay_signature },
    config().razorpay.keySecret,
  );
  if (!signed) throw new AppError("invalid_signature", "The payment signature does not match this order", { razorpay_signature: "Invalid signature" });

  let payment;
  try {
    payment = await fetchGatewayPayment(callback.razorpay_payment_id);
  } catch (error) {
    if (error instanceof GatewayError && error.kind === "unavailable") throw new AppError("gateway_unavailable", "We could not confirm the payment with Razorpay yet; your order page will update by itself");
    throw new AppError("payment_mismatch", "Razorpay does not know this payment");
  }
  if (payment.razorpayOrderId !== order.razorpayOrderId) throw new AppError("payment_mismatch", "This payment belongs to a different order");
  // The order is already known: the transition function need not look it up again.
  const outcome = await applyPaymentFact(payment, { actor: "callback" }, order.id);
  if (!outcome) throw new AppError("payment_not_successful", "The payment has not been completed");
  if (outcome.result === "mismatch") throw new AppError("payment_mismatch", "The payment does not match the order's total, so it was not applied to the order; it is being refunded to you in full, and the order can still be paid");
  return { status: outcome.orderStatus };
}
