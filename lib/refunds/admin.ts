import { log } from "@/lib/log";
import { transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Refund } from "@/lib/generated/prisma/client";
import { formatMoney, money } from "@/lib/money";
import { audit, type Source } from "@/lib/orders/audit";
import { lockOrder } from "@/lib/orders/lock";
import { PAID_STATES } from "@/lib/payments/transitions";
import { db } from "@/lib/db";
import { executeRefund, REFUND_CLAIM_LEASE_MS, scheduleRefundAttempt } from "./refunds";

export interface AdminRefundRequest {
  orderId: string;
  /** Minor units; at most what was captured for the order minus what is refunded or being refunded. */
  amount: number;
  note: string;
  /** Give the order's stock back once it is refunded in full. */
  restock: boolean;
  idempotencyKey: string;
  admin: { email: string };
}

export interface AdminRefundResult {
  refund: Refund;
  /** True when this Idempotency-Key already made the refund: nothing new happened. */
  replayed: boolean;
}

/**
 * What can still be refunded of a credited payment: every refund of it that has not failed counts
 * against it. The admin's order page shows it; refundOrder decides with it under the order lock.
 */
export async function refundableAmount(client: Pick<Tx, "refund">, payment: { id: string; amount: number }): Promise<number> {
  const committed = await client.refund.aggregate({ where: { paymentId: payment.id, status: { not: "failed" } }, _sum: { amount: true } });
  return payment.amount - (committed._sum.amount ?? 0);
}

/**
 * An admin's refund of a paid order, full or partial. Decided under the order's lock, so a double
 * click, a retry or two admins at once can never refund more than was captured: every refund of the
 * credited payment that is not failed counts against it. The Idempotency-Key makes a repeat of the
 * same request return the refund it made. It is sent to Razorpay after the decision commits, with
 * Razorpay's own idempotency header; `refund.processed` / `refund.failed` webhooks finish it.
 */
export async function refundOrder(request: AdminRefundRequest): Promise<AdminRefundResult> {
  const source: Source = { actor: "admin", ref: request.admin.email };
  const decided = await transaction(async (tx) => {
    const exists = await tx.order.findUnique({ where: { id: request.orderId }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "No such order");
    const order = await lockOrder(tx, request.orderId);
    const earlier = await tx.refund.findUnique({ where: { orderId_idempotencyKey: { orderId: order.id, idempotencyKey: request.idempotencyKey } } });
    if (earlier) {
      if (earlier.amount !== request.amount || earlier.note !== request.note || earlier.restock !== request.restock) {
        throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used for a different refund; use a new key for a new refund");
      }
      return { refund: earlier, replayed: true };
    }
    if (!PAID_STATES.includes(order.status) || !order.paidPaymentId) {
      throw new AppError("refund_not_allowed", `Order #${order.number} is ${order.status.replace("_", " ")}: only a paid order can be refunded`);
    }
    const paid = await tx.payment.findUniqueOrThrow({ where: { id: order.paidPaymentId } });
    const refundable = await refundableAmount(tx, paid);
    if (request.amount > refundable) {
      const format = (amount: number) => formatMoney(money(amount, paid.currency));
      throw new AppError(
        "refund_too_large",
        refundable === 0
          ? `Order #${order.number} is already refunded in full (${format(paid.amount)})`
          : `At most ${format(refundable)} can still be refunded: ${format(paid.amount - refundable)} of ${format(paid.amount)} is refunded or being refunded`,
        { amount: `At most ${format(refundable)}` },
      );
    }
    const refund = await tx.refund.create({
      data: {
        orderId: order.id,
        paymentId: paid.id,
        reason: "admin",
        amount: request.amount,
        currency: paid.currency,
        idempotencyKey: request.idempotencyKey,
        requestedBy: request.admin.email,
        note: request.note,
        restock: request.restock,
      },
    });
    await audit(tx, order.id, source, {
      action: "refund.requested",
      paymentId: paid.id,
      toState: "requested",
      reason: request.note,
      data: { refundId: refund.id, amount: request.amount, restock: request.restock },
    });
    // Queued with the decision, so the refund is sent even if this request dies before sending it;
    // deferred by the claim lease, so normally the request below has sent it and the job finds nothing to do.
    await scheduleRefundAttempt(tx, refund.id, 0, new Date(Date.now() + REFUND_CLAIM_LEASE_MS), source);
    return { refund, replayed: false };
  });
  const { refund } = decided;
  log.info(decided.replayed ? "admin_refund_replayed" : "admin_refund_requested", { refundId: refund.id, orderId: refund.orderId, paymentId: refund.paymentId, amount: refund.amount, currency: refund.currency, restock: refund.restock });
  if (!decided.replayed) await executeRefund(decided.refund.id, source);
  return { refund: await db().refund.findUniqueOrThrow({ where: { id: decided.refund.id } }), replayed: decided.replayed };
}
