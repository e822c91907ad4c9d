import { config } from "@/lib/config";
import { db } from "@/lib/db";
import type { Source } from "@/lib/orders/audit";
import { expireOrder } from "@/lib/orders/expiry";
import { purgeExpiredKeys } from "@/lib/orders/idempotency";
import { adoptGatewayOrder, applyPaymentFact } from "@/lib/payments/apply";
import { fetchGatewayOrderPayments, findGatewayOrderByReceipt } from "@/lib/razorpay/client";
import { sendRequestedRefunds } from "@/lib/refunds/refunds";
import { processDueWebhooks } from "@/lib/webhooks/inbox";

export interface ReconcileReport {
  ordersChecked: number;
  ordersPaid: number;
  ordersExpired: number;
  refundsSent: number;
  webhooksProcessed: number;
  keysPurged: number;
  errors: { orderId?: string; message: string }[];
}

const SOURCE: Source = { actor: "reconciliation" };
/** How long after expiry an order is still checked for a late payment. */
const LATE_PAYMENT_WATCH_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * The safety net for lost messages and dead processes: asks Razorpay about every order still
 * awaiting payment after a grace period and applies what it says through the same transition
 * function, expires orders past their TTL (only after Razorpay confirmed they are unpaid), keeps
 * watching expired orders for a while for late payments, sends
 * refunds that were decided but not sent, and processes webhook events that are due.
 */
export async function reconcile(options: { now?: Date; graceMinutes?: number; limit?: number } = {}): Promise<ReconcileReport> {
  const now = options.now ?? new Date();
  const grace = options.graceMinutes ?? config().reconcileAfterMinutes;
  const report: ReconcileReport = { ordersChecked: 0, ordersPaid: 0, ordersExpired: 0, refundsSent: 0, webhooksProcessed: 0, keysPurged: 0, errors: [] };

  report.webhooksProcessed = await processDueWebhooks(now);
  const awaiting = await db().order.findMany({
    where: {
      OR: [
        { status: "pending", createdAt: { lte: new Date(now.getTime() - grace * 60_000) } },
        // Razorpay orders cannot be closed, so an expired order can still be paid from an open popup.
        { status: "expired", expiredAt: { gte: new Date(now.getTime() - LATE_PAYMENT_WATCH_MS) } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 200,
    select: { id: true, razorpayOrderId: true },
  });
  for (const order of awaiting) {
    report.ordersChecked++;
    try {
      const status = await reconcileOrder(order, now);
      if (status === "paid") report.ordersPaid++;
      if (status === "expired") report.ordersExpired++;
    } catch (error) {
      report.errors.push({ orderId: order.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  report.refundsSent = await sendRequestedRefunds(SOURCE);
  report.keysPurged = await purgeExpiredKeys(now);
  return report;
}

/** Asks Razorpay about one order and applies what it says; expires it when past its TTL and unpaid. */
export async function reconcileOrder(order: { id: string; razorpayOrderId: string | null }, now: Date): Promise<"paid" | "expired" | "pending"> {
  let razorpayOrderId = order.razorpayOrderId;
  if (!razorpayOrderId) {
    const found = await findGatewayOrderByReceipt(order.id);
    if (found && (await adoptGatewayOrder(order.id, found.id, SOURCE))) razorpayOrderId = found.id;
  }
  if (razorpayOrderId) {
    for (const payment of await fetchGatewayOrderPayments(razorpayOrderId)) {
      const outcome = await applyPaymentFact(payment, SOURCE);
      if (outcome?.orderStatus === "paid") return "paid";
    }
  }
  return (await expireOrder(order.id, SOURCE, now)) ? "expired" : "pending";
}
