import { EMAIL_KIND_LABELS, emailsForOrder, maskAddress } from "@/lib/email/admin";
import type { OrderEvent } from "@/lib/generated/prisma/client";
import type { OrderWebhook } from "./webhooks";

/**
 * One timeline of everything that happened to an order, merged from several sources. Each source
 * turns what it knows into entries; the timeline sorts them by time.
 *
 * EXTENSION POINT: to show another kind of fact, write a `TimelineSource` and add it to
 * `TIMELINE_SOURCES` below. A source gets what the order page loaded anyway (the audit trail, the
 * webhooks) or queries its own rows (sources may be async), as `emailsSent` does.
 */
export type Tone = "neutral" | "good" | "warning" | "bad";

export interface TimelineEntry {
  at: Date;
  /** Which source produced it: "audit", "webhook", "email", … */
  source: string;
  /** Who or what caused it: checkout, callback, webhook, reconciliation, admin, system, razorpay, outbox. */
  actor: string;
  /** The actor's own reference: a webhook event id, an admin's email. */
  actorRef: string | null;
  action: string;
  title: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  paymentId: string | null;
  tone: Tone;
  /** The webhook delivery this entry is about or came from, to link to its payload. */
  webhookEventId: string | null;
  /** Where to see (and act on) what the entry is about, e.g. an email's page with its resend button. */
  href?: string;
}

export interface TimelineContext {
  orderId: string;
  events: OrderEvent[];
  webhooks: OrderWebhook[];
}

export type TimelineSource = (context: TimelineContext) => TimelineEntry[] | Promise<TimelineEntry[]>;

const TITLES: Record<string, string> = {
  "order.created": "Order placed",
  "order.gateway_order_recorded": "Razorpay order recorded",
  "order.paid": "Order paid",
  "order.expired": "Order expired",
  "order.cancelled": "Order cancelled",
  "order.refunded": "Order refunded in full",
  "order.partially_refunded": "Order partially refunded",
  "order.flagged": "Order flagged",
  "order.flag_resolved": "Flag resolved",
  "payment.authorized": "Payment authorised",
  "payment.captured": "Payment captured",
  "payment.failed": "Payment failed",
  "payment.refunded": "Payment refunded",
  "payment.fact_refused": "Fact refused (would move a payment backwards)",
  "payment.not_captured": "Authorisation left to lapse",
  "refund.requested": "Refund requested",
  "refund.pending": "Refund accepted by Razorpay",
  "refund.processed": "Refund processed",
  "refund.failed": "Refund failed",
  "refund.external": "Refund made outside the shop",
  "webhook.replayed": "Webhook replayed",
};

function toneOf(action: string): Tone {
  if (/(failed|flagged|fact_refused)$/.test(action)) return "bad";
  if (/(expired|cancelled|not_captured|refunded|external|replayed|requested)$/.test(action)) return "warning";
  if (/(paid|captured|processed|resolved|authorized)$/.test(action)) return "good";
  return "neutral";
}

/** The audit trail (order_events): every fact and decision, with its source. */
export const auditTrail: TimelineSource = ({ events }) =>
  events.map((event) => ({
    at: event.createdAt,
    source: "audit",
    actor: event.actor,
    actorRef: event.actorRef,
    action: event.action,
    title: TITLES[event.action] ?? event.action,
    fromState: event.fromState,
    toState: event.toState,
    reason: event.reason,
    paymentId: event.paymentId,
    tone: toneOf(event.action),
    webhookEventId: event.actor === "webhook" ? event.actorRef : null,
  }));

/** Webhook deliveries as received from Razorpay, including those that failed or were dead-lettered. */
export const webhookDeliveries: TimelineSource = ({ webhooks }) =>
  webhooks.map((webhook) => ({
    at: webhook.receivedAt,
    source: "webhook",
    actor: "razorpay",
    actorRef: webhook.id,
    action: `webhook.${webhook.status}`,
    title: `Webhook ${webhook.event} received`,
    fromState: null,
    toState: webhook.status,
    reason:
      webhook.status === "dead"
        ? `dead-lettered after ${webhook.attempts} attempts: ${webhook.lastError ?? "no error recorded"}`
        : webhook.status === "processed"
          ? (webhook.outcome ?? null)
          : webhook.lastError
            ? `attempt ${webhook.attempts} failed: ${webhook.lastError}`
            : null,
    paymentId: null,
    tone: webhook.status === "dead" ? "bad" : webhook.status === "processed" ? "neutral" : "warning",
    webhookEventId: webhook.id,
  }));

/** Emails decided for the order (email_outbox): when sent, or since when waiting, or why they failed. */
export const emailsSent: TimelineSource = async ({ orderId }) =>
  (await emailsForOrder(orderId)).map((email) => ({
    at: email.sentAt ?? email.createdAt,
    source: "email",
    actor: "outbox",
    actorRef: email.messageId,
    action: `email.${email.status}`,
    title: `${EMAIL_KIND_LABELS[email.kind]} ${email.status === "sent" ? "sent" : email.status === "failed" ? "not delivered" : "waiting to be sent"}`,
    fromState: null,
    toState: email.status,
    reason: [`to ${maskAddress(email.toAddress)}`, email.resends > 0 ? `resent ${email.resends}×` : null, email.status !== "sent" && email.lastError ? `attempt ${email.attempts}: ${email.lastError}` : null].filter(Boolean).join(" · "),
    paymentId: null,
    tone: email.status === "failed" ? "bad" : email.status === "pending" ? "warning" : "neutral",
    webhookEventId: null,
    href: `/admin/emails/${email.id}`,
  }));

/** The sources every order's timeline is built from, in the order ties are shown (an email follows the fact that caused it). */
export const TIMELINE_SOURCES: TimelineSource[] = [webhookDeliveries, auditTrail, emailsSent];

/** Entries from every source, oldest first; at the same instant, in the order of the sources. */
export async function buildTimeline(context: TimelineContext, sources: TimelineSource[] = TIMELINE_SOURCES): Promise<TimelineEntry[]> {
  const lists = await Promise.all(sources.map((source) => source(context)));
  return lists
    .flatMap((entries, rank) => entries.map((entry, index) => ({ entry, rank, index })))
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.rank - b.rank || a.index - b.index)
    .map(({ entry }) => entry);
}
