import type { Money } from "@/lib/money";
import { log } from "@/lib/log";
import type { Source } from "@/lib/orders/audit";
import { captureGatewayPayment } from "@/lib/razorpay/client";
import type { GatewayPayment } from "@/lib/razorpay/entities";
import { executeRefund, syncPaymentRefunds } from "@/lib/refunds/refunds";

/** Gateway calls the transition function decided on; they run after its transaction commits. */
export type FollowUp =
  | { kind: "capture"; paymentId: string; amount: Money }
  | { kind: "refund"; refundId: string }
  /** Razorpay reports more refunded than we know of: read its refunds (some were made outside the shop). */
  | { kind: "syncRefunds"; paymentId: string };

/**
 * Runs follow-ups and returns the payment facts they learnt (a capture's result), for the caller
 * to apply. A failure here loses nothing: the decision is committed (an authorised payment on an
 * unpaid order, a refund row in `requested`) and reconciliation repeats the call later.
 */
export async function runFollowUps(followUps: readonly FollowUp[], source: Source): Promise<GatewayPayment[]> {
  const learnt: GatewayPayment[] = [];
  for (const followUp of followUps) {
    try {
      if (followUp.kind === "capture") learnt.push(await captureGatewayPayment(followUp.paymentId, followUp.amount));
      else if (followUp.kind === "refund") await executeRefund(followUp.refundId, source);
      else await syncPaymentRefunds(followUp.paymentId, source);
    } catch (error) {
      log.warn("follow_up_failed", { followUp, source, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return learnt;
}
