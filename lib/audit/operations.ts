import { db } from "@/lib/db";
import { critical, ok, warning, type Finding } from "./findings";

/**
 * The payment operations' backlog, read from the database: money facts not processed (dead
 * webhooks), money owed to shoppers not sent (refunds stuck in `requested`, failed refunds nobody
 * retried), shoppers not told (failed emails), and orders a person must look at (flagged).
 */

/** A refund Razorpay has not accepted after this many attempts, or this long, is stuck. */
export const STUCK_REFUND_ATTEMPTS = 5;
export const STUCK_REFUND_MINUTES = 60;

export interface OperationsReadings {
  deadWebhooks: { count: number; oldest: Date | null };
  stuckRefunds: { count: number; amount: number };
  /** Failed refunds with no later refund on the same order (requested, pending or processed). */
  unhandledFailedRefunds: { count: number; amount: number };
  failedEmails: number;
  flaggedOrders: number;
}

export async function readOperations(now = new Date()): Promise<OperationsReadings> {
  const client = db();
  const stuckBefore = new Date(now.getTime() - STUCK_REFUND_MINUTES * 60_000);
  const [dead, stuck, failed, failedEmails, flaggedOrders] = await Promise.all([
    client.webhookEvent.aggregate({ where: { status: "dead" }, _count: { _all: true }, _min: { receivedAt: true } }),
    client.refund.aggregate({ where: { status: "requested", OR: [{ attempts: { gte: STUCK_REFUND_ATTEMPTS } }, { createdAt: { lt: stuckBefore } }] }, _count: { _all: true }, _sum: { amount: true } }),
    client.$queryRaw<{ count: number; amount: bigint }[]>`
      SELECT count(*)::int AS count, coalesce(sum(f.amount), 0)::bigint AS amount
      FROM refunds f
      WHERE f.status = 'failed' AND NOT EXISTS (
        SELECT 1 FROM refunds later
        WHERE later.order_id = f.order_id AND later.created_at > f.created_at AND later.status IN ('requested', 'pending', 'processed'))`,
    client.emailOutbox.count({ where: { status: "failed" } }),
    client.order.count({ where: { flaggedAt: { not: null } } }),
  ]);
  return {
    deadWebhooks: { count: dead._count._all, oldest: dead._min.receivedAt },
    stuckRefunds: { count: stuck._count._all, amount: stuck._sum.amount ?? 0 },
    unhandledFailedRefunds: { count: failed[0]?.count ?? 0, amount: Number(failed[0]?.amount ?? 0) },
    failedEmails,
    flaggedOrders,
  };
}

const rupees = (paise: number) => `₹${(paise / 100).toFixed(2)}`;

export function checkOperations(readings: OperationsReadings): Finding[] {
  const { deadWebhooks, stuckRefunds, unhandledFailedRefunds, failedEmails, flaggedOrders } = readings;
  return [
    deadWebhooks.count
      ? critical("ops.dead-webhooks", `${deadWebhooks.count} dead-lettered webhook(s) since ${deadWebhooks.oldest?.toISOString() ?? "?"}: payment facts never applied; replay them from the admin or \`npm run webhooks:replay\``)
      : ok("ops.dead-webhooks", "no dead-lettered webhooks"),
    stuckRefunds.count
      ? critical("ops.stuck-refunds", `${stuckRefunds.count} refund(s) (${rupees(stuckRefunds.amount)}) still requested after ${STUCK_REFUND_ATTEMPTS} attempts or ${STUCK_REFUND_MINUTES} minutes: shoppers are owed money Razorpay has not accepted`)
      : ok("ops.stuck-refunds", "no refund stuck in requested"),
    unhandledFailedRefunds.count
      ? critical("ops.failed-refunds", `${unhandledFailedRefunds.count} failed refund(s) (${rupees(unhandledFailedRefunds.amount)}) with no later refund on their order: refund them again or settle with the shopper`)
      : ok("ops.failed-refunds", "every failed refund was followed by another"),
    failedEmails ? warning("ops.failed-emails", `${failedEmails} email(s) failed in the outbox: resend them from /admin/emails`) : ok("ops.failed-emails", "no failed emails"),
    flaggedOrders ? warning("ops.flagged-orders", `${flaggedOrders} order(s) flagged and not resolved: review them in /admin/orders?flagged=true`) : ok("ops.flagged-orders", "no open flagged orders"),
  ];
}
