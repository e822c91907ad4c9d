// `npm run webhooks:encrypt`: encrypts stored webhook bodies still in plaintext (stored before
// encryption at rest existed) and re-encrypts those under a key moved to ENCRYPTION_PREVIOUS_KEYS.
// Safe to run beside a live shop, and again: it only touches what is not yet under ENCRYPTION_KEY.
import { loadEnvFiles, useEmbeddedDatabaseUnlessConfigured } from "./env";

loadEnvFiles();
useEmbeddedDatabaseUnlessConfigured();
const { db } = await import("../lib/db");
const { encryptStoredWebhooks } = await import("../lib/webhooks/encrypt-stored");

const sweep = await encryptStoredWebhooks();
console.log(`Encrypted ${sweep.encrypted} plaintext webhook body(ies); re-encrypted ${sweep.reencrypted} under the current key; ${sweep.skipped} changed meanwhile (run again); ${sweep.unreadable} unreadable (see the log).`);
await db().$disconnect();
process.exitCode = sweep.unreadable > 0 ? 1 : 0;
