import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid, sameSecret } from "@/lib/ids";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";

/** What the shopper's page shows of a payment: the one that paid, else the latest attempt's state. */
export type OrderPaymentStatus = "captured" | "authorized" | "failed" | "awaiting";

export interface OrderStatusView {
  status: OrderStatus;
  paymentStatus: OrderPaymentStatus;
  amount: number;
  amountPaid: number;
  currency: string;
  payments: { id: string; status: PaymentStatus; amount: number }[];
}

/** Loads an order for whoever holds its access token; any mismatch is "not found", never a hint. */
export async function findOrderForToken(orderId: string, token: string | null) {
  const order = isUuid(orderId)
    ? await db().order.findUnique({
        where: { id: orderId },
        include: { items: { orderBy: { name: "asc" } }, payments: { orderBy: { createdAt: "asc" } }, refunds: true },
      })
    : null;
  if (!order || !token || !sameSecret(order.accessToken, token)) throw new AppError("not_found", "No order matches this link");
  return order;
}

export type OrderWithDetails = Awaited<ReturnType<typeof findOrderForToken>>;

function paymentStatusOf(order: { payments: { status: PaymentStatus; credited: boolean }[] }): OrderPaymentStatus {
  if (order.payments.some((payment) => payment.credited)) return "captured";
  const latest = order.payments.at(-1);
  if (latest?.status === "authorized" || latest?.status === "failed") return latest.status;
  return "awaiting";
}

export function orderStatusView(order: OrderWithDetails): OrderStatusView {
  const credited = order.payments.find((payment) => payment.credited);
  return {
    status: order.status,
    paymentStatus: paymentStatusOf(order),
    amount: order.total,
    amountPaid: credited?.amount ?? 0,
    currency: order.currency,
    payments: order.payments.map(({ id, status, amount }) => ({ id, status, amount })),
  };
}
