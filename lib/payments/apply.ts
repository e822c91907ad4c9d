import { db, transaction, type Tx } from "@/lib/db";
import type { Order, OrderStatus, Payment } from "@/lib/generated/prisma/client";
import { audit, type Source } from "@/lib/orders/audit";
import { lockOrder } from "@/lib/orders/lock";
import { formatMoney, money, sameMoney } from "@/lib/money";
import { tryReserveStock } from "@/lib/inventory/stock";
import { log } from "@/lib/log";
import { fetchGatewayOrder, GatewayError } from "@/lib/razorpay/client";
import type { GatewayPayment } from "@/lib/razorpay/entities";
import { canMoveOrder, canMovePayment, CLOSED_UNPAID_STATES, PAID_STATES } from "./transitions";
import { dispatchFollowUps, type FollowUp } from "./follow-ups";
import { requestRefund } from "@/lib/refunds/refunds";
import { isUuid } from "@/lib/ids";
import { nextCheckAt } from "@/lib/orders/check-schedule";
import { enqueueEmail } from "@/lib/email/outbox";
import { issueInvoice } from "@/lib/tax/documents";

export type FactResult = "applied" | "duplicate" | "refused" | "mismatch";

export interface FactOutcome {
  orderId: string;
  orderStatus: OrderStatus;
  result: FactResult;
}

/**
 * THE transition function. The checkout callback, webhooks and reconciliation all report what
 * Razorpay says about a payment through here. It holds the order's row lock while it decides, so
 * facts about one order apply one at a time, and applying the same fact again changes nothing: a
 * repeat from a webhook or callback is only counted on the payment, and a reconciliation run that
 * learns nothing new writes nothing. The network calls it decides on (capture, refund, reading
 * refunds) are returned by `decide` and dispatched here as jobs in the same transaction; workers
 * make them after it commits, and what a capture returns is applied in turn.
 *
 * Returns null when the payment says nothing yet (status `created`) or names no order of ours.
 * `knownOrderId`: our order for the payment's gateway order, when the caller has just read it.
 */
export async function applyPaymentFact(payment: GatewayPayment, source: Source, knownOrderId?: string): Promise<FactOutcome | null> {
  if (payment.status === "created" || !payment.razorpayOrderId) return null;
  const orderId = knownOrderId ?? (await findOrderForGatewayOrder(payment.razorpayOrderId));
  if (!orderId) {
    log.warn("payment_for_unknown_order", { paymentId: payment.id, razorpayOrderId: payment.razorpayOrderId, source });
    return null;
  }
  const outcome = await transaction(async (tx) => {
    const decided = await decide(tx, orderId, payment, source);
    await dispatchFollowUps(tx, decided.followUps, source);
    return decided.outcome;
  });
  logPaymentFact(payment, outcome, source);
  return outcome;
}

/** One line per fact decided, after it committed: what was paid, for which order, and what came of it. */
function logPaymentFact(payment: GatewayPayment, outcome: FactOutcome, source: Source): void {
  const fields = {
    orderId: outcome.orderId,
    paymentId: payment.id,
    amount: payment.amount.amount,
    currency: payment.amount.currency,
    paymentStatus: payment.status,
    method: payment.method,
    outcome: outcome.result,
    orderStatus: outcome.orderStatus,
    source: source.actor,
    errorCode: payment.error?.code,
  };
  // A repeat is routine (webhook and callback both report); a refused fact is an old snapshot, worth a look.
  if (outcome.result === "refused") log.warn("payment_fact_refused", fields);
  else if (outcome.result === "duplicate") log.debug("payment_fact_duplicate", fields);
  else if (outcome.result === "applied") log.info("payment_fact_applied", fields);
}

type Decided = Exclude<GatewayPayment["status"], "created">;

