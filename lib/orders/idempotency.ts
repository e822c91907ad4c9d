import { createHash, randomUUID } from "node:crypto";
import { afterResponse } from "@/lib/after-response";
import { log } from "@/lib/log";
import { db, transaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Idempotency-Key records for order creation, following the IETF httpapi Idempotency-Key draft:
 * the same key and body replay the stored response byte for byte, the same key with another body
 * is refused (422), and a duplicate arriving while the first is still running gets 409.
 *
 * A key never leads to two orders. Each claim writes a fresh `lock_token`; the holder refreshes
 * `locked_at` (a heartbeat) while it runs, so the lease lapses only when the holder stopped
 * beating: its process died, or it lost the database. Only the token's holder may attach an order
 * or a response, and attaching the order is conditional on the key having none yet, inside the
 * transaction that creates the order: a holder that lost the key rolls its order back.
 */

/**
 * The lease and heartbeat. A live holder beats several times per lease, so a slow request (a
 * lock wait, a slow gateway) keeps its key; a dead one lets go within one lease. Tests shorten
 * them to watch a lease lapse in seconds.
 */
export const keyLease = { leaseMs: 20_000, heartbeatMs: 5_000 };
/** Keys are kept at least this long (the draft suggests 24 hours). */
export const KEY_RETENTION_MS = 48 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
  replayed: boolean;
}

/** What the key covers: the order's content (items) and the shopper's details, which may be amended while unpaid. */
export interface RequestHashes {
  content: string;
  details: string;
}

export interface HeldKey {
  keyId: string;
  lockToken: string;
  /** The order an earlier attempt with this key created, if any: this request resumes it. */
  orderId: string | null;
}

export type Claim = { kind: "replay"; response: StoredResponse } | ({ kind: "claimed" } & HeldKey);

/** Changes an unpaid order's contact details and address; false when the order can no longer change. */
export type AmendOrder = (tx: Tx, orderId: string) => Promise<boolean>;

export function parseIdempotencyKey(header: string | null): string {
  const key = header?.trim();
  if (!key) throw new AppError("idempotency_key_missing", "The Idempotency-Key header is required: send a new random value (e.g. a UUID) for each checkout attempt", { "Idempotency-Key": "Required" });
  if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) throw new AppError("invalid_request", "The Idempotency-Key must be 1-255 visible ASCII characters", { "Idempotency-Key": "Invalid" });
  return key;
}

/** Fingerprint of what the request asks for; a key may only ever be used for one fingerprint. */
export function fingerprint(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(request)).digest("hex");
}

const stored = (hashes: RequestHashes) => `${hashes.content}.${hashes.details}`;

/**
 * Takes the key for this request, or says what to do instead. The same items with other contact
 * details amend the key's unpaid order (through `amend`, under the key's row lock) rather than
 * being refused: a shopper who fixes a typo in the address must not get a second order.
 */
export async function claimKey(scope: string, key: string, hashes: RequestHashes, amend: AmendOrder): Promise<Claim> {
  const lockToken = randomUUID();
  // Times come from this process's clock, like every other timestamp Prisma writes.
  const now = new Date();
  // Almost every key is new: one INSERT … ON CONFLICT DO NOTHING RETURNING takes it.
  const [fresh] = await db().idempotencyKey.createManyAndReturn({ data: [{ scope, key, requestHash: stored(hashes), lockedAt: now, lockToken }], skipDuplicates: true, select: { id: true } });
  if (fresh) return { kind: "claimed", keyId: fresh.id, lockToken, orderId: null };
  return transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; request_hash: string; order_id: string | null; response_status: number | null; response_body: string | null; locked_at: Date | null }[]>`
      SELECT id, request_hash, order_id, response_status, response_body, locked_at
      FROM idempotency_keys WHERE scope = ${scope} AND key = ${key} FOR UPDATE`;
    // Deleted between the INSERT and here (its holder failed and gave it up, or it was pruned): a retry takes it afresh.
    if (!row) throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry in a moment");
    if (row.request_hash !== stored(hashes)) {
      const sameContent = row.request_hash.split(".")[0] === hashes.content;
      if (!sameContent || !row.order_id || !(await amend(tx, row.order_id))) {
        throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used for a different request; use a new key for a new request");
      }
      await tx.idempotencyKey.update({ where: { id: row.id }, data: { requestHash: stored(hashes) } });
    }
    if (row.response_status !== null && row.response_body !== null) {
      return { kind: "replay", response: { status: row.response_status, body: row.response_body, replayed: true } };
    }
    if (row.locked_at && now.getTime() - row.locked_at.getTime() < keyLease.leaseMs) {
      throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry in a moment");
    }
    await tx.idempotencyKey.update({ where: { id: row.id }, data: { lockedAt: now, lockToken } });
    return { kind: "claimed", keyId: row.id, lockToken, orderId: row.order_id };
  });
}

