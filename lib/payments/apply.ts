import { db, transaction, type Tx } from "@/lib/db";
import type { Order, OrderStatus } from "@/lib/generated/prisma/client";
import { audit, type Source } from "@/lib/orders/audit";
import { lockOrder } from "@/lib/orders/lock";
import { formatMoney, money, sameMoney } from "@/lib/money";
import { tryReserveStock } from "@/lib/inventory/stock";
import { fetchGatewayOrder, GatewayError } from "@/lib/razorpay/client";
import type { GatewayPayment } from "@/lib/razorpay/entities";
import { canMoveOrder, canMovePayment } from "./transitions";
import { runFollowUps, type FollowUp } from "./follow-ups";
import { requestRefund } from "@/lib/refunds/refunds";
import { isUuid } from "@/lib/ids";

export type FactResult = "applied" | "duplicate" | "refused" | "mismatch";

export interface FactOutcome {
  orderId: string;
  orderStatus: OrderStatus;
  result: FactResult;
}

/**
 * THE transition function. The checkout callback, webhooks and reconciliation all report what
 * Razorpay says about a payment through here. It holds the order's row lock while it decides, so
 * facts about one order apply one at a time, and applying the same fact again changes nothing.
 * Network calls it decides on (capture, refund) run after the transaction commits.
 *
 * Returns null when the payment says nothing yet (status `created`) or names no order of ours.
 */
export async function applyPaymentFact(payment: GatewayPayment, source: Source): Promise<FactOutcome | null> {
  if (payment.status === "created" || !payment.razorpayOrderId) return null;
  const orderId = await findOrderForGatewayOrder(payment.razorpayOrderId);
  if (!orderId) {
    console.warn(JSON.stringify({ event: "payment_for_unknown_order", paymentId: payment.id, razorpayOrderId: payment.razorpayOrderId, source }));
    return null;
  }
  const { outcome, followUps } = await transaction((tx) => decide(tx, orderId, payment, source));
  if (followUps.length === 0) return outcome;
  await runFollowUps(followUps, source);
  const { status } = await db().order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } });
  return { ...outcome, orderStatus: status };
}

async function decide(tx: Tx, orderId: string, payment: GatewayPayment, source: Source): Promise<{ outcome: FactOutcome; followUps: FollowUp[] }> {
  const order = await lockOrder(tx, orderId);
  const status = payment.status as Exclude<GatewayPayment["status"], "created">;
  const known = await tx.payment.findUnique({ where: { id: payment.id } });
  const from = known?.status ?? "new";
  const followUps: FollowUp[] = [];
  const done = (result: FactResult, orderStatus: OrderStatus = order.status) => ({ outcome: { orderId, orderStatus, result }, followUps });

  if (from !== status && !canMovePayment(from, status)) {
    await audit(tx, orderId, source, { action: "payment.fact_refused", paymentId: payment.id, fromState: from, toState: status, reason: `a payment cannot move from ${from} to ${status}` });
    return done("refused");
  }
  if (from === status) {
    await audit(tx, orderId, source, { action: "payment.fact_duplicate", paymentId: payment.id, fromState: from, toState: status, reason: "already recorded" });
  } else {
    await tx.payment.upsert({
      where: { id: payment.id },
      create: { id: payment.id, orderId, status, amount: payment.amount.amount, currency: payment.amount.currency, method: payment.method, errorCode: payment.error?.code, errorDescription: payment.error?.description },
      update: { status, method: payment.method ?? undefined, errorCode: payment.error?.code ?? null, errorDescription: payment.error?.description ?? null },
    });
    await audit(tx, orderId, source, { action: `payment.${status}`, paymentId: payment.id, fromState: from, toState: status, reason: payment.error?.description ?? undefined });
  }

  // Never trust the payment to be for the right amount: credit only exactly what the order asked for.
  const expected = money(order.total, order.currency);
  if (payment.razorpayOrderId !== order.razorpayOrderId || !sameMoney(payment.amount, expected)) {
    const reason = `payment ${payment.id} is ${formatMoney(payment.amount)} for gateway order ${payment.razorpayOrderId}; the order expects ${formatMoney(expected)} on ${order.razorpayOrderId}`;
    if (!order.flaggedAt) await tx.order.update({ where: { id: orderId }, data: { flaggedAt: new Date(), flagReason: reason } });
    await audit(tx, orderId, source, { action: "order.flagged", paymentId: payment.id, reason });
    console.error(JSON.stringify({ alert: "payment_mismatch", orderId, paymentId: payment.id, reason, source }));
    return done("mismatch");
  }

  if (status === "authorized") {
    if (order.status === "paid") {
      await audit(tx, orderId, source, { action: "payment.not_captured", paymentId: payment.id, reason: "the order is already paid; the authorisation is left to lapse" });
    } else {
      followUps.push({ kind: "capture", paymentId: payment.id, amount: expected });
    }
  }
  if (status === "captured") {
    const orderStatus = await creditCapturedPayment(tx, order, payment.id, source, followUps);
    return done(from === status ? "duplicate" : "applied", orderStatus);
  }
  return done(from === status ? "duplicate" : "applied");
}

