import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import { cardStyles } from "@/components/ui/styles";
import type { AdminOrderDetail } from "@/lib/admin/order-detail";
import type { TimelineEntry } from "@/lib/admin/timeline";
import type { OrderWebhook } from "@/lib/admin/webhooks";
import { formatMoney, money } from "@/lib/money";
import { Badge } from "./badge";
import { METHODS, PAYMENT_STATUS, REFUND_REASON, REFUND_STATUS, WEBHOOK_STATUS } from "./labels";
import { ReplayWebhookButton } from "./replay-webhook-button";
import { PostalAddress } from "@/components/orders/postal-address";

type Order = AdminOrderDetail["order"];

export const heading = "text-base font-semibold text-stone-900";
const card = `${cardStyles} p-4 sm:p-5`;
const mono = "font-mono text-xs break-all";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-stone-500">{label}</dt>
      <dd className="text-stone-900">{children}</dd>
    </div>
  );
}

export function CustomerCard({ order }: { order: Order }) {
  return (
    <section aria-labelledby="customer-heading" className={card}>
      <h2 id="customer-heading" className={heading}>
        Customer
      </h2>
      <p className="mt-2 text-sm font-medium text-stone-900">{order.customerName}</p>
      <p className="text-sm break-all text-stone-700">
        <a href={`mailto:${order.email}`} className="underline-offset-4 hover:underline">
          {order.email}
        </a>
        <br />
        <a href={`tel:${order.phone}`} className="underline-offset-4 hover:underline">
          {order.phone}
        </a>
      </p>
      <h3 className="mt-4 text-sm font-semibold text-stone-900">Shipping address</h3>
      <PostalAddress order={order} className="mt-1" />
    </section>
  );
}

