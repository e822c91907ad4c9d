import type { Money } from "@/lib/money";
import type { Source } from "@/lib/orders/audit";
import { captureGatewayPayment } from "@/lib/razorpay/client";
import { executeRefund } from "@/lib/refunds/refunds";
import { applyPaymentFact } from "./apply";

/** Gateway calls the transition function decided on; they run after its transaction commits. */
export type FollowUp = { kind: "capture"; paymentId: string; amount: Money } | { kind: "refund"; refundId: string };

/**
 * Runs follow-ups. A failure here loses nothing: the decision is committed (an authorised payment
 * on an unpaid order, a refund row in `requested`) and reconciliation repeats the call later.
 */
export async function runFollowUps(followUps: readonly FollowUp[], source: Source): Promise<void> {
  for (const followUp of followUps) {
    try {
      if (followUp.kind === "capture") {
        const captured = await captureGatewayPayment(followUp.paymentId, followUp.amount);
        await applyPaymentFact(captured, source);
      } else {
        await executeRefund(followUp.refundId, source);
      }
    } catch (error) {
      console.warn(JSON.stringify({ event: "follow_up_failed", followUp, source, error: error instanceof Error ? error.message : String(error) }));
    }
  }
}
