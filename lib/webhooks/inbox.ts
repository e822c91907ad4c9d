import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isValidWebhookSignature } from "@/lib/razorpay/signatures";
import { decrypt, encrypt, encryptionKeys } from "@/lib/security/encryption";
import { applyWebhookEvent, webhookEnvelope } from "./events";

/**
 * The webhook inbox. Receiving only verifies and stores (so Razorpay gets its 2xx in
 * milliseconds); processing happens afterwards, is retried with backoff, and after
 * MAX_ATTEMPTS failures parks the event as `dead`, where it stays visible and replayable.
 */
export const MAX_ATTEMPTS = 8;
/** How long one process may work on an event before another may assume it died. */
const PROCESSING_LEASE_MS = 30_000;
const BACKOFF_BASE_MS = 5_000;

export interface Received {
  eventId: string;
  duplicate: boolean;
}

/** Why a delivery was refused before it reached the inbox; counted per day in `rejected_webhooks`. */
export type WebhookRejection = "missing_signature" | "bad_signature" | "missing_event_id" | "invalid_json" | "not_an_event";

/**
 * Logs and counts a refused delivery (never its body), so that a wrong webhook secret shows up in
 * the logs and in one row per day and reason instead of nowhere.
 */
async function refuse(reason: WebhookRejection, eventId: string | null, error: AppError): Promise<never> {
  const event = eventId?.slice(0, 100) ?? null;
  log.warn("webhook_rejected", { reason, eventId: event });
  try {
    await db().$executeRaw`
      INSERT INTO rejected_webhooks (day, reason, count, last_event_id, last_at) VALUES (CURRENT_DATE, ${reason}, 1, ${event}, now())
      ON CONFLICT (day, reason) DO UPDATE SET count = rejected_webhooks.count + 1, last_event_id = EXCLUDED.last_event_id, last_at = EXCLUDED.last_at`;
  } catch (countError) {
    log.error("webhook_rejection_not_counted", { reason, error: countError instanceof Error ? countError.message : String(countError) });
  }
  throw error;
}

/** Verifies the signature over the raw body, then stores the event once per x-razorpay-event-id. */
export async function receiveWebhook(rawBody: string, headers: { signature: string | null; eventId: string | null }): Promise<Received> {
  const { signature, eventId } = headers;
  if (!signature) return refuse("missing_signature", eventId, new AppError("invalid_signature", "The X-Razorpay-Signature header is required"));
  if (!isValidWebhookSignature(rawBody, signature, config().razorpay.webhookSecret)) {
    return refuse("bad_signature", eventId, new AppError("invalid_signature", "X-Razorpay-Signature does not match the request body"));
  }
  if (!eventId || eventId.length > 100) return refuse("missing_event_id", eventId, new AppError("invalid_request", "The x-razorpay-event-id header is required"));
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    return refuse("invalid_json", eventId, new AppError("invalid_request", "The webhook body is not valid JSON"));
  }
  const envelope = webhookEnvelope.safeParse(parsed);
  if (!envelope.success) return refuse("not_an_event", eventId, new AppError("invalid_request", `The webhook body is not a Razorpay event: ${envelope.error.issues[0]?.message}`));
  // Stored encrypted (the signature was checked over the bytes as received, above); the ids an
  // admin looks webhooks up by are kept beside it in the clear.
  const key = encryptionKeys().current;
  const stored = await db().webhookEvent.createMany({
    data: [{ id: eventId, event: envelope.data.event, rawBody: encrypt(rawBody, eventId, key), keyId: key.id, ...gatewayIdsOf(parsed) }],
    skipDuplicates: true,
  });
  log.info("webhook_received", { eventId, webhookEvent: envelope.data.event, duplicate: stored.count === 0 });
  return { eventId, duplicate: stored.count === 0 };
}

type Entities = { payload?: Record<string, { entity?: Record<string, unknown> } | undefined> };

/** The Razorpay order and payment a webhook is about: identifiers, not personal data. */
export function gatewayIdsOf(parsed: unknown): { razorpayOrderId: string | null; razorpayPaymentId: string | null } {
  const payload = (parsed as Entities | null)?.payload;
  const text = (value: unknown) => (typeof value === "string" && value.length <= 100 ? value : null);
  return {
    razorpayOrderId: text(payload?.payment?.entity?.order_id) ?? text(payload?.order?.entity?.id),
    razorpayPaymentId: text(payload?.payment?.entity?.id) ?? text(payload?.refund?.entity?.payment_id),
  };
}

function backoffMs(attempts: number): number {
  return BACKOFF_BASE_MS * 2 ** (attempts - 1) * (0.75 + Math.random() / 2);
}

/** Takes an event for processing unless it is done, dead, not yet due, or held by a live process. */
async function claim(eventId: string, now: Date): Promise<{ storedBody: string; attempts: number } | null> {
  const rows = await db().$queryRaw<{ raw_body: string; attempts: number }[]>`
    UPDATE webhook_events
    SET status = 'processing', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + PROCESSING_LEASE_MS)}
    WHERE id = ${eventId}
      AND ((status = 'pending' AND next_attempt_at <= ${now}) OR (status = 'processing' AND locked_until < ${now}))
    RETURNING raw_body, attempts`;
  return rows[0] ? { storedBody: rows[0].raw_body, attempts: rows[0].attempts } : null;
}

/** Processes one stored event if it is due; safe to call from any number of processes at once. */
export async function processWebhookEvent(eventId: string, now = new Date()): Promise<void> {
  const claimed = await claim(eventId, now);
  if (!claimed) return;
  try {
    // Decrypted for processing only; a body that does not decrypt (a key not configured) fails like any other attempt.
    const rawBody = decrypt(claimed.storedBody, eventId);
    const outcome = await applyWebhookEvent(webhookEnvelope.parse(JSON.parse(rawBody)), { actor: "webhook", ref: eventId });
    await db().webhookEvent.update({ where: { id: eventId }, data: { status: "processed", processedAt: new Date(), lockedUntil: null, outcome, lastError: null } });
    log.info("webhook_processed", { eventId, outcome, attempts: claimed.attempts });
  } catch (error) {
    const dead = claimed.attempts >= MAX_ATTEMPTS;
    const message = error instanceof Error ? error.message : String(error);
    await db().webhookEvent.update({
      where: { id: eventId },
      data: { status: dead ? "dead" : "pending", lockedUntil: null, lastError: message.slice(0, 2000), nextAttemptAt: new Date(Date.now() + backoffMs(claimed.attempts)) },
    });
    (dead ? log.error : log.warn)(dead ? "webhook_dead_lettered" : "webhook_processing_failed", { eventId, attempts: claimed.attempts, error: message });
  }
}

/** Processes every event that is due (new, retry time reached, or abandoned by a dead process). */
export async function processDueWebhooks(now = new Date(), limit = 100): Promise<number> {
  const due = await db().webhookEvent.findMany({
    where: { OR: [{ status: "pending", nextAttemptAt: { lte: now } }, { status: "processing", lockedUntil: { lt: now } }] },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  for (const { id } of due) await processWebhookEvent(id, now);
  return due.length;
}

/** Puts dead-lettered events (all, or the ones named) back in the queue for another round of attempts. */
export async function replayDeadWebhooks(eventIds?: string[]): Promise<number> {
  const { count } = await db().webhookEvent.updateMany({
    where: { status: "dead", ...(eventIds ? { id: { in: eventIds } } : {}) },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
  });
  return count;
}