export function ItemsCard({ order }: { order: Order }) {
  const format = (amount: number) => formatMoney(money(amount, order.currency));
  return (
    <section aria-labelledby="items-heading" className={card}>
      <h2 id="items-heading" className={heading}>
        Items
      </h2>
      <ul className="mt-2 divide-y divide-stone-100 text-sm">
        {order.items.map((item) => (
          <li key={item.id} className="flex justify-between gap-4 py-2">
            <span>
              {item.name}
              {item.variantName && <span className="text-stone-600"> ({item.variantName})</span>} <span className="text-stone-500 tabular-nums">× {item.quantity}</span>
            </span>
            <span className="tabular-nums">{format(item.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="mt-2 space-y-1 border-t border-stone-200 pt-2 text-sm tabular-nums">
        <div className="flex justify-between">
          <dt className="text-stone-600">Subtotal</dt>
          <dd>{format(order.subtotal)}</dd>
        </div>
        <div className="flex justify-between">
          <dt className="text-stone-600">Shipping</dt>
          <dd>{order.shipping === 0 ? "Free" : format(order.shipping)}</dd>
        </div>
        <div className="flex justify-between font-semibold">
          <dt>Total</dt>
          <dd>{format(order.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

export function PaymentsCard({ order }: { order: Order }) {
  return (
    <section aria-labelledby="payments-heading" className={card}>
      <h2 id="payments-heading" className={heading}>
        Payments
      </h2>
      {order.razorpayOrderId && (
        <p className="mt-1 text-xs text-stone-500">
          Razorpay order <span className={mono}>{order.razorpayOrderId}</span>
        </p>
      )}
      {order.payments.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">No payment attempts.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {order.payments.map((payment) => (
            <li key={payment.id} className="rounded-xl border border-stone-200 p-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium tabular-nums">{formatMoney(money(payment.amount, payment.currency))}</span>
                <span className="flex flex-wrap gap-1.5">
                  {payment.credited && <Badge tone="good">Credited</Badge>}
                  <Badge tone={PAYMENT_STATUS[payment.status].tone}>{PAYMENT_STATUS[payment.status].label}</Badge>
                </span>
              </div>
              <dl className="mt-2 space-y-0.5 text-xs">
                <Fact label="Payment">
                  <span className={mono}>{payment.id}</span>
                </Fact>
                <Fact label="Method">{payment.method ? (METHODS[payment.method] ?? payment.method) : "—"}</Fact>
                <Fact label="First seen">{formatDateTime(payment.createdAt)}</Fact>
                {payment.amountRefunded > 0 && <Fact label="Refunded (Razorpay)">{formatMoney(money(payment.amountRefunded, payment.currency))}</Fact>}
                {payment.duplicateFacts > 0 && <Fact label="Repeated reports">{payment.duplicateFacts} (counted, not applied again)</Fact>}
                {payment.errorCode && (
                  <Fact label="Error">
                    <span className="text-red-800">
                      {payment.errorCode}
                      {payment.errorDescription ? `: ${payment.errorDescription}` : ""}
                    </span>
                  </Fact>
                )}
                {(payment.errorReason || payment.errorSource || payment.errorStep) && (
                  <Fact label="Reason / source / step">
                    <span className={mono}>{[payment.errorReason, payment.errorSource, payment.errorStep].map((part) => part ?? "—").join(" / ")}</span>
                  </Fact>
                )}
                {payment.mismatchReason && (
                  <Fact label="Not credited">
                    <span className="text-red-800">{payment.mismatchReason}</span>
                  </Fact>
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function RefundsList({ order }: { order: Order }) {
  if (order.refunds.length === 0) return <p className="text-sm text-stone-600">No refunds.</p>;
  return (
    <ol className="space-y-3">
      {order.refunds.map((refund) => (
        <li key={refund.id} className="rounded-xl border border-stone-200 p-3 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium tabular-nums">{formatMoney(money(refund.amount, refund.currency))}</span>
            <Badge tone={REFUND_STATUS[refund.status].tone}>{REFUND_STATUS[refund.status].label}</Badge>
          </div>
          <dl className="mt-2 space-y-0.5 text-xs">
            <Fact label="Why">{REFUND_REASON[refund.reason] ?? refund.reason}</Fact>
            {refund.requestedBy && <Fact label="Requested by">{refund.requestedBy}</Fact>}
            {refund.note && <Fact label="Note">{refund.note}</Fact>}
            <Fact label="Payment">
              <span className={mono}>{refund.paymentId}</span>
            </Fact>
            {refund.razorpayRefundId && (
              <Fact label="Razorpay refund">
                <span className={mono}>{refund.razorpayRefundId}</span>
              </Fact>
            )}
            {refund.restock && <Fact label="Restock">once refunded in full</Fact>}
            {refund.failureReason && (
              <Fact label="Failed">
                <span className="text-red-800">{refund.failureReason}</span>
              </Fact>
            )}
            {refund.status !== "failed" && refund.status !== "processed" && refund.lastError && (
              <Fact label="Last attempt">
                <span className="text-amber-800">
                  {refund.lastError} (attempt {refund.attempts})
                </span>
              </Fact>
            )}
            <Fact label="Created">{formatDateTime(refund.createdAt)}</Fact>
          </dl>
        </li>
      ))}
    </ol>
  );
}

const ACTORS: Record<string, string> = {
  checkout: "Checkout",
  callback: "Browser callback",
  webhook: "Webhook",
  reconciliation: "Reconciliation",
  admin: "Admin",
  system: "System",
  outbox: "Email outbox",
  razorpay: "Razorpay",
};

const DOT: Record<TimelineEntry["tone"], string> = { neutral: "bg-stone-400", good: "bg-brand-600", warning: "bg-amber-500", bad: "bg-red-600" };

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="relative space-y-4 border-l border-stone-200 pl-5" data-testid="timeline">
      {entries.map((entry, index) => (
        <li key={index} className="relative text-sm">
          <span aria-hidden="true" className={`absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white ${DOT[entry.tone]}`} />
          <div className="flex flex-wrap items-baseline gap-x-2">
            {entry.href ? (
              <Link href={entry.href} className="font-medium text-brand-800 underline-offset-4 hover:underline">
                {entry.title}
              </Link>
            ) : (
              <span className="font-medium text-stone-900">{entry.title}</span>
            )}
            {entry.fromState || entry.toState ? (
              <span className="text-xs text-stone-500">
                {entry.fromState ?? "—"} → {entry.toState ?? "—"}
              </span>
            ) : null}
          </div>
          <p className="text-xs text-stone-500">
            <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time> · {ACTORS[entry.actor] ?? entry.actor}
            {entry.actorRef &&
              (entry.webhookEventId ? (
                <>
                  {" "}
                  <a href={`#webhook-${entry.webhookEventId}`} className="font-mono underline-offset-4 hover:underline">
                    {entry.actorRef}
                  </a>
                </>
              ) : (
                <span className="font-mono"> {entry.actorRef}</span>
              ))}
          </p>
          {entry.reason && <p className="mt-0.5 text-xs break-words text-stone-700">{entry.reason}</p>}
        </li>
      ))}
    </ol>
  );
}

export function WebhookList({ webhooks }: { webhooks: OrderWebhook[] }) {
  if (webhooks.length === 0) return <p className="text-sm text-stone-600">No webhooks received about this order.</p>;
  return (
    <ul className="space-y-3">
      {webhooks.map((webhook) => (
        <li key={webhook.id} id={`webhook-${webhook.id}`} className="scroll-mt-4 rounded-xl border border-stone-200 p-3 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-medium">{webhook.event}</span>
            <span className="flex items-center gap-2">
              <Badge tone={WEBHOOK_STATUS[webhook.status].tone}>{WEBHOOK_STATUS[webhook.status].label}</Badge>
              {webhook.status === "dead" && <ReplayWebhookButton eventId={webhook.id} />}
            </span>
          </div>
          <p className="mt-1 text-xs text-stone-500">
            <span className="font-mono break-all">{webhook.id}</span> · received {formatDateTime(webhook.receivedAt)} · {webhook.attempts} {webhook.attempts === 1 ? "attempt" : "attempts"}
            {webhook.outcome && ` · ${webhook.outcome}`}
          </p>
          {webhook.lastError && <p className="mt-1 text-xs break-words text-red-800">{webhook.lastError}</p>}
          <details className="mt-2">
            <summary className="cursor-pointer text-xs font-medium text-stone-700">Payload (personal data masked)</summary>
            <pre className="mt-2 max-h-96 overflow-auto rounded-lg bg-stone-50 p-3 text-xs leading-relaxed">{webhook.maskedPayload}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