async function decide(tx: Tx, orderId: string, payment: GatewayPayment, source: Source): Promise<{ outcome: FactOutcome; followUps: FollowUp[] }> {
  const order = await lockOrder(tx, orderId);
  const status = payment.status as Decided;
  const known = await tx.payment.findUnique({ where: { id: payment.id } });
  const from = known?.status ?? "new";
  const followUps: FollowUp[] = [];
  const done = (result: FactResult, orderStatus: OrderStatus = order.status) => ({ outcome: { orderId, orderStatus, result }, followUps });

  if (from !== status && !canMovePayment(from, status)) {
    // An old snapshot (webhooks are not ordered). Reconciliation reads the present, so this is a webhook's or callback's.
    if (source.actor !== "reconciliation") {
      await audit(tx, orderId, source, { action: "payment.fact_refused", paymentId: payment.id, fromState: from, toState: status, reason: `a payment cannot move from ${from} to ${status}` });
    }
    return done("refused");
  }
  const duplicate = from === status;
  await recordPayment(tx, orderId, known, payment, source);
  if (payment.refunded > (known?.amountRefunded ?? 0)) followUps.push({ kind: "syncRefunds", paymentId: payment.id });

  // Never trust the payment to be for the right amount: credit only exactly what the order asked for.
  const expected = money(order.total, order.currency);
  if (payment.razorpayOrderId !== order.razorpayOrderId || !sameMoney(payment.amount, expected)) {
    await flagMismatch(tx, order, known, payment, expected, source);
    // Money we cannot credit goes back; an uncaptured authorisation is left to lapse, which returns it by itself.
    if (status === "captured") await refundLater(tx, followUps, { orderId, paymentId: payment.id, reason: "amount_mismatch" }, source);
    return done("mismatch");
  }

  if (status === "authorized") {
    if (PAID_STATES.includes(order.status)) {
      if (!duplicate) await audit(tx, orderId, source, { action: "payment.not_captured", paymentId: payment.id, reason: "the order is already paid; the authorisation is left to lapse" });
    } else {
      followUps.push({ kind: "capture", paymentId: payment.id, amount: expected });
    }
  }
  if (status === "captured") {
    const orderStatus = await creditCapturedPayment(tx, order, payment.id, source, followUps);
    return done(duplicate ? "duplicate" : "applied", orderStatus);
  }
  return done(duplicate ? "duplicate" : "applied");
}

/** Writes what is new about the payment; a repeated fact only bumps a counter (and not even that from reconciliation). */
async function recordPayment(tx: Tx, orderId: string, known: Payment | null, payment: GatewayPayment, source: Source): Promise<void> {
  const status = payment.status as Decided;
  const refundedChanged = payment.refunded > (known?.amountRefunded ?? 0);
  if (known?.status === status) {
    if (refundedChanged) await tx.payment.update({ where: { id: payment.id }, data: { amountRefunded: payment.refunded } });
    else if (source.actor !== "reconciliation") await tx.payment.update({ where: { id: payment.id }, data: { duplicateFacts: { increment: 1 } } });
    return;
  }
  const error = {
    errorCode: payment.error?.code ?? null,
    errorDescription: payment.error?.description ?? null,
    errorReason: payment.error?.reason ?? null,
    errorSource: payment.error?.source ?? null,
    errorStep: payment.error?.step ?? null,
  };
  await tx.payment.upsert({
    where: { id: payment.id },
    create: { id: payment.id, orderId, status, amount: payment.amount.amount, currency: payment.amount.currency, method: payment.method, amountRefunded: payment.refunded, ...error },
    update: { status, method: payment.method ?? undefined, ...(refundedChanged ? { amountRefunded: payment.refunded } : {}), ...error },
  });
  await audit(tx, orderId, source, { action: `payment.${status}`, paymentId: payment.id, fromState: known?.status ?? "new", toState: status, reason: payment.error?.description ?? undefined });
}