/** A captured payment pays a pending order; a second payment on a paid order is refunded, never kept. */
async function creditCapturedPayment(tx: Tx, order: Order, paymentId: string, source: Source, followUps: FollowUp[]): Promise<OrderStatus> {
  if (order.paidPaymentId === paymentId) return order.status;
  if (!canMoveOrder(order.status, "paid")) {
    const refund = await requestRefund(tx, { orderId: order.id, paymentId, reason: "duplicate_payment" }, source);
    if (refund) followUps.push({ kind: "refund", refundId: refund.id });
    return order.status;
  }
  if (order.status === "expired") {
    const lines = await tx.orderItem.findMany({ where: { orderId: order.id }, select: { productId: true, quantity: true } });
    if (!(await tryReserveStock(tx, lines))) {
      const refund = await requestRefund(tx, { orderId: order.id, paymentId, reason: "order_expired" }, source);
      if (refund) followUps.push({ kind: "refund", refundId: refund.id });
      return order.status;
    }
  }
  const paidAt = new Date();
  await tx.payment.update({ where: { id: paymentId }, data: { credited: true } });
  await tx.order.update({ where: { id: order.id }, data: { status: "paid", paidPaymentId: paymentId, paidAt } });
  await audit(tx, order.id, source, {
    action: "order.paid",
    paymentId,
    fromState: order.status,
    toState: "paid",
    reason: order.status === "expired" ? "paid after expiry; stock reserved again" : undefined,
  });
  if (order.cartId) {
    const ordered = await tx.orderItem.findMany({ where: { orderId: order.id }, select: { productId: true } });
    await tx.cartItem.deleteMany({ where: { cartId: order.cartId, productId: { in: ordered.map((item) => item.productId) } } });
  }
  return "paid";
}

/**
 * Our order for a gateway order id. A crash between creating the gateway order and recording its
 * id leaves it unrecorded; the gateway order's receipt (our order id) lets us adopt it here.
 */
export async function findOrderForGatewayOrder(razorpayOrderId: string): Promise<string | null> {
  const known = await db().order.findUnique({ where: { razorpayOrderId }, select: { id: true } });
  if (known) return known.id;
  let gatewayOrder;
  try {
    gatewayOrder = await fetchGatewayOrder(razorpayOrderId);
  } catch (error) {
    if (error instanceof GatewayError && error.kind === "rejected") return null;
    throw error;
  }
  if (!gatewayOrder.receipt) return null;
  return adoptGatewayOrder(gatewayOrder.receipt, razorpayOrderId, { actor: "system" });
}

/** Records the gateway order id on our order (receipt = our order id) unless one is recorded already. */
export async function adoptGatewayOrder(orderId: string, razorpayOrderId: string, source: Source): Promise<string | null> {
  if (!isUuid(orderId)) return null;
  return transaction(async (tx) => {
    const claimed = await tx.order.updateMany({ where: { id: orderId, razorpayOrderId: null }, data: { razorpayOrderId } });
    if (claimed.count === 1) await audit(tx, orderId, source, { action: "order.gateway_order_recorded", reason: `gateway order ${razorpayOrderId}` });
    const current = await tx.order.findUnique({ where: { id: orderId }, select: { razorpayOrderId: true } });
    return current?.razorpayOrderId === razorpayOrderId ? orderId : null;
  });
}
