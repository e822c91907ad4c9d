import type { OrderWithDetails } from "@/lib/orders/status";
import { formatMoney, money } from "@/lib/money";
import { includedGst } from "@/lib/tax/gst";
import { cardStyles } from "@/components/ui/styles";
import { TotalsList } from "@/components/ui/totals";
import { formatDateTime } from "./format";
import { PostalAddress } from "./postal-address";

type Payment = OrderWithDetails["payments"][number];
type Refund = OrderWithDetails["refunds"][number];

const paymentStatus: Record<Payment["status"] | "not_applied", { label: string; style: string }> = {
  captured: { label: "Successful", style: "bg-brand-100 text-brand-900" },
  not_applied: { label: "Not applied", style: "bg-amber-100 text-amber-900" },
  authorized: { label: "Approved, confirming", style: "bg-sky-100 text-sky-900" },
  failed: { label: "Failed", style: "bg-red-100 text-red-900" },
  refunded: { label: "Refunded", style: "bg-stone-200 text-stone-800" },
};

/** A captured payment that did not pay the order (wrong amount, a second payment, too late) must not read as a success. */
function statusOf(payment: Payment): keyof typeof paymentStatus {
  return payment.status === "captured" && !payment.credited ? "not_applied" : payment.status;
}

const methods: Record<string, string> = { card: "Card", upi: "UPI", netbanking: "Netbanking", wallet: "Wallet", emi: "EMI" };

const refundReasons: Record<Refund["reason"], string> = {
  duplicate_payment: "Extra payment for an order already paid",
  order_expired: "Payment arrived after the order expired or was cancelled",
  amount_mismatch: "Payment did not match the order's total",
  external: "Refunded by the shop",
  admin: "Refunded by the shop",
};

const refundStatus: Record<Refund["status"], string> = {
  requested: "Being processed",
  pending: "Being processed",
  processed: "Refunded",
  failed: "Delayed: our team is on it",
};

const heading = "text-base font-semibold text-stone-900";

function gstOf(order: OrderWithDetails) {
  const gst = includedGst(order);
  return gst === null ? undefined : money(gst, order.currency);
}

export function OrderItems({ order }: { order: OrderWithDetails }) {
  const amount = (minor: number) => formatMoney(money(minor, order.currency));
  return (
    <section aria-labelledby="items-heading" className={`${cardStyles} p-5 sm:p-6`}>
      <h2 id="items-heading" className={heading}>
        Items
      </h2>
      <ul className="mt-3 divide-y divide-stone-100">
        {order.items.map((item) => (
          <li key={item.id} className="flex justify-between gap-4 py-3 text-sm">
            <div>
              <p className="font-medium text-stone-900">{item.name}</p>
              {item.variantName && <p className="text-stone-600">{item.variantName}</p>}
              <p className="mt-0.5 text-stone-500 tabular-nums">
                {item.quantity} × {amount(item.unitPrice)}
              </p>
            </div>
            <p className="font-medium tabular-nums">{amount(item.lineTotal)}</p>
          </li>
        ))}
      </ul>
      <div className="mt-3 border-t border-stone-200 pt-4">
        <TotalsList totals={{ subtotal: money(order.subtotal, order.currency), shipping: money(order.shipping, order.currency), total: money(order.total, order.currency) }} gst={gstOf(order)} />
      </div>
    </section>
  );
}

export function DeliveryDetails({ order }: { order: OrderWithDetails }) {
  return (
    <section aria-labelledby="delivery-heading" className={`${cardStyles} grid gap-6 p-5 sm:grid-cols-2 sm:p-6 lg:grid-cols-1`}>
      <h2 id="delivery-heading" className="sr-only">
        Delivery details
      </h2>
      <div>
        <h3 className={heading}>Shipping to</h3>
        <PostalAddress order={order} withName className="mt-2" />
      </div>
      <div>
        <h3 className={heading}>Contact</h3>
        <p className="mt-2 text-sm leading-relaxed break-words text-stone-700">
          {order.email}
          <br />
          {order.phone}
        </p>
      </div>
    </section>
  );
}

export function PaymentHistory({ order }: { order: OrderWithDetails }) {
  return (
    <section aria-labelledby="payments-heading" className={`${cardStyles} p-5 sm:p-6`}>
      <h2 id="payments-heading" className={heading}>
        Payment attempts
      </h2>
      {order.payments.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">No payment attempts yet.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {order.payments.map((payment) => (
            <li key={payment.id} className="rounded-xl border border-stone-200 p-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium tabular-nums">{formatMoney(money(payment.amount, payment.currency))}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${paymentStatus[statusOf(payment)].style}`}>{paymentStatus[statusOf(payment)].label}</span>
              </div>
              <p className="mt-1 text-xs text-stone-500">
                {[payment.method && (methods[payment.method] ?? payment.method), formatDateTime(payment.createdAt)].filter(Boolean).join(" · ")}
                <span className="block font-mono break-all">{payment.id}</span>
              </p>
              {payment.status === "failed" && payment.errorDescription && <p className="mt-1.5 text-xs text-red-800">{payment.errorDescription}</p>}
            </li>
          ))}
        </ol>
      )}
      {order.refunds.length > 0 && (
        <>
          <h3 className={`${heading} mt-5`}>Refunds</h3>
          <ul className="mt-2 space-y-2 text-sm">
            {order.refunds.map((refund) => (
              <li key={refund.id} className="flex justify-between gap-3">
                <span className="text-stone-700">{refundReasons[refund.reason]}</span>
                <span className="shrink-0 text-right tabular-nums">
                  {formatMoney(money(refund.amount, refund.currency))}
                  <span className="block text-xs text-stone-500">{refundStatus[refund.status]}</span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
