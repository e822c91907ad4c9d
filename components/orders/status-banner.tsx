import type { OrderStatusView, OrderWithDetails } from "@/lib/orders/status";
import { formatMoney, money } from "@/lib/money";
import { Spinner } from "@/components/ui/spinner";
import { formatDateTime, formatTime } from "./format";

type Tone = "paid" | "waiting" | "review" | "expired";

const toneStyles: Record<Tone, string> = {
  paid: "border-brand-200 bg-brand-50 text-brand-900",
  waiting: "border-sky-200 bg-sky-50 text-sky-950",
  review: "border-amber-300 bg-amber-50 text-amber-950",
  expired: "border-stone-300 bg-stone-100 text-stone-800",
};

function Icon({ tone }: { tone: Tone }) {
  if (tone === "waiting") return <Spinner className="size-6" />;
  const paths: Record<Exclude<Tone, "waiting">, string> = {
    paid: "M5 12.5l4.5 4.5L19 7.5",
    review: "M12 8v5m0 3.5v.01M10.3 3.9 2.4 17.6A2 2 0 0 0 4.1 20.6h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
    expired: "M12 7v5l3 2m6-2a9 9 0 1 1-18 0 9 9 0 0 1 18 0z",
  };
  return (
    <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={paths[tone]} />
    </svg>
  );
}

function describe(order: OrderWithDetails, view: OrderStatusView): { tone: Tone; title: string; body: string } {
  const amount = (value: number) => formatMoney(money(value, view.currency));
  const refundedOrRefunding = view.amountRefunded > 0 && view.refunds.every((refund) => refund.status === "processed") ? "has been refunded" : "is being refunded";
  if (order.status === "paid" || order.status === "partially_refunded") {
    const paidOn = order.paidAt ? ` on ${formatDateTime(order.paidAt)}` : "";
    const refunded = order.status === "partially_refunded" ? ` ${amount(view.amountRefunded)} of it has been refunded to you.` : "";
    return { tone: "paid", title: order.status === "paid" ? "Paid" : "Paid, partly refunded", body: `Thank you! We received your payment of ${amount(view.amountPaid)}${paidOn}.${refunded} We'll pack your order and send it on its way.` };
  }
  if (order.status === "refunded") {
    return { tone: "expired", title: "Refunded", body: `Your payment of ${amount(view.amountPaid)} has been refunded in full to the account you paid from.` };
  }
  if (order.status === "expired" || order.status === "cancelled") {
    const ended = order.status === "expired" ? "This order expired before it was paid" : "This order was cancelled before it was paid, because the cart changed";
    const body = view.amountReceived > 0 ? `${ended}. The ${amount(view.amountReceived)} that arrived for it ${refundedOrRefunding} to you in full.` : `${ended}; nothing was charged.`;
    return { tone: "expired", title: order.status === "expired" ? "Expired" : "Cancelled", body };
  }
  if (view.paymentStatus === "refunding" || view.paymentStatus === "refunded") {
    return {
      tone: "review",
      title: "Payment could not be used",
      body: `We received ${amount(view.amountReceived)}, which doesn't match this order's total of ${amount(order.total)}, so it was not applied to the order. It ${refundedOrRefunding} to you in full. You can still pay ${amount(order.total)} below until ${formatTime(order.expiresAt)}.`,
    };
  }
  const latest = order.payments.at(-1);
  const body = {
    authorized: "Your bank has approved the payment and we're confirming it with Razorpay.",
    failed: `Your last payment attempt didn't go through${latest?.errorDescription ? `: ${latest.errorDescription}` : "."} You can try again below.`,
    captured: "We're recording your payment.",
    awaiting: `We haven't received a payment of ${amount(order.total)} for this order yet. Your items are held until ${formatTime(order.expiresAt)}.`,
  }[view.paymentStatus];
  return { tone: "waiting", title: "Waiting for payment confirmation…", body: `${body} This page updates by itself.` };
}

/** The order's state in words. A live region, so the change to "Paid" is announced when the page refreshes. */
export function StatusBanner({ order, view }: { order: OrderWithDetails; view: OrderStatusView }) {
  const { tone, title, body } = describe(order, view);
  return (
    <div role="status" aria-live="polite" className={`flex gap-4 rounded-2xl border p-5 ${toneStyles[tone]}`}>
      <div className="mt-0.5 shrink-0">
        <Icon tone={tone} />
      </div>
      <div>
        <p className="text-lg font-semibold">{title}</p>
        <p className="mt-1 text-sm leading-relaxed">{body}</p>
        {order.status !== "pending" && view.refunds.some((refund) => refund.reason === "duplicate_payment") && (
          <p className="mt-2 text-sm font-medium text-amber-900">We received more than one payment for this order. The extra payment {view.refunds.some((refund) => refund.reason === "duplicate_payment" && refund.status !== "processed") ? "is being" : "has been"} refunded to you in full.</p>
        )}
      </div>
    </div>
  );
}
