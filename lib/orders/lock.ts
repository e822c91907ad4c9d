import type { Tx } from "@/lib/db";
import type { Order } from "@/lib/generated/prisma/client";

/** Locks the order's row until the transaction ends: the one lock that decides every race about an order. */
export async function lockOrder(tx: Tx, orderId: string): Promise<Order> {
  await tx.$queryRaw`SELECT id FROM orders WHERE id = ${orderId}::uuid FOR UPDATE`;
  return tx.order.findUniqueOrThrow({ where: { id: orderId } });
}
