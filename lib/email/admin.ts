import { mailConfig } from "@/lib/config";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { EmailKind, EmailOutbox, EmailStatus } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import { audit } from "@/lib/orders/audit";
import { deliverDueEmails } from "./deliver";
import { messageIdFor } from "./outbox";

export const EMAIL_STATUSES: EmailStatus[] = ["pending", "sent", "failed"];

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  order_confirmation: "Order confirmation",
  refund_notice: "Refund notice",
  payment_refunding: "Payment being refunded",
};
export const EMAILS_PAGE_SIZE = 50;

/**
 * True when no SMTP server is configured: nothing leaves the machine, and the admin's Emails page
 * is the development mail viewer, showing every message in full (order links included).
 */
export function isDevMailViewer(): boolean {
  return !mailConfig().smtpUrl;
}

/** "asha@example.com" → "as***@example.com": enough to tell shoppers apart in a list. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address.slice(0, Math.min(2, at))}***${address.slice(at)}`;
}

/** Outside development, an email's order link is a bearer secret the admin does not need: shown masked. */
export function maskOrderTokens(body: string): string {
  return body.replace(/([?&]token=)[A-Za-z0-9_%-]+/g, "$1…");
}

export type ListedEmail = EmailOutbox & { order: { number: number } };

export interface EmailList {
  emails: ListedEmail[];
  total: number;
  counts: Record<EmailStatus, number>;
  page: number;
  pages: number;
}

/** The outbox, newest first, optionally one status, with the count of each status. */
export async function listEmails(filter: { status?: EmailStatus; page?: number }): Promise<EmailList> {
  const where = filter.status ? { status: filter.status } : {};
  const page = Math.max(1, filter.page ?? 1);
  const [emails, total, grouped] = await Promise.all([
    db().emailOutbox.findMany({
      where,
      include: { order: { select: { number: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * EMAILS_PAGE_SIZE,
      take: EMAILS_PAGE_SIZE,
    }),
    db().emailOutbox.count({ where }),
    db().emailOutbox.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const counts = { pending: 0, sent: 0, failed: 0 } satisfies Record<EmailStatus, number>;
  for (const group of grouped) counts[group.status] = group._count._all;
  return { emails, total, counts, page, pages: Math.max(1, Math.ceil(total / EMAILS_PAGE_SIZE)) };
}

export async function findEmail(id: string): Promise<ListedEmail> {
  const email = isUuid(id) ? await db().emailOutbox.findUnique({ where: { id }, include: { order: { select: { number: true } } } }) : null;
  if (!email) throw new AppError("not_found", "No such email");
  return email;
}

export interface ResendResult {
  email: EmailOutbox;
  delivered: boolean;
}

/**
 * An admin's "send it again". A sent or failed email becomes a new message (a new Message-ID,
 * since mail clients drop a second copy of a Message-ID they already have) with its attempts
 * reset; an email still waiting is only made due now, keeping its Message-ID. Audited on the
 * order's trail with the admin's identity, then delivered at once (the schedule retries it
 * with backoff if the mail server is down).
 */
export async function resendEmail(id: string, admin: { email: string }): Promise<ResendResult> {
  if (!isUuid(id)) throw new AppError("not_found", "No such email");
  const requeued = await transaction(async (tx) => {
    // Locked so two admins' resends of one email make one new message, not two.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM email_outbox WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("not_found", "No such email");
    const current = await tx.emailOutbox.findUniqueOrThrow({ where: { id } });
    const resends = current.status === "pending" ? current.resends : current.resends + 1;
    const updated = await tx.emailOutbox.update({
      where: { id },
      data: {
        status: "pending",
        nextAttemptAt: new Date(),
        ...(current.status === "pending"
          ? {}
          : { resends, attempts: 0, messageId: messageIdFor(id, resends, mailConfig().messageIdDomain), lastError: null, sentAt: null, transport: null, claimToken: null, claimedUntil: null }),
      },
    });
    await audit(tx, current.orderId, { actor: "admin", ref: admin.email }, {
      action: "email.resend_requested",
      fromState: current.status,
      toState: "pending",
      reason: `${current.kind.replace(/_/g, " ")} to ${maskAddress(current.toAddress)} (${updated.messageId})`,
    });
    return updated;
  });
  const run = await deliverDueEmails(new Date(), { ids: [requeued.id] });
  return { email: await db().emailOutbox.findUniqueOrThrow({ where: { id } }), delivered: run.sent === 1 };
}

/** An order's emails, oldest first: for the order's timeline in the admin. */
export async function emailsForOrder(orderId: string): Promise<EmailOutbox[]> {
  if (!isUuid(orderId)) return [];
  return db().emailOutbox.findMany({ where: { orderId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
