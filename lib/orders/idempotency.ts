import { createHash } from "node:crypto";
import { db, transaction } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Idempotency-Key records for order creation, following the IETF httpapi Idempotency-Key draft:
 * the same key and body replay the stored response byte for byte, the same key with another body
 * is refused (422), and a duplicate arriving while the first is still running gets 409.
 */

/** A held key older than this belongs to a process that died mid-request; a retry may take it over. */
const LOCK_LEASE_MS = 60_000;
/** Keys are kept at least this long (the draft suggests 24 hours). */
export const KEY_RETENTION_MS = 48 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
  replayed: boolean;
}

export type Claim = { kind: "replay"; response: StoredResponse } | { kind: "claimed"; keyId: string; orderId: string | null };

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

export async function claimKey(scope: string, key: string, requestHash: string): Promise<Claim> {
  return transaction(async (tx) => {
    const now = new Date();
    const inserted = await tx.idempotencyKey.createMany({ data: [{ scope, key, requestHash, lockedAt: now }], skipDuplicates: true });
    const [row] = await tx.$queryRaw<{ id: string; request_hash: string; locked_at: Date | null; order_id: string | null; response_status: number | null; response_body: string | null }[]>`
      SELECT id, request_hash, locked_at, order_id, response_status, response_body
      FROM idempotency_keys WHERE scope = ${scope} AND key = ${key} FOR UPDATE`;
    if (inserted.count === 1) return { kind: "claimed", keyId: row.id, orderId: null };
    if (row.request_hash !== requestHash) {
      throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used for a different request; use a new key for a new request");
    }
    if (row.response_status !== null && row.response_body !== null) {
      return { kind: "replay", response: { status: row.response_status, body: row.response_body, replayed: true } };
    }
    if (row.locked_at && now.getTime() - row.locked_at.getTime() < LOCK_LEASE_MS) {
      throw new AppError("idempotency_key_in_use", "A request with this Idempotency-Key is still being processed; retry in a moment");
    }
    await tx.idempotencyKey.update({ where: { id: row.id }, data: { lockedAt: now } });
    return { kind: "claimed", keyId: row.id, orderId: row.order_id };
  });
}

export async function completeKey(keyId: string, response: { status: number; body: string }): Promise<void> {
  await db().idempotencyKey.update({ where: { id: keyId }, data: { responseStatus: response.status, responseBody: response.body, lockedAt: null } });
}

/**
 * Lets go of a key after a failure. With no order made, the key is forgotten so the client may
 * retry it as new; otherwise it keeps its order so a retry resumes where this attempt stopped.
 */
export async function releaseKey(keyId: string): Promise<void> {
  await db().idempotencyKey.deleteMany({ where: { id: keyId, orderId: null } });
  await db().idempotencyKey.updateMany({ where: { id: keyId }, data: { lockedAt: null } });
}

export async function purgeExpiredKeys(now = new Date()): Promise<number> {
  const { count } = await db().idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEY_RETENTION_MS) } } });
  return count;
}
