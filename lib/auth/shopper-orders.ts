import { db } from "@/lib/db";

export const ACCOUNT_ORDERS_PAGE_SIZE = 10;

/**
 * A shopper's own orders, newest first, a page at a time, each with its items, payments, refunds
 * and status history. The query is scoped by `userId` and nothing else: no parameter a shopper
 * controls can widen it to another shopper's orders.
 */
export async function shopperOrders(userId: string, requestedPage: number) {
  const where = { userId };
  const total = await db().order.count({ where });
  const pages = Math.max(1, Math.ceil(total / ACCOUNT_ORDERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  const orders = await db().order.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { number: "desc" }],
    skip: (page - 1) * ACCOUNT_ORDERS_PAGE_SIZE,
    take: ACCOUNT_ORDERS_PAGE_SIZE,
    include: {
      items: { orderBy: { name: "asc" } },
      payments: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { createdAt: "asc" } },
      // The status history: the audit entries that changed the order's state.
      events: { where: { action: { startsWith: "order." }, toState: { not: null } }, orderBy: { id: "asc" }, select: { id: true, fromState: true, toState: true, createdAt: true } },
    },
  });
  return { orders, total, page, pages };
}

export type ShopperOrder = Awaited<ReturnType<typeof shopperOrders>>["orders"][number];
