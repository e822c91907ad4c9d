import type { Tx } from "@/lib/db";
import type { Money } from "@/lib/money";
import type { Source } from "@/lib/orders/audit";
import { enqueue } from "@/lib/queue/boss";

/** Gateway calls the transition function decided on; they run after its transaction commits. */
export type FollowUp =
  | { kind: "capture"; paymentId: string; amount: Money }
  | { kind: "refund"; refundId: string }
  /** Razorpay reports more refunded than we know of: read its refunds (some were made outside the shop). */
  | { kind: "syncRefunds"; paymentId: string };

/** One job per decision: a capture per payment, a send per refund, a sync per payment and refunded amount. */
function keyOf(followUp: FollowUp): string {
  if (followUp.kind === "capture") return `capture:${followUp.paymentId}`;
  if (followUp.kind === "refund") return `refund:${followUp.refundId}:0`;
  return `syncRefunds:${followUp.paymentId}:${Date.now()}`;
}

/**
 * Dispatches what the transition function decided: each follow-up becomes a job in the same
 * transaction as the decision, so a capture or refund is queued exactly when the fact that calls
 * for it commits. A fact reported twice (callback and webhook) queues one capture: the job id is
 * derived from the payment. Workers run them (lib/payments/follow-up-jobs.ts).
 */
export async function dispatchFollowUps(tx: Tx, followUps: readonly FollowUp[], source: Source): Promise<void> {
  await enqueue(
    tx,
    followUps.map((followUp) => ({ queue: "follow-up" as const, data: { followUp, source }, key: keyOf(followUp) })),
  );
}
