import { transaction } from "@/lib/db";
import { releaseStock } from "@/lib/inventory/stock";
import { canMoveOrder } from "@/lib/payments/transitions";
import { audit, type Source } from "./audit";
import { nextCheckAt } from "./check-schedule";
import { lockOrder } from "./lock";

/**
 * Expires an unpaid order past its TTL and gives its stock back. Under the order's lock and only
 * from `pending`, so the stock is released exactly once however many workers try.
 */
export async function expireOrder(orderId: string, source: Source, now = new Date()): Promise<boolean> {
  return transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!canMoveOrder(order.status, "expired") || order.expiresAt > now) return false;
    const lines = await tx.orderItem.findMany({ where: { orderId }, select: { variantId: true, quantity: true } });
    await releaseStock(tx, lines);
    await tx.order.update({ where: { id: orderId }, data: { status: "expired", expiredAt: now, nextCheckAt: nextCheckAt({ status: "expired", since: now }, now) } });
    await audit(tx, orderId, source, { action: "order.expired", fromState: "pending", toState: "expired", reason: "unpaid when its reservation ran out; stock released" });
    return true;
  });
}
