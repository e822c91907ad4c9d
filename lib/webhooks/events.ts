import { z } from "zod";
import type { Source } from "@/lib/orders/audit";
import { applyPaymentFact } from "@/lib/payments/apply";
import { razorpayPaymentEntity, razorpayRefundEntity, toGatewayPayment, toGatewayRefund } from "@/lib/razorpay/entities";
import { recordRefundUpdate } from "@/lib/refunds/refunds";

/** The part of Razorpay's webhook envelope we act on; other events are acknowledged and ignored. */
export const webhookEnvelope = z.object({
  entity: z.literal("event"),
  event: z.string().min(1),
  payload: z
    .object({
      payment: z.object({ entity: razorpayPaymentEntity }).optional(),
      refund: z.object({ entity: razorpayRefundEntity }).optional(),
    })
    .loose(),
});

export type WebhookEnvelope = z.output<typeof webhookEnvelope>;

const PAYMENT_EVENTS = new Set(["payment.authorized", "payment.captured", "payment.failed", "order.paid"]);
const REFUND_EVENTS = new Set(["refund.created", "refund.processed", "refund.failed"]);

/**
 * Applies one stored event. The payload is a snapshot from when the event happened; the
 * transition function decides whether it still moves anything (a late `payment.authorized` after
 * `captured` does not). `payment.captured` and `order.paid` carry the same payment, so they
 * converge on one effect. Returns a short outcome for the inbox record.
 */
export async function applyWebhookEvent(envelope: WebhookEnvelope, source: Source): Promise<string> {
  const { payment, refund } = envelope.payload;
  if (REFUND_EVENTS.has(envelope.event) && refund) {
    // A refund of a payment we have not recorded yet: record the payment first (it comes in the same event).
    if ((await recordRefundUpdate(toGatewayRefund(refund.entity), source)) === "unknown_payment" && payment) {
      await applyPaymentFact(toGatewayPayment(payment.entity), source);
      await recordRefundUpdate(toGatewayRefund(refund.entity), source);
    } else if (payment) {
      await applyPaymentFact(toGatewayPayment(payment.entity), source);
    }
    return `refund ${refund.entity.id} ${refund.entity.status}`;
  }
  if (PAYMENT_EVENTS.has(envelope.event) && payment) {
    const outcome = await applyPaymentFact(toGatewayPayment(payment.entity), source);
    return outcome ? `${outcome.result}; order ${outcome.orderStatus}` : "no order of ours";
  }
  return "ignored";
}
