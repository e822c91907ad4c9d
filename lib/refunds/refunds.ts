import { db, transaction, type Tx } from "@/lib/db";
import type { Order, RefundReason } from "@/lib/generated/prisma/client";
import { releaseStock } from "@/lib/inventory/stock";
import { log } from "@/lib/log";
import { audit, type Source } from "@/lib/orders/audit";
import { lockOrder } from "@/lib/orders/lock";
import { canMoveOrder, PAID_STATES } from "@/lib/payments/transitions";
import { fetchGatewayRefunds, GatewayError, refundGatewayPayment } from "@/lib/razorpay/client";
import type { GatewayRefund } from "@/lib/razorpay/entities";
import { money } from "@/lib/money";
import { isUuid } from "@/lib/ids";
import { enqueueEmail } from "@/lib/email/outbox";
import { issueCreditNote } from "@/lib/tax/documents";
import { enqueue } from "@/lib/queue/boss";

/** How long one process may work on a refund before another may assume it died. */
export const REFUND_CLAIM_LEASE_MS = 60_000;
/** Transient failures (Razorpay down, timeouts) are retried this many times, with backoff, then given up loudly. */
export const MAX_REFUND_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/** Refunds the shop decides by itself: a full refund of one payment, at most one per payment and reason. */
export type AutomaticRefundReason = Extract<RefundReason, "duplicate_payment" | "order_expired" | "amount_mismatch">;

const WHY: Record<AutomaticRefundReason, string> = {
  duplicate_payment: "a second payment for an order that is already paid",
  order_expired: "paid after the order expired or was cancelled, and its stock was sold",
  amount_mismatch: "a captured payment that does not match the order's total or currency cannot be credited",
};

/**
 * Decides on a full refund of a payment, inside the caller's transaction. At most one refund per
 * payment and automatic reason exists (a partial unique index), so repeated facts cannot refund
 * twice. Returns the refund when it still has to be sent to Razorpay.
 */
export async function requestRefund(tx: Tx, input: { orderId: string; paymentId: string; reason: AutomaticRefundReason }, source: Source): Promise<{ id: string } | null> {
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: input.paymentId } });
  const created = await tx.refund.createMany({ data: [{ ...input, amount: payment.amount, currency: payment.currency }], skipDuplicates: true });
  const refund = await tx.refund.findFirstOrThrow({ where: { paymentId: input.paymentId, reason: input.reason } });
  if (created.count === 1) {
    await audit(tx, input.orderId, source, { action: "refund.requested", paymentId: input.paymentId, toState: "requested", reason: WHY[input.reason] });
    // Email (issue 7): tell the shopper their payment is being refunded, in the same transaction as the decision.
    await enqueueEmail(tx, { kind: "payment_refunding", orderId: input.orderId, refundId: refund.id });
  }
  return refund.status === "requested" ? { id: refund.id } : null;
}

export type RefundAttempt = "sent" | "failed" | "retrying" | "not_due";

function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1)) * (0.75 + Math.random() / 2);
}

/**
 * Sends a requested refund to Razorpay exactly once. A claim with a lease keeps two processes from
 * sending it together, and Razorpay's idempotency header (our refund id) makes a retry after a lost
 * response return the refund already made. Razorpay refusing it (a 4xx) is final: the refund is
 * `failed` with Razorpay's reason and an alert is logged once. A transient failure is retried with
 * backoff, and after MAX_REFUND_ATTEMPTS it is given up the same loud way, for a person to act on.
 */
