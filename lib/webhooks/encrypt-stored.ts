import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { decrypt, DecryptionError, encrypt, encryptionKeys } from "@/lib/security/encryption";
import { gatewayIdsOf } from "./inbox";

export interface EncryptionSweep {
  /** Rows that were plaintext (stored before encryption) and are now encrypted. */
  encrypted: number;
  /** Rows under a previous key, now under the current one. */
  reencrypted: number;
  /** Rows that changed while this ran (a concurrent sweep got there first): left as they are. */
  skipped: number;
  /** Rows no configured key decrypts (a key missing from ENCRYPTION_PREVIOUS_KEYS, or an altered value): left as they are, logged. */
  unreadable: number;
}

/**
 * `npm run webhooks:encrypt`: encrypts stored webhook bodies that are still plaintext (rows from
 * before encryption existed) and re-encrypts those made with a rotated-out key, in batches. Each
 * row is updated only if it is still what was read, so a sweep can run beside a live shop and
 * beside another sweep. Once it reports nothing left, previous keys can be removed.
 */
export async function encryptStoredWebhooks(batchSize = 200): Promise<EncryptionSweep> {
  const key = encryptionKeys().current;
  const sweep: EncryptionSweep = { encrypted: 0, reencrypted: 0, skipped: 0, unreadable: 0 };
  let after = "";
  for (;;) {
    const rows = await db().webhookEvent.findMany({
      where: { id: { gt: after }, OR: [{ keyId: null }, { keyId: { not: key.id } }] },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, rawBody: true, keyId: true, razorpayOrderId: true, razorpayPaymentId: true },
    });
    if (rows.length === 0) return sweep;
    for (const row of rows) {
      let plaintext: string;
      try {
        plaintext = decrypt(row.rawBody, row.id);
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        sweep.unreadable++;
        log.error("webhook_body_unreadable", { alert: "webhook_body_unreadable", eventId: row.id, keyId: row.keyId, reason: error.message });
        continue;
      }
      let ids = {};
      if (row.keyId === null && !row.razorpayOrderId && !row.razorpayPaymentId) {
        try {
          ids = gatewayIdsOf(JSON.parse(plaintext));
        } catch {
          // Not JSON: nothing to look it up by, and the body is still encrypted.
        }
      }
      const { count } = await db().webhookEvent.updateMany({
        where: { id: row.id, rawBody: row.rawBody },
        data: { rawBody: encrypt(plaintext, row.id, key), keyId: key.id, ...ids },
      });
      if (count === 0) sweep.skipped++;
      else if (row.keyId === null) sweep.encrypted++;
      else sweep.reencrypted++;
    }
    after = rows.at(-1)!.id; // rows is non-empty here
  }
}
