import type { OrderStatus, PaymentStatus, RefundStatus, WebhookStatus } from "@/lib/generated/prisma/enums";
import type { Tone } from "@/lib/admin/timeline";

/** How the admin reads states: one label and one colour per state, everywhere in the admin. */
export const ORDER_STATUS: Record<OrderStatus, { label: string; tone: Tone }> = {
  pending: { label: "Awaiting payment", tone: "neutral" },
  paid: { label: "Paid", tone: "good" },
  partially_refunded: { label: "Partially refunded", tone: "warning" },
  refunded: { label: "Refunded", tone: "warning" },
  expired: { label: "Expired", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export const PAYMENT_STATUS: Record<PaymentStatus, { label: string; tone: Tone }> = {
  authorized: { label: "Authorised", tone: "neutral" },
  captured: { label: "Captured", tone: "good" },
  failed: { label: "Failed", tone: "bad" },
  refunded: { label: "Refunded", tone: "warning" },
};

export const REFUND_STATUS: Record<RefundStatus, { label: string; tone: Tone }> = {
  requested: { label: "Requested", tone: "neutral" },
  pending: { label: "With Razorpay", tone: "neutral" },
  processed: { label: "Processed", tone: "good" },
  failed: { label: "Failed", tone: "bad" },
};

export const WEBHOOK_STATUS: Record<WebhookStatus, { label: string; tone: Tone }> = {
  pending: { label: "Queued", tone: "warning" },
  processing: { label: "Processing", tone: "neutral" },
  processed: { label: "Processed", tone: "good" },
  dead: { label: "Dead-lettered", tone: "bad" },
};

export const REFUND_REASON: Record<string, string> = {
  duplicate_payment: "Second payment for a paid order",
  order_expired: "Paid after the order closed",
  amount_mismatch: "Payment did not match the order",
  external: "Made in Razorpay's dashboard",
  admin: "Refunded by an admin",
};

export const METHODS: Record<string, string> = { card: "Card", upi: "UPI", netbanking: "Netbanking", wallet: "Wallet", emi: "EMI" };

export const TONE_STYLES: Record<Tone, string> = {
  neutral: "bg-stone-100 text-stone-800",
  good: "bg-brand-100 text-brand-900",
  warning: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-900",
};
