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
 * Order moves. An expired order may still be paid: Razorpay orders cannot be closed, so a shopper
 * with the popup open can pay after our TTL; the stock is re-reserved or the payment refunded.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ["paid", "expired"],
  expired: ["paid"],
  paid: [],
};

export function canMovePayment(from: PaymentStatus | "new", to: PaymentStatus): boolean {
  return PAYMENT_TRANSITIONS[from].includes(to);
}

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}
