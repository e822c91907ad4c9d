import type { OrderStatus } from "@/lib/generated/prisma/enums";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Razorpay orders cannot be closed: an expired or cancelled order is watched this long for a late payment. */
export const LATE_PAYMENT_WATCH_MS = 3 * DAY;
/** A paid order is looked at now and then this long, to learn of refunds made in Razorpay's dashboard whose webhook was lost. */
export const REFUND_WATCH_MS = 30 * DAY;

/**
 * When reconciliation should next ask Razorpay about an order, by its state; null once nothing can
 * change any more. Every order that is watched is due at some time, and reconciliation takes the
 * longest-due first, so however many orders are watched each one is reached.
 *
 * `since`: when the order entered its state (paid, expired or cancelled); unused for pending.
 */
export function nextCheckAt(order: { status: OrderStatus; since: Date | null }, now: Date): Date | null {
  const age = now.getTime() - (order.since ?? now).getTime();
  switch (order.status) {
    case "pending":
      return new Date(now.getTime() + MINUTE);
    case "expired":
    case "cancelled":
      // Late payments come soon after the popup was left open, so look often at first, then rarely.
      return age >= LATE_PAYMENT_WATCH_MS ? null : new Date(now.getTime() + Math.min(HOUR, Math.max(MINUTE, age / 4)));
    case "paid":
    case "partially_refunded":
      return age >= REFUND_WATCH_MS ? null : new Date(now.getTime() + DAY);
    case "refunded":
      return null;
  }
}
