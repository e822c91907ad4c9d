import { randomUUID } from "node:crypto";
import { db, transaction } from "@/lib/db";
import type { EmailOutbox } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { enqueue } from "@/lib/queue/boss";
import { MailError, sendMail, type MailReceipt } from "./send";

/** Longer than one SMTP exchange can take (see the timeouts in send.ts), so a live sender keeps its claim. */
const CLAIM_LEASE_MS = 2 * 60_000;
/** Attempts while the mail server is down or refusing for now; then the email is `failed` and an alert logged. */
export const MAX_EMAIL_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/** 30 s, 1 min, 2 min, … capped at an hour, with ±25% jitter so many emails do not retry in step. */
export function emailBackoffMs(attempts: number, random = Math.random()): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1)) * (0.75 + random / 2);
}

export interface DeliveryRun {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the outbox's due emails. At least once: an email is marked sent only after the mail server
 * accepted it, so a crash or a lost reply in between sends it again, with the same Message-ID. A
 * claim with a lease (a conditional update: one process wins each row) keeps several processes
 * from sending one email at the same time; a claim whose process died lapses and is taken over.
 * A plain function of `now`: the queue's email jobs call it for one email each (lib/jobs.ts), and
 * reconciliation sweeps whatever is due as a safety net.
 */
export async function deliverDueEmails(now = new Date(), options: { limit?: number; ids?: string[] } = {}): Promise<DeliveryRun> {
  const due = await db().emailOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(options.ids ? { id: { in: options.ids } } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    select: { id: true },
    take: options.limit ?? 50,
  });
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  for (const { id } of due) {
    const email = await claim(id, now);
    if (!email) continue;
    const outcome = await deliver(email, now);
    run[outcome === "unreachable" ? "retrying" : outcome]++;
    // The mail server cannot be reached: the other emails would only wait out the same timeout and
    // spend an attempt each. They stay due, and the next run tries again.
    if (outcome === "unreachable") break;
  }
  return run;
}

async function claim(id: string, now: Date): Promise<EmailOutbox | null> {
  const claimToken = randomUUID();
  const claimed = await db().emailOutbox.updateMany({
    where: { id, status: "pending", nextAttemptAt: { lte: now }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimToken, claimedUntil: new Date(now.getTime() + CLAIM_LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return null;
  return db().emailOutbox.findUnique({ where: { id } });
}

type Outcome = keyof DeliveryRun | "unreachable";

async function deliver(email: EmailOutbox, now: Date): Promise<Outcome> {
  const mine = { id: email.id, claimToken: email.claimToken };
  let receipt: MailReceipt;
  try {
    receipt = await sendMail({ to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody, messageId: email.messageId }, { fromOutbox: true });
  } catch (error) {
    return failOrRetry(email, mine, error, now);
  }
  const marked = await db().emailOutbox.updateMany({
    where: mine,
    data: { status: "sent", sentAt: new Date(), transport: receipt.transport, claimToken: null, claimedUntil: null, lastError: null },
  });
  // Our lease lapsed and another process took the email over: it may go out twice, with one Message-ID.
  if (marked.count === 0) log.warn("email_claim_lost", { emailId: email.id, orderId: email.orderId });
  return "sent";
}

async function failOrRetry(email: EmailOutbox, mine: { id: string; claimToken: string | null }, error: unknown, now: Date): Promise<Exclude<Outcome, "sent">> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const refused = error instanceof MailError && error.permanent;
  if (refused || email.attempts >= MAX_EMAIL_ATTEMPTS) {
    const lastError = refused ? `the mail server refused it: ${message}` : `gave up after ${email.attempts} attempts: ${message}`;
    await db().emailOutbox.updateMany({ where: mine, data: { status: "failed", lastError, claimToken: null, claimedUntil: null } });
    // The shopper will not hear from us unless a person acts (fix the address or the server, then resend).
    log.error("email_failed", { alert: "email_failed", emailId: email.id, orderId: email.orderId, kind: email.kind, attempts: email.attempts, reason: lastError });
    return "failed";
  }
  const nextAttemptAt = new Date(now.getTime() + emailBackoffMs(email.attempts));
  await transaction(async (tx) => {
    const scheduled = await tx.emailOutbox.updateMany({ where: mine, data: { lastError: message, claimToken: null, claimedUntil: null, nextAttemptAt } });
    // The next attempt is a deferred job, written with the decision to retry.
    if (scheduled.count === 1) await enqueue(tx, { queue: "email", data: { emailId: email.id }, key: `email:${email.id}:${email.attempts}`, startAfter: nextAttemptAt });
  });
  log.warn("email_retry_scheduled", { emailId: email.id, orderId: email.orderId, attempts: email.attempts, error: message });
  // No reply from a server at all (refused, timed out, cut off) rather than a "try later" answer.
  return error instanceof MailError && error.responseCode === undefined ? "unreachable" : "retrying";
}
