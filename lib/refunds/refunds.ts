import { db, transaction, type Tx } from "@/lib/db";
import type { RefundReason } from "@/lib/generated/prisma/enums";
import { audit, type Source } from "@/lib/orders/audit";
import { fetchGatewayRefunds, GatewayError, refundGatewayPayment } from "@/lib/razorpay/client";
import type { GatewayRefund } from "@/lib/razorpay/entities";
import { money } from "@/lib/money";
import { isUuid } from "@/lib/ids";

/** How long one process may work on a refund before another may assume it died. */
const CLAIM_LEASE_MS = 60_000;

/**
 * Decides on a full refund of a payment, inside the caller's transaction. At most one refund per
 * payment and reason exists (a unique constraint), so repeated facts cannot refund twice.
 * Returns the refund when it still has to be sent to Razorpay.
 */
export async function requestRefund(tx: Tx, input: { orderId: string; paymentId: string; reason: RefundReason }, source: Source): Promise<{ id: string } | null> {
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: input.paymentId } });
  const created = await tx.refund.createMany({
    data: [{ ...input, amount: payment.amount, currency: payment.currency }],
    skipDuplicates: true,
  });
  const refund = await tx.refund.findFirstOrThrow({ where: { paymentId: input.paymentId, reason: input.reason } });
  if (created.count === 1) {
    const why = input.reason === "duplicate_payment" ? "a second payment for an order that is already paid" : "paid after the order expired and its stock was sold";
    await audit(tx, input.orderId, source, { action: "refund.requested", paymentId: input.paymentId, toState: "requested", reason: why });
  }
  return refund.status === "requested" ? { id: refund.id } : null;
}

/**
 * Sends a requested refund to Razorpay exactly once. A claim with a lease keeps two processes from
 * sending it together; the refund's receipt (our refund id) lets a retry after a crash find the
 * refund Razorpay already made instead of making another.
 */
export async function executeRefund(refundId: string, source: Source): Promise<void> {
  const now = new Date();
  const claimed = await db().refund.updateMany({
    where: { id: refundId, status: "requested", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedUntil: new Date(now.getTime() + CLAIM_LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return;
  const refund = await db().refund.findUniqueOrThrow({ where: { id: refundId } });
  try {
    const existing = (await fetchGatewayRefunds(refund.paymentId)).find((candidate) => candidate.receipt === refund.id);
    const sent = existing ?? (await refundGatewayPayment(refund.paymentId, { amount: money(refund.amount, refund.currency), receipt: refund.id, notes: { orderId: refund.orderId, reason: refund.reason } }));
    await recordRefundSent(refund.id, sent, source);
  } catch (error) {
    const message = error instanceof GatewayError ? error.description : String(error);
    await db().refund.update({ where: { id: refundId }, data: { claimedUntil: null, lastError: message } });
    throw error;
  }
}

async function recordRefundSent(refundId: string, sent: GatewayRefund, source: Source): Promise<void> {
  await transaction(async (tx) => {
    const refund = await tx.refund.update({
      where: { id: refundId },
      data: { razorpayRefundId: sent.id, status: sent.status, claimedUntil: null, lastError: null },
    });
    await audit(tx, refund.orderId, source, { action: `refund.${sent.status}`, paymentId: refund.paymentId, fromState: "requested", toState: sent.status, reason: `gateway refund ${sent.id}` });
  });
}

/** A refund event from Razorpay (webhook or reconciliation) updates the refund we made. */
export async function recordRefundUpdate(update: GatewayRefund, source: Source): Promise<void> {
  await transaction(async (tx) => {
    const ours = isUuid(update.receipt) ? [{ id: update.receipt }] : [];
    const refund = await tx.refund.findFirst({ where: { OR: [{ razorpayRefundId: update.id }, ...ours] } });
    if (!refund || refund.status === update.status || refund.status === "processed" || refund.status === "failed") return;
    await tx.refund.update({ where: { id: refund.id }, data: { razorpayRefundId: update.id, status: update.status, claimedUntil: null } });
    await audit(tx, refund.orderId, source, { action: `refund.${update.status}`, paymentId: refund.paymentId, fromState: refund.status, toState: update.status });
  });
}

/** Refunds decided but not yet accepted by Razorpay, for reconciliation to send again. */
export async function sendRequestedRefunds(source: Source): Promise<number> {
  const pending = await db().refund.findMany({ where: { status: "requested" }, select: { id: true }, take: 100 });
  let sent = 0;
  for (const { id } of pending) {
    try {
      await executeRefund(id, source);
      sent++;
    } catch {
      // Recorded on the refund row; the next run tries again.
    }
  }
  return sent;
}
