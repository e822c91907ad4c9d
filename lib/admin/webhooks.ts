import { db, Prisma, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { WebhookStatus } from "@/lib/generated/prisma/enums";
import { log } from "@/lib/log";
import { audit } from "@/lib/orders/audit";
import { decrypt, DecryptionError } from "@/lib/security/encryption";
import { processWebhookEvent, replayDeadWebhooks } from "@/lib/webhooks/inbox";
import { maskedPayload } from "./mask";

/** A stored webhook delivery about an order, its payload masked for display. */
export interface OrderWebhook {
  id: string;
  event: string;
  status: WebhookStatus;
  attempts: number;
  lastError: string | null;
  outcome: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  maskedPayload: string;
}

interface RawWebhook {
  id: string;
  event: string;
  status: WebhookStatus;
  attempts: number;
  last_error: string | null;
  outcome: string | null;
  received_at: Date;
  processed_at: Date | null;
  raw_body: string;
}

/**
 * The webhook deliveries about an order: those its audit trail names (actor webhook, ref = event
 * id), and those whose payload names its Razorpay order (every payment.*, order.paid and refund.*
 * event carries the payment, with its order_id), which finds the deliveries that never got as far
 * as the audit trail, such as dead-lettered ones. Both use an index: the primary key, and the
 * one on razorpay_order_id, stored in the clear beside the encrypted body (migration webhook_encryption).
 */
export function webhooksForOrderQuery(razorpayOrderId: string | null, auditedEventIds: string[]): Prisma.Sql {
  const byPayload = razorpayOrderId ? Prisma.sql`OR razorpay_order_id = ${razorpayOrderId}` : Prisma.empty;
  return Prisma.sql`
    SELECT id, event, status, attempts, last_error, outcome, received_at, processed_at, raw_body
    FROM webhook_events
    WHERE id = ANY(${auditedEventIds}::text[]) ${byPayload}
    ORDER BY received_at, id`;
}

export async function webhooksForOrder(order: { razorpayOrderId: string | null }, auditedEventIds: string[]): Promise<OrderWebhook[]> {
  const rows = await db().$queryRaw<RawWebhook[]>(webhooksForOrderQuery(order.razorpayOrderId, auditedEventIds));
  return rows.map((row) => ({
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    outcome: row.outcome,
    receivedAt: row.received_at,
    processedAt: row.processed_at,
    maskedPayload: readablePayload(row.raw_body, row.id),
  }));
}

/** The stored body decrypted only to be masked for display; one that does not decrypt says why instead of failing the page. */
function readablePayload(stored: string, eventId: string): string {
  try {
    return maskedPayload(decrypt(stored, eventId));
  } catch (error) {
    if (error instanceof DecryptionError) return `(not shown: ${error.message})`;
    throw error;
  }
}

/** Our order a stored webhook is about, from the Razorpay order id stored beside its payload. */
async function orderOfWebhook(razorpayOrderId: string | null): Promise<string | null> {
  if (!razorpayOrderId) return null;
  const order = await db().order.findUnique({ where: { razorpayOrderId }, select: { id: true } });
  return order?.id ?? null;
}

export interface ReplayResult {
  eventId: string;
  /** False when the event was not dead-lettered: nothing was replayed. */
  replayed: boolean;
  status: WebhookStatus;
  lastError: string | null;
  outcome: string | null;
}

/** How long an admin's replay waits for a worker that claimed the event before it could. */
const REPLAY_WAIT_MS = 10_000;

async function settled(eventId: string): Promise<void> {
  for (const deadline = Date.now() + REPLAY_WAIT_MS; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const event = await db().webhookEvent.findUnique({ where: { id: eventId }, select: { status: true } });
    if (event?.status !== "processing") return;
  }
}

/**
 * An admin puts a dead-lettered webhook back in the queue and processes it at once. The replay is
 * audited on the order it is about, naming the admin. An event that is not dead is left alone
 * (a double click, or someone else replayed it already) and its state is reported.
 */
export async function replayWebhook(eventId: string, admin: { email: string }): Promise<ReplayResult> {
  const event = await db().webhookEvent.findUnique({ where: { id: eventId } });
  if (!event) throw new AppError("not_found", `No webhook event ${eventId}`);
  const replayed = event.status === "dead" && (await replayDeadWebhooks([eventId])) === 1;
  if (replayed) {
    const orderId = await orderOfWebhook(event.razorpayOrderId);
    if (orderId) {
      await transaction((tx) => audit(tx, orderId, { actor: "admin", ref: admin.email }, { action: "webhook.replayed", reason: `${event.event} ${eventId} replayed after ${event.attempts} failed attempts`, data: { eventId, lastError: event.lastError } }));
    }
    log.info("webhook_replayed", { eventId, adminEmail: admin.email, orderId });
    // The replay also queued the event's job: a worker may claim it first. Then the admin waits
    // for that worker (briefly) instead of being told "processing".
    if ((await processWebhookEvent(eventId)) === "busy") await settled(eventId);
  }
  const after = await db().webhookEvent.findUniqueOrThrow({ where: { id: eventId } });
  return { eventId, replayed, status: after.status, lastError: after.lastError, outcome: after.outcome };
}
