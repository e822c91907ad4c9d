import { afterResponse } from "@/lib/after-response";
import { log } from "@/lib/log";
import { db } from "@/lib/db";
import { fetchGatewayOrder } from "@/lib/razorpay/client";
import { reconcileOrder } from "./reconcile";

/** At most one on-demand check per order in this window, across all server instances. */
export const ON_DEMAND_CHECK_INTERVAL_MS = 5_000;
/** A status poll waits this long for the check; a slower Razorpay finishes in the background. */
const WAIT_FOR_CHECK_MS = 3_000;

interface WatchedOrder {
  id: string;
  status: string;
  razorpayOrderId: string | null;
  payments: readonly unknown[];
}

/**
 * Asks Razorpay about an unpaid order the shopper is looking at, when it had a payment attempt:
 * a shopper whose verify call failed and whose webhooks were lost sees the payment in seconds
 * instead of at the next reconciliation run. Throttled per order by a conditional update of
 * `gateway_checked_at`, which only one instance can win per window. Never throws: Razorpay being
 * down must not break the status answer. Returns true when it asked (the caller re-reads the order).
 */
export async function checkOrderWithGateway(order: WatchedOrder, now = new Date()): Promise<boolean> {
  if (order.status !== "pending" || !order.razorpayOrderId) return false;
  try {
    const claimed = await db().$executeRaw`
      UPDATE orders SET gateway_checked_at = ${now}
      WHERE id = ${order.id}::uuid AND status = 'pending'
        AND (gateway_checked_at IS NULL OR gateway_checked_at < ${new Date(now.getTime() - ON_DEMAND_CHECK_INTERVAL_MS)})`;
    if (claimed !== 1) return false;
    const check = runCheck(order, order.razorpayOrderId, now);
    const finished = await Promise.race([check.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), WAIT_FOR_CHECK_MS).unref())]);
    // A check still waiting for Razorpay finishes after the response (runCheck never throws).
    if (!finished) afterResponse(check);
    return finished;
  } catch (error) {
    logFailure(order.id, error);
    return false;
  }
}

async function runCheck(order: WatchedOrder, razorpayOrderId: string, now: Date): Promise<void> {
  try {
    // Without a payment row we only know of an attempt from Razorpay's order (status "attempted").
    if (order.payments.length === 0 && (await fetchGatewayOrder(razorpayOrderId)).status === "created") return;
    await reconcileOrder({ id: order.id, razorpayOrderId }, now);
  } catch (error) {
    logFailure(order.id, error);
  }
}

function logFailure(orderId: string, error: unknown): void {
  log.warn("on_demand_check_failed", { orderId, reason: error instanceof Error ? error.message : String(error) });
}
