import { db, transaction, type Tx } from "@/lib/db";
import { isUuid } from "@/lib/ids";
import { releaseStock } from "@/lib/inventory/stock";
import { canMoveOrder } from "@/lib/payments/transitions";
import { audit } from "./audit";
import { lockOrder } from "./lock";

/**
 * Cancels a cart's unpaid orders: the shopper changed the cart, or started a checkout for other
 * items. Each order is cancelled under its row lock and only from `pending`, so its stock is
 * released exactly once whatever races it (expiry, a payment). Its Razorpay order cannot be
 * closed, so reconciliation keeps watching it (`next_check_at`) and a late payment is treated
 * like one for an expired order: stock reserved again, or the payment refunded.
 */
export async function cancelCartOrders(tx: Tx, cartId: string, reason: string, except?: string): Promise<number> {
  const open = await tx.order.findMany({ where: { cartId, status: "pending", ...(except ? { id: { not: except } } : {}) }, select: { id: true }, orderBy: { id: "asc" } });
  let cancelled = 0;
  for (const { id } of open) if (await cancelLocked(tx, id, reason)) cancelled++;
  return cancelled;
}

/** Takes the cart's row lock until the transaction ends: checkouts and changes of one cart run one at a time. */
export async function lockCart(tx: Tx, cartId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM carts WHERE id = ${cartId}::uuid FOR UPDATE`;
}

/** A cart change: its unpaid orders cancelled and the change made in one transaction, under the cart's lock. */
export async function changeCartAndCancel(cartId: string, reason: string, change: (tx: Tx) => Promise<void>): Promise<void> {
  await transaction(async (tx) => {
    await lockCart(tx, cartId);
    await cancelCartOrders(tx, cartId, reason);
    // The cart's next checkout is a new one, with a new key.
    await tx.cart.updateMany({ where: { id: cartId }, data: { checkoutKey: null } });
    await change(tx);
  });
}

async function cancelLocked(tx: Tx, orderId: string, reason: string): Promise<boolean> {
  const order = await lockOrder(tx, orderId);
  if (!canMoveOrder(order.status, "cancelled")) return false;
  const lines = await tx.orderItem.findMany({ where: { orderId }, select: { variantId: true, quantity: true } });
  await releaseStock(tx, lines);
  const now = new Date();
  await tx.order.update({ where: { id: orderId }, data: { status: "cancelled", cancelledAt: now, nextCheckAt: now } });
  await audit(tx, orderId, { actor: "checkout" }, { action: "order.cancelled", fromState: "pending", toState: "cancelled", reason: `${reason}; stock released` });
  return true;
}

/**
 * Units the cart's own unpaid orders hold, by variant. To that cart they are still available: a
 * cart change or a new checkout releases them before taking stock again.
 */
export async function unitsHeldForCart(cartId: string | null | undefined): Promise<Map<string, number>> {
  if (!isUuid(cartId)) return new Map();
  const held = await db().orderItem.groupBy({ by: ["variantId"], where: { order: { cartId, status: "pending" } }, _sum: { quantity: true } });
  return new Map(held.map((line) => [line.variantId, line._sum.quantity ?? 0]));
}
