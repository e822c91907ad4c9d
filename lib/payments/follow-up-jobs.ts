import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { Source } from "@/lib/orders/audit";
import { RetryLater } from "@/lib/queue/boss";
import { captureGatewayPayment, GatewayError } from "@/lib/razorpay/client";
import { executeRefund, syncPaymentRefunds } from "@/lib/refunds/refunds";
import { applyPaymentFact } from "./apply";
import type { FollowUp } from "./follow-ups";

/**
 * Runs one follow-up job. A capture's result is a payment fact and goes through the transition
 * function like any other. A refund is sent by executeRefund, which claims it (so a sweep or an
 * admin's request racing this job cannot send it twice) and schedules its own retries.
 */
export async function runFollowUp(followUp: FollowUp, source: Source): Promise<void> {
  if (followUp.kind === "capture") {
    const known = await db().payment.findUnique({ where: { id: followUp.paymentId }, select: { status: true } });
    // Captured meanwhile (Razorpay's automatic capture, or a fact applied since): nothing to send.
    if (known && known.status !== "authorized") return;
    let captured;
    try {
      captured = await captureGatewayPayment(followUp.paymentId, followUp.amount);
    } catch (error) {
      // Razorpay refusing the capture is final (a lapsed authorisation returns the money by itself).
      if (error instanceof GatewayError && error.kind === "rejected") {
        log.warn("capture_refused", { paymentId: followUp.paymentId, error: error.description });
        return;
      }
      throw error;
    }
    await applyPaymentFact(captured, source);
    return;
  }
  if (followUp.kind === "refund") {
    const attempt = await executeRefund(followUp.refundId, source);
    // Held by a live claim (a sweep or an admin request sending it now): look again later.
    if (attempt === "not_due") {
      const refund = await db().refund.findUnique({ where: { id: followUp.refundId }, select: { status: true, claimedUntil: true } });
      if (refund?.status === "requested" && refund.claimedUntil && refund.claimedUntil > new Date()) throw new RetryLater(`refund ${followUp.refundId} is being sent elsewhere`);
    }
    return;
  }
  await syncPaymentRefunds(followUp.paymentId, source);
}