/** Flags the order and raises the alert the first time a payment is found not to match; later facts about it stay quiet. */
async function flagMismatch(tx: Tx, order: Order, known: Payment | null, payment: GatewayPayment, expected: ReturnType<typeof money>, source: Source): Promise<void> {
  if (known?.mismatchReason) return;
  const reason = `payment ${payment.id} is ${formatMoney(payment.amount)} for gateway order ${payment.razorpayOrderId}; the order expects ${formatMoney(expected)} on ${order.razorpayOrderId}`;
  await tx.payment.update({ where: { id: payment.id }, data: { mismatchReason: reason } });
  if (!order.flaggedAt) await tx.order.update({ where: { id: order.id }, data: { flaggedAt: new Date(), flagReason: reason } });
  await audit(tx, order.id, source, { action: "order.flagged", paymentId: payment.id, reason });
  log.error("payment_mismatch", { alert: "payment_mismatch", orderId: order.id, paymentId: payment.id, reason, source });
}

async function refundLater(tx: Tx, followUps: FollowUp[], input: Parameters<typeof requestRefund>[1], source: Source): Promise<void> {
  const refund = await requestRefund(tx, input, source);
  if (refund) followUps.push({ kind: "refund", refundId: refund.id });
}

/**
 * A captured payment pays a pending order, or a closed one (expired, cancelled) whose stock can be
 * reserved again. Anything else is refunded, never kept: a second payment on a paid order, a late
 * payment whose stock is gone. A payment already decided on (credited, or being refunded) stays so.
 */
async function creditCapturedPayment(tx: Tx, order: Order, paymentId: string, source: Source, followUps: FollowUp[]): Promise<OrderStatus> {
  if (order.paidPaymentId === paymentId) return order.status;
  if (!canMoveOrder(order.status, "paid")) {
    await refundLater(tx, followUps, { orderId: order.id, paymentId, reason: "duplicate_payment" }, source);
    return order.status;
  }
  const refunding = await tx.refund.findFirst({ where: { paymentId, reason: "order_expired" } });
  if (refunding) {
    await refundLater(tx, followUps, { orderId: order.id, paymentId, reason: "order_expired" }, source);
    return order.status;
  }
  const closed = CLOSED_UNPAID_STATES.includes(order.status);
  if (closed) {
    const lines = await tx.orderItem.findMany({ where: { orderId: order.id }, select: { variantId: true, quantity: true } });
    if (!(await tryReserveStock(tx, lines))) {
      await refundLater(tx, followUps, { orderId: order.id, paymentId, reason: "order_expired" }, source);
      return order.status;
    }
  }
  const paidAt = new Date();
  await tx.payment.update({ where: { id: paymentId }, data: { credited: true } });
  await tx.order.update({ where: { id: order.id }, data: { status: "paid", paidPaymentId: paymentId, paidAt, nextCheckAt: nextCheckAt({ status: "paid", since: paidAt }, paidAt) } });
  await audit(tx, order.id, source, {
    action: "order.paid",
    paymentId,
    fromState: order.status,
    toState: "paid",
    reason: closed ? `paid after the order was ${order.status}; stock reserved again` : undefined,
  });
  // Email (issue 7): the confirmation, with the order's link, commits with the payment or not at all.
  await enqueueEmail(tx, { kind: "order_confirmation", orderId: order.id });
  if (order.cartId) {
    const ordered = await tx.orderItem.findMany({ where: { orderId: order.id }, select: { variantId: true } });
    await tx.cartItem.deleteMany({ where: { cartId: order.cartId, variantId: { in: ordered.map((item) => item.variantId) } } });
  }
  // Issue 10: the tax invoice, numbered in this transaction so a rollback leaves no gap. Last
  // write on purpose: the financial year's counter row stays locked until commit.
  await issueInvoice(tx, order.id, paidAt);
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
    if (claimed.count === 1) {
      await audit(tx, orderId, source, { action: "order.gateway_order_recorded", reason: `gateway order ${razorpayOrderId}` });
      return orderId;
    }
    const current = await tx.order.findUnique({ where: { id: orderId }, select: { razorpayOrderId: true } });
    return current?.razorpayOrderId === razorpayOrderId ? orderId : null;
  });
}
