import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid, sameSecret } from "@/lib/ids";
import type { OrderStatus, PaymentStatus, RefundReason, RefundStatus } from "@/lib/generated/prisma/enums";

/**
 * What the shopper's page shows of a payment: the one that paid the order, else the latest
 * attempt's state. `refunding`/`refunded`: money was received that could not be credited (or the
 * order was refunded) and is on its way back, or is back.
 */
export type OrderPaymentStatus = "captured" | "authorized" | "failed" | "awaiting" | "refunding" | "refunded";

export interface OrderStatusView {
  status: OrderStatus;
  paymentStatus: OrderPaymentStatus;
  /** The order's total. */
  amount: number;
  /** Captured by Razorpay across all payments, whether or not it could be credited. */
  amountReceived: number;
  /** The payment credited to the order (0 until paid). */
  amountPaid: number;
  /** Back with the shopper: refunds Razorpay has processed. */
  amountRefunded: number;
  currency: string;
  payments: { id: string; status: PaymentStatus; amount: number; credited: boolean }[];
  /** Every refund, including those still being processed; `requested` means Razorpay has not yet accepted it. */
  refunds: { paymentId: string; amount: number; status: RefundStatus; reason: RefundReason }[];
}

/** Loads an order for whoever holds its access token; any mismatch is "not found", never a hint. */
export async function findOrderForToken(orderId: string, token: string | null) {
  const order = isUuid(orderId)
    ? await db().order.findUnique({
        where: { id: orderId },
        include: { items: { orderBy: [{ name: "asc" }, { variantName: "asc" }] }, payments: { orderBy: { createdAt: "asc" } }, refunds: { orderBy: { createdAt: "asc" } } },
      })
    : null;
  if (!order || !token || !sameSecret(order.accessToken, token)) throw new AppError("not_found", "No order matches this link");
  return order;
}

export type OrderWithDetails = Awaited<ReturnType<typeof findOrderForToken>>;

const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);

function paymentStatusOf(order: OrderWithDetails): OrderPaymentStatus {
  const refundedOf = (paymentId: string) => sum(order.refunds.filter((refund) => refund.paymentId === paymentId && refund.status === "processed").map((refund) => refund.amount));
  const credited = order.payments.find((payment) => payment.credited);
  if (credited) return refundedOf(credited.id) >= credited.amount ? "refunded" : "captured";
  const latest = order.payments.at(-1);
  if (!latest) return "awaiting";
  if (latest.status === "authorized" || latest.status === "failed") return latest.status;
  // Received but not credited (a mismatched or late payment): it is being, or has been, refunded.
  if (latest.status === "refunded" || refundedOf(latest.id) >= latest.amount) return "refunded";
  return order.refunds.some((refund) => refund.paymentId === latest.id) ? "refunding" : "awaiting";
}

export function orderStatusView(order: OrderWithDetails): OrderStatusView {
  const credited = order.payments.find((payment) => payment.credited);
  return {
    status: order.status,
    paymentStatus: paymentStatusOf(order),
    amount: order.total,
    amountReceived: sum(order.payments.filter((payment) => payment.status === "captured" || payment.status === "refunded").map((payment) => payment.amount)),
    amountPaid: credited?.amount ?? 0,
    amountRefunded: sum(order.refunds.filter((refund) => refund.status === "processed").map((refund) => refund.amount)),
    currency: order.currency,
    payments: order.payments.map(({ id, status, amount, credited }) => ({ id, status, amount, credited })),
    refunds: order.refunds.map(({ paymentId, amount, status, reason }) => ({ paymentId, amount, status, reason })),
  };
}
