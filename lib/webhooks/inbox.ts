import { config } from "@/lib/config";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { isValidWebhookSignature } from "@/lib/razorpay/signatures";
import { enqueue } from "@/lib/queue/boss";
import { decrypt, encrypt, encryptionKeys } from "@/lib/security/encryption";
import { applyWebhookEvent, webhookEnvelope } from "./events";

/**
 * The webhook inbox, the record of what Razorpay sent (dedup, audit, replay). Receiving only
 * verifies and stores the event with a job to process it (so Razorpay gets its 2xx in
 * milliseconds); a queue worker processes it, a failure is retried with backoff (a deferred job
 * per attempt, due at the row's `next_attempt_at`), and after MAX_ATTEMPTS failures the event is
 * parked as `dead`, where it stays visible and replayable. The queue only drives the work.
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
  const row = { id: eventId, event: envelope.data.event, rawBody: encrypt(rawBody, eventId, key), keyId: key.id, ...gatewayIdsOf(parsed) };
  // The event and the job that applies it commit together: a job exists if and only if the event was stored.
  const stored = await transaction(async (tx) => {
    const inserted = await tx.webhookEvent.createMany({ data: [row], skipDuplicates: true });
    if (inserted.count === 1) await enqueueAttempt(tx, eventId, 0);
    return inserted.count;
  });
  log.info("webhook_received", { eventId, webhookEvent: envelope.data.event, duplicate: stored === 0 });
  return { eventId, duplicate: stored === 0 };
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

/**
 * Queues an attempt at processing an event: the first with the event, later ones deferred to the
 * event's `next_attempt_at`. Keyed by attempt, so a retry is queued once however often it is asked for.
 */
async function enqueueAttempt(tx: Tx, eventId: string, attemptsSoFar: number, startAfter?: Date, generation = "0"): Promise<void> {
  await enqueue(tx, { queue: "webhook", data: { eventId }, key: `webhook:${eventId}:${generation}:${attemptsSoFar}`, startAfter });
}

/**
 * What one call did: `busy` when another process holds the event's lease (the queue asks again
 * later), `not_due` when it is done, dead, or waiting for its next attempt (a job is queued for it).
 */
export type ProcessingResult = "processed" | "retrying" | "dead" | "busy" | "not_due";

/** Processes one stored event if it is due; safe to call from any number of processes at once. */
export async function processWebhookEvent(eventId: string, now = new Date()): Promise<ProcessingResult> {
  const claimed = await claim(eventId, now);
  if (!claimed) {
    const held = await db().webhookEvent.findUnique({ where: { id: eventId }, select: { status: true, lockedUntil: true } });
    return held?.status === "processing" && held.lockedUntil && held.lockedUntil >= now ? "busy" : "not_due";
  }
  try {
    // Decrypted for processing only; a body that does not decrypt (a key not configured) fails like any other attempt.
    const rawBody = decrypt(claimed.storedBody, eventId);
    const outcome = await applyWebhookEvent(webhookEnvelope.parse(JSON.parse(rawBody)), { actor: "webhook", ref: eventId });
    await db().webhookEvent.update({ where: { id: eventId }, data: { status: "processed", processedAt: new Date(), lockedUntil: null, outcome, lastError: null } });
    log.info("webhook_processed", { eventId, outcome, attempts: claimed.attempts });
    return "processed";
  } catch (error) {
    const dead = claimed.attempts >= MAX_ATTEMPTS;
    const message = error instanceof Error ? error.message : String(error);
    const nextAttemptAt = new Date(Date.now() + backoffMs(claimed.attempts));
    await transaction(async (tx) => {
      await tx.webhookEvent.update({ where: { id: eventId }, data: { status: dead ? "dead" : "pending", lockedUntil: null, lastError: message.slice(0, 2000), nextAttemptAt } });
      // The retry is a deferred job written with the decision; a dead event gets none until it is replayed.
      if (!dead) await enqueueAttempt(tx, eventId, claimed.attempts, nextAttemptAt);
    });
    (dead ? log.error : log.warn)(dead ? "webhook_dead_lettered" : "webhook_processing_failed", { eventId, attempts: claimed.attempts, error: message });
    return dead ? "dead" : "retrying";
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
  return transaction(async (tx) => {
    const dead = await tx.webhookEvent.findMany({ where: { status: "dead", ...(eventIds ? { id: { in: eventIds } } : {}) }, select: { id: true } });
    if (dead.length === 0) return 0;
    const { count } = await tx.webhookEvent.updateMany({
      where: { status: "dead", id: { in: dead.map((event) => event.id) } },
      data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
    });
    // Each replay is a new generation of attempts, so its jobs never collide with the ones before.
    const generation = `replay-${Date.now()}`;
    for (const { id } of dead) await enqueueAttempt(tx, id, 0, undefined, generation);
    return count;
  });
}
