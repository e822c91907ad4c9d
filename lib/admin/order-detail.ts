import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { audit } from "@/lib/orders/audit";
import { lockOrder } from "@/lib/orders/lock";
import { PAID_STATES } from "@/lib/payments/transitions";
import { refundableAmount } from "@/lib/refunds/admin";
import { buildTimeline, type TimelineEntry } from "./timeline";
import { webhooksForOrder, type OrderWebhook } from "./webhooks";

async function loadOrder(orderId: string) {
  const order = isUuid(orderId)
    ? await db().order.findUnique({
        where: { id: orderId },
        include: {
          items: { orderBy: [{ name: "asc" }, { variantName: "asc" }] },
          payments: { orderBy: { createdAt: "asc" } },
          refunds: { orderBy: { createdAt: "asc" } },
          events: { orderBy: { id: "asc" } },
        },
      })
    : null;
  if (!order) throw new AppError("not_found", "No such order");
  return order;
}

type LoadedOrder = Awaited<ReturnType<typeof loadOrder>>;

export interface AdminOrderDetail {
  order: Omit<LoadedOrder, "events" | "accessToken">;
  /** What an admin may still refund (credited payment minus refunds that have not failed); 0 if unpaid. */
  refundable: number;
  webhooks: OrderWebhook[];
  timeline: TimelineEntry[];
}

/** Everything the admin's order page shows: items, customer, payments, refunds, webhooks and one timeline. */
export async function adminOrderDetail(orderId: string): Promise<AdminOrderDetail> {
  const { events, accessToken: _secret, ...order } = await loadOrder(orderId);
  const webhookRefs = [...new Set(events.filter((event) => event.actor === "webhook" && event.actorRef).map((event) => event.actorRef as string))];
  const webhooks = await webhooksForOrder(order, webhookRefs);
  const credited = order.payments.find((payment) => payment.id === order.paidPaymentId);
  const refundable = credited && PAID_STATES.includes(order.status) ? await refundableAmount(db(), credited) : 0;
  const timeline = await buildTimeline({ orderId: order.id, events, webhooks });
  return { order, refundable, webhooks, timeline };
}

export interface ResolveResult {
  /** False when the order was not flagged (already resolved, or never flagged): nothing changed. */
  resolved: boolean;
  flagReason: string | null;
}

/**
 * An admin clears an order's flag once they have looked into it, saying what they found. The
 * payment that raised the flag is refunded automatically when it was captured (reason
 * amount_mismatch); this only records that a person has dealt with it, under the order lock.
 */
export async function resolveFlaggedOrder(input: { orderId: string; note: string; admin: { email: string } }): Promise<ResolveResult> {
  if (!isUuid(input.orderId)) throw new AppError("not_found", "No such order");
  return transaction(async (tx) => {
    const exists = await tx.order.findUnique({ where: { id: input.orderId }, select: { id: true } });
    if (!exists) throw new AppError("not_found", "No such order");
    const order = await lockOrder(tx, input.orderId);
    if (!order.flaggedAt) return { resolved: false, flagReason: null };
    await tx.order.update({ where: { id: order.id }, data: { flaggedAt: null, flagReason: null } });
    await audit(tx, order.id, { actor: "admin", ref: input.admin.email }, {
      action: "order.flag_resolved",
      reason: input.note,
      data: { flaggedAt: order.flaggedAt.toISOString(), flagReason: order.flagReason },
    });
    return { resolved: true, flagReason: order.flagReason };
  });
}