/**
 * Keeps the key's lease alive while the request runs. `lost()` turns true once a beat finds the
 * key taken over (our token gone): the request must then not start anything new under it.
 */
export function startHeartbeat(held: HeldKey): { stop(): void; lost(): boolean } {
  let lost = false;
  const beat = async () => {
    try {
      const { count } = await db().idempotencyKey.updateMany({ where: { id: held.keyId, lockToken: held.lockToken }, data: { lockedAt: new Date() } });
      if (count === 0) lost = true;
    } catch {
      // The database is away: the lease may lapse, which is what a holder that cannot write deserves.
    }
  };
  const timer = setInterval(() => void beat(), keyLease.heartbeatMs);
  timer.unref();
  return { stop: () => clearInterval(timer), lost: () => lost };
}

/** Thrown inside the order's transaction when the key was taken over: the transaction rolls back, stock included. */
export class KeyTakenOver extends Error {
  constructor() {
    super("the Idempotency-Key was taken over by another request");
    this.name = "KeyTakenOver";
  }
}

/** Attaches the new order to the key, only if the key is still ours and has no order: the one guard against a second order. */
export async function attachOrder(tx: Tx, held: HeldKey, orderId: string): Promise<void> {
  const attached = await tx.$executeRaw`
    UPDATE idempotency_keys SET order_id = ${orderId}::uuid
    WHERE id = ${held.keyId}::uuid AND order_id IS NULL AND lock_token = ${held.lockToken}::uuid`;
  if (attached !== 1) throw new KeyTakenOver();
}

/** The order a key names now (after losing it, a request reports that one instead of its own). */
export async function orderOfKey(keyId: string): Promise<string | null> {
  return (await db().idempotencyKey.findUnique({ where: { id: keyId }, select: { orderId: true } }))?.orderId ?? null;
}

/** Records the response, if the key is still ours; false when another request holds it now. */
export async function completeKey(held: HeldKey, response: { status: number; body: string }): Promise<boolean> {
  const { count } = await db().idempotencyKey.updateMany({
    where: { id: held.keyId, lockToken: held.lockToken },
    data: { responseStatus: response.status, responseBody: response.body, lockedAt: null, lockToken: null },
  });
  return count === 1;
}

/**
 * Lets go of a key after a failure. With no order made, the key is forgotten so the client may
 * retry it as new; otherwise it keeps its order so a retry resumes where this attempt stopped.
 */
export async function releaseKey(held: HeldKey): Promise<void> {
  await transaction(async (tx) => {
    await tx.idempotencyKey.deleteMany({ where: { id: held.keyId, lockToken: held.lockToken, orderId: null } });
    await tx.idempotencyKey.updateMany({ where: { id: held.keyId, lockToken: held.lockToken }, data: { lockedAt: null, lockToken: null } });
  });
}

const RELEASE_RETRY_FIRST_MS = 250;
const RELEASE_RETRY_MAX_MS = 5_000;
const RELEASE_WAIT_MS = 2_000;

/**
 * Releases the key now, or, when the database is away (the usual reason the request failed),
 * keeps trying in the background until it is back, so a retry after recovery is not told "in
 * use" for a lease. Bounded by the lease: once it has lapsed the key is free anyway.
 */
export async function releaseKeySoon(held: HeldKey): Promise<void> {
  const giveUpAt = Date.now() + keyLease.leaseMs;
  let firstAttemptDone = () => {};
  const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));
  const released = (async () => {
    for (let delay = RELEASE_RETRY_FIRST_MS; ; delay = Math.min(delay * 2, RELEASE_RETRY_MAX_MS)) {
      try {
        return await releaseKey(held);
      } catch (error) {
        firstAttemptDone();
        if (Date.now() + delay > giveUpAt) {
          log.warn("idempotency_key_release_abandoned", { keyId: held.keyId, reason: error instanceof Error ? error.message : String(error) });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  })();
  // The answer to the shopper waits for the first attempt, but not for a database that hangs;
  // the retries go on after the response.
  await Promise.race([released, firstAttempt, new Promise((resolve) => setTimeout(resolve, RELEASE_WAIT_MS).unref())]);
  afterResponse(released);
}

export async function purgeExpiredKeys(now = new Date()): Promise<number> {
  const { count } = await db().idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEY_RETENTION_MS) } } });
  return count;
}
