import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import type { Source } from "@/lib/orders/audit";
import { nextCheckAt } from "@/lib/orders/check-schedule";
import { expireOrder } from "@/lib/orders/expiry";
import { purgeExpiredKeys } from "@/lib/orders/idempotency";
import { adoptGatewayOrder, applyPaymentFact } from "@/lib/payments/apply";
import { fetchGatewayOrderPayments, findGatewayOrderByReceipt } from "@/lib/razorpay/client";
import { sendDueRefunds } from "@/lib/refunds/refunds";
import { processDueWebhooks } from "@/lib/webhooks/inbox";

export interface ReconcileReport {
  ordersChecked: number;
  ordersPaid: number;
  ordersExpired: number;
  refundsSent: number;
  refundsFailed: number;
  refundsRetrying: number;
  webhooksProcessed: number;
  keysPurged: number;
  errors: { orderId?: string; refundId?: string; message: string }[];
}

const SOURCE: Source = { actor: "reconciliation" };
/** Orders awaiting payment looked at per run; they are due every minute, oldest due first. */
const PENDING_PER_RUN = 200;
/** Closed and paid orders watched for late payments and outside refunds, per run. */
const WATCHED_PER_RUN = 100;

/**
 * The safety net for lost messages and dead processes. Two populations, each read from an index
 * in the order they fell due, each with its own page size, so neither can starve the other:
 * orders still awaiting payment after a grace period (Razorpay is asked about them; past their TTL
 * and confirmed unpaid, they expire and give their stock back), and orders being watched after they
 * closed or were paid (late payments, refunds made in Razorpay's dashboard). Every order checked
 * is given its next due time, so each run takes the next page. It also sends refunds that are due,
 * processes due webhooks and purges old idempotency keys, and logs what it did.
 */
export async function reconcile(options: { now?: Date; graceMinutes?: number; limit?: number } = {}): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const grace = options.graceMinutes ?? config().reconcileAfterMinutes;
  const report: ReconcileReport = { ordersChecked: 0, ordersPaid: 0, ordersExpired: 0, refundsSent: 0, refundsFailed: 0, refundsRetrying: 0, webhooksProcessed: 0, keysPurged: 0, errors: [] };

  report.webhooksProcessed = await processDueWebhooks(now);
  const select = { id: true, razorpayOrderId: true, status: true } as const;
  const [awaiting, watched] = await Promise.all([
    db().order.findMany({
      where: { status: "pending", nextCheckAt: { lte: now }, createdAt: { lte: new Date(now.getTime() - grace * 60_000) } },
      orderBy: { nextCheckAt: "asc" },
      take: options.limit ?? PENDING_PER_RUN,
      select,
    }),
    db().order.findMany({
      where: { status: { in: ["expired", "cancelled", "paid", "partially_refunded"] }, nextCheckAt: { lte: now } },
      orderBy: { nextCheckAt: "asc" },
      take: options.limit ?? WATCHED_PER_RUN,
      select,
    }),
  ]);
  for (const order of [...awaiting, ...watched]) {
    report.ordersChecked++;
    try {
      const change = await reconcileOrder(order, now);
      if (change === "paid") report.ordersPaid++;
      if (change === "expired") report.ordersExpired++;
    } catch (error) {
      report.errors.push({ orderId: order.id, message: error instanceof Error ? error.message : String(error) });
    }
    await scheduleNextCheck(order.id, now);
  }

  const refunds = await sendDueRefunds(SOURCE, now);
  Object.assign(report, { refundsSent: refunds.sent, refundsFailed: refunds.failed, refundsRetrying: refunds.retrying });
  report.errors.push(...refunds.errors);
  report.keysPurged = await purgeExpiredKeys(now);
  (report.errors.length ? log.warn : log.info)("reconciliation_run", { ...report });
  return report;
}

/**
 * Asks Razorpay about one order and applies what it says through the transition function; expires
 * a pending order past its TTL that Razorpay confirms unpaid. Returns what changed.
 */
export async function reconcileOrder(order: { id: string; razorpayOrderId: string | null; status?: OrderStatus }, now: Date): Promise<"paid" | "expired" | "unchanged"> {
  let razorpayOrderId = order.razorpayOrderId;
  if (!razorpayOrderId) {
    const found = await findGatewayOrderByReceipt(order.id);
    if (found && (await adoptGatewayOrder(order.id, found.id, SOURCE))) razorpayOrderId = found.id;
  }
  let paid = false;
  if (razorpayOrderId) {
    for (const payment of await fetchGatewayOrderPayments(razorpayOrderId)) {
      const outcome = await applyPaymentFact(payment, SOURCE);
      paid ||= outcome?.result === "applied" && outcome.orderStatus === "paid";
    }
  }
  if (paid) return "paid";
  if (order.status && order.status !== "pending") return "unchanged";
  return (await expireOrder(order.id, SOURCE, now)) ? "expired" : "unchanged";
}

/** Gives a checked order its next due time from the state it is in now (null when nothing can change). */
async function scheduleNextCheck(orderId: string, now: Date): Promise<void> {
  const order = await db().order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, paidAt: true, expiredAt: true, cancelledAt: true } });
  const since = order.status === "expired" ? order.expiredAt : order.status === "cancelled" ? order.cancelledAt : order.paidAt;
  await db().order.updateMany({ where: { id: orderId, status: order.status }, data: { nextCheckAt: nextCheckAt({ status: order.status, since }, now) } });
}
