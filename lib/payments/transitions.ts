import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";

/**
 * The legal states and moves, in one screen. Facts arrive from the checkout callback, webhooks
 * and reconciliation in any order and any number of times; a fact that would move a state
 * backwards is recorded in the audit trail and not applied.
 */

/** Payment moves. `failed → authorized/captured` is legal: late authorisation (a UPI retry, a slow bank) is real. */
export const PAYMENT_TRANSITIONS: Record<PaymentStatus | "new", readonly PaymentStatus[]> = {
  new: ["authorized", "captured", "failed", "refunded"],
  authorized: ["captured", "failed", "refunded"],
  failed: ["authorized", "captured"],
  captured: ["refunded"],
  refunded: [],
};

/**
 * Order moves. An expired or cancelled order may still be paid: Razorpay orders cannot be closed,
 * so a shopper with the popup open can pay after our TTL or after changing the cart; the stock is
 * re-reserved or the payment refunded. Refunds of the credited payment (from the admin, or made in
 * Razorpay's dashboard) move a paid order to partially refunded, then refunded.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["paid", "expired", "cancelled"],
  expired: ["paid"],
  cancelled: ["paid"],
  paid: ["partially_refunded", "refunded"],
  partially_refunded: ["partially_refunded", "refunded"],
  refunded: [],
};

/** States in which the order's money was received and credited (some of it may have gone back since). */
export const PAID_STATES: readonly OrderStatus[] = ["paid", "partially_refunded", "refunded"];

/** States in which the order holds no stock and waits for nothing, though a late payment may still arrive. */
export const CLOSED_UNPAID_STATES: readonly OrderStatus[] = ["expired", "cancelled"];

export function canMovePayment(from: PaymentStatus | "new", to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}