export async function executeRefund(refundId: string, source: Source, now = new Date()): Promise<RefundAttempt> {
  const claimed = await db().refund.updateMany({
    where: { id: refundId, status: "requested", nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedUntil: new Date(now.getTime() + REFUND_CLAIM_LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "not_due";
  const refund = await db().refund.findUniqueOrThrow({ where: { id: refundId } });
  let sent: GatewayRefund;
  try {
    sent = await refundGatewayPayment(refund.paymentId, {
      amount: money(refund.amount, refund.currency),
      receipt: refund.id,
      notes: { orderId: refund.orderId, reason: refund.reason },
      idempotencyKey: refund.id,
    });
  } catch (error) {
    if (!(error instanceof GatewayError)) {
      await db().refund.update({ where: { id: refundId }, data: { claimedUntil: null, lastError: String(error).slice(0, 500) } });
      throw error;
    }
    const permanent = error.kind === "rejected";
    if (permanent || refund.attempts >= MAX_REFUND_ATTEMPTS) {
      const failureReason = permanent ? `Razorpay refused the refund: ${error.description}` : `gave up after ${refund.attempts} attempts: ${error.description}`;
      await failRefund(refund.id, failureReason, source);
      return "failed";
    }
    const nextAttemptAt = new Date(now.getTime() + backoffMs(refund.attempts));
    await transaction(async (tx) => {
      await tx.refund.update({ where: { id: refundId }, data: { claimedUntil: null, lastError: error.description.slice(0, 500), nextAttemptAt } });
      // The next attempt is a deferred job, written with the decision to retry.
      await scheduleRefundAttempt(tx, refundId, refund.attempts, nextAttemptAt, source);
    });
    log.warn("refund_retry_scheduled", { refundId, orderId: refund.orderId, attempts: refund.attempts, error: error.description });
    return "retrying";
  }
  await recordRefundUpdate(sent, source, { ourRefundId: refund.id });
  log.info("refund_sent", { refundId: refund.id, orderId: refund.orderId, paymentId: refund.paymentId, amount: refund.amount, currency: refund.currency, reason: refund.reason, gatewayStatus: sent.status, source: source.actor });
  return "sent";
}

/** Queues an attempt to send a requested refund (the first one with its decision, later ones after a backoff). */
export async function scheduleRefundAttempt(tx: Tx, refundId: string, attemptsSoFar: number, startAfter: Date | undefined, source: Source): Promise<void> {
  await enqueue(tx, { queue: "follow-up", data: { followUp: { kind: "refund", refundId }, source }, key: `refund:${refundId}:${attemptsSoFar}`, startAfter });
}

async function failRefund(refundId: string, failureReason: string, source: Source): Promise<void> {
  const refund = await transaction(async (tx) => {
    const updated = await tx.refund.update({ where: { id: refundId }, data: { status: "failed", failureReason, claimedUntil: null, lastError: failureReason } });
    await audit(tx, updated.orderId, source, { action: "refund.failed", paymentId: updated.paymentId, fromState: "requested", toState: "failed", reason: failureReason });
    return updated;
  });
  // The money is still the shopper's and nothing will retry it: a person must act.
  log.error("refund_failed", { alert: "refund_failed", refundId, orderId: refund.orderId, paymentId: refund.paymentId, amount: refund.amount, reason: failureReason });
}

export type RefundUpdateResult = "recorded" | "unchanged" | "unknown_payment";

/**
 * What Razorpay says about a refund (the response to our request, a webhook, or a refunds listing)
 * updates the refund we made; a refund we did not make (from Razorpay's dashboard) is recorded as
 * `external`. A processed refund of the payment that paid the order moves the order to partially
 * refunded or refunded, under the order's lock.
 */
export async function recordRefundUpdate(update: GatewayRefund, source: Source, options: { ourRefundId?: string } = {}): Promise<RefundUpdateResult> {
  const payment = await db().payment.findUnique({ where: { id: update.paymentId }, select: { orderId: true } });
  if (!payment) return "unknown_payment";
  const result = await transaction(async (tx): Promise<RefundUpdateResult> => {
    const order = await lockOrder(tx, payment.orderId);
    const receipt = options.ourRefundId ?? (isUuid(update.receipt) ? update.receipt : undefined);
    const refund = await tx.refund.findFirst({ where: { OR: [{ razorpayRefundId: update.id }, ...(receipt ? [{ id: receipt }] : [])] } });
    if (!refund) {
      await tx.refund.create({
        data: { paymentId: update.paymentId, orderId: order.id, reason: "external", amount: update.amount.amount, currency: update.amount.currency, status: update.status, razorpayRefundId: update.id, ...failedFields(update) },
      });
      await audit(tx, order.id, source, { action: "refund.external", paymentId: update.paymentId, toState: update.status, reason: `refund ${update.id} of ${update.amount.amount} made outside the shop` });
    } else {
      const moved = refund.status !== update.status && (refund.status === "requested" || refund.status === "pending");
      if (!moved && refund.razorpayRefundId === update.id) return "unchanged";
      await tx.refund.update({ where: { id: refund.id }, data: { razorpayRefundId: update.id, claimedUntil: null, lastError: null, ...(moved ? { status: update.status, ...failedFields(update) } : {}) } });
      if (!moved) return "unchanged";
      await audit(tx, order.id, source, { action: `refund.${update.status}`, paymentId: refund.paymentId, fromState: refund.status, toState: update.status, reason: `gateway refund ${update.id}` });
      if (update.status === "failed") log.error("refund_failed", { alert: "refund_failed", refundId: refund.id, orderId: order.id, reason: "Razorpay reported the refund failed" });
    }
    await settleRefundedOrder(tx, order, source);
    // Email (issue 7): a processed refund is announced in the transaction that records it (after
    // settling, so the notice knows whether the order is now refunded in full).
    if (update.status === "processed") {
      const recorded = await tx.refund.findUniqueOrThrow({ where: { razorpayRefundId: update.id }, select: { id: true } });
      await enqueueEmail(tx, { kind: "refund_notice", orderId: order.id, refundId: recorded.id });
      // Issue 10: a credit note against the invoice, numbered last (its counter stays locked until commit).
      await issueCreditNote(tx, order, recorded.id);
    }
    return "recorded";
  });
  if (result === "recorded") {
    log.info("refund_recorded", { orderId: payment.orderId, paymentId: update.paymentId, razorpayRefundId: update.id, amount: update.amount.amount, currency: update.amount.currency, status: update.status, source: source.actor });
  }
  return result;
}

function failedFields(update: GatewayRefund) {
  return update.status === "failed" ? { failureReason: "Razorpay reported the refund failed" } : {};
}

/**
 * Moves a paid order to partially refunded or refunded from the processed refunds of the payment
 * that paid it. Refunds of payments that never paid the order (extra, late or mismatched ones)
 * leave the order as it is. When the order becomes refunded in full, its stock comes back if a
 * refund of it was made outside the shop (the goods are not leaving) or an admin asked for it.
 */
async function settleRefundedOrder(tx: Tx, order: Order, source: Source): Promise<void> {
  if (!PAID_STATES.includes(order.status) || !order.paidPaymentId) return;
  const [paid, refunded] = await Promise.all([
    tx.payment.findUniqueOrThrow({ where: { id: order.paidPaymentId }, select: { amount: true } }),
    tx.refund.aggregate({ where: { paymentId: order.paidPaymentId, status: "processed" }, _sum: { amount: true } }),
  ]);
  const amountRefunded = refunded._sum.amount ?? 0;
  if (amountRefunded === 0) return;
  const target = amountRefunded >= paid.amount ? "refunded" : "partially_refunded";
  if (target === order.status || !canMoveOrder(order.status, target)) return;
  await tx.order.update({ where: { id: order.id }, data: { status: target } });
  const restock = target === "refunded" && (await tx.refund.count({ where: { orderId: order.id, OR: [{ reason: "external" }, { restock: true }] } })) > 0;
  if (restock) await releaseStock(tx, await tx.orderItem.findMany({ where: { orderId: order.id }, select: { variantId: true, quantity: true } }));
  await audit(tx, order.id, source, {
    action: `order.${target}`,
    paymentId: order.paidPaymentId,
    fromState: order.status,
    toState: target,
    reason: `${amountRefunded} of ${paid.amount} refunded${restock ? "; stock returned" : ""}`,
  });
}

/** Records every refund Razorpay lists for a payment: how refunds made outside the shop are learnt when their webhook was lost. */
export async function syncPaymentRefunds(paymentId: string, source: Source): Promise<void> {
  for (const refund of await fetchGatewayRefunds(paymentId)) await recordRefundUpdate(refund, source);
}

export interface RefundRun {
  sent: number;
  failed: number;
  retrying: number;
  errors: { refundId: string; message: string }[];
}

/** Refunds decided but not yet accepted by Razorpay and due for (another) attempt, oldest first. */
export async function sendDueRefunds(source: Source, now = new Date(), limit = 100): Promise<RefundRun> {
  const due = await db().refund.findMany({ where: { status: "requested", nextAttemptAt: { lte: now } }, orderBy: { nextAttemptAt: "asc" }, select: { id: true }, take: limit });
  const run: RefundRun = { sent: 0, failed: 0, retrying: 0, errors: [] };
  for (const { id } of due) {
    try {
      const attempt = await executeRefund(id, source, now);
      if (attempt !== "not_due") run[attempt]++;
      if (attempt === "retrying" || attempt === "failed") {
        const { lastError } = await db().refund.findUniqueOrThrow({ where: { id }, select: { lastError: true } });
        run.errors.push({ refundId: id, message: lastError ?? attempt });
      }
    } catch (error) {
      run.errors.push({ refundId: id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return run;
}
