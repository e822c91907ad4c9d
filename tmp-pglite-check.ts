import { startEmbeddedPostgres } from "./scripts/embedded-postgres";
import { migrate } from "./scripts/migrate";

const pg = await startEmbeddedPostgres({});
Object.assign(process.env, { DATABASE_URL: pg.url, DATABASE_POOL_SIZE: "1", RAZORPAY_KEY_ID: "rzp_test_abcdefabcdef12", RAZORPAY_KEY_SECRET: "abcdefabcdefabcdefabcdef", RAZORPAY_WEBHOOK_SECRET: "whsecwhsecwhsec", NEXTAUTH_SECRET: "0123456789012345678901234567890123456789", NEXTAUTH_URL: "http://127.0.0.1:3000", ENCRYPTION_KEY: "0".repeat(64) });
await migrate(pg.url);
const t0 = Date.now();
const { startWorkers } = await import("./lib/jobs");
const stop = await startWorkers({ queues: ["webhook", "reconcile"] });
console.log("workers started in", Date.now() - t0, "ms");
const { transaction, db } = await import("./lib/db");
const { enqueue } = await import("./lib/queue/boss");
const { encrypt, encryptionKeys } = await import("./lib/security/encryption");
const key = encryptionKeys().current;
const body = JSON.stringify({ entity: "event", event: "payment.captured", payload: { payment: { entity: { id: "pay_Pglite0000001", entity: "payment", order_id: "order_Pglite000001", amount: 100, currency: "INR", status: "captured" } } } });
await transaction(async (tx) => {
  await tx.webhookEvent.create({ data: { id: "evt_Pglite0000001", event: "payment.captured", rawBody: encrypt(body, "evt_Pglite0000001", key), keyId: key.id } });
  await enqueue(tx, { queue: "webhook", data: { eventId: "evt_Pglite0000001" }, key: "x" });
});
const t1 = Date.now();
for (;;) {
  const row = await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_Pglite0000001" } });
  if (row.status !== "pending") { console.log("event", row.status, row.outcome, row.lastError, "after", Date.now() - t1, "ms"); break; }
  if (Date.now() - t1 > 60_000) { console.log("NOT PROCESSED"); break; }
  await new Promise((r) => setTimeout(r, 200));
}
await stop(5000);
await db().$disconnect();
await pg.stop();
process.exit(0);
