// `npm run reconcile`: one reconciliation run (see lib/reconciliation/reconcile.ts), for cron or by hand.
import { loadEnvFiles, useEmbeddedDatabaseUnlessConfigured } from "./env";

loadEnvFiles();
useEmbeddedDatabaseUnlessConfigured();
const { reconcile } = await import("../lib/reconciliation/reconcile");
const { db } = await import("../lib/db");
const { queue, stopQueue } = await import("../lib/queue/boss");
// Started before any transaction enqueues: on the embedded PGlite a transaction holds the only
// session, so a queue starting inside one would wait for it forever.
await queue();
const report = await reconcile();
console.log(JSON.stringify(report, null, 2));
// Follow-ups it decided (captures, refunds) are queued for the workers; this process only enqueued.
await stopQueue();
await db().$disconnect();
process.exit(report.errors.length ? 1 : 0);
