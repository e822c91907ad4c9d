// `npm run webhooks:replay -- [--list] [evt_id ...]`: lists dead-lettered webhook events, or puts
// them (all, or the ones named) back in the inbox with a job each, and processes them now (the
// jobs then find them done; a worker runs any this run could not finish).
import { parseArgs } from "node:util";
import { loadEnvFiles, useEmbeddedDatabaseUnlessConfigured } from "./env";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { list: { type: "boolean", default: false } } });
loadEnvFiles();
useEmbeddedDatabaseUnlessConfigured();
const { db } = await import("../lib/db");
const { processDueWebhooks, replayDeadWebhooks } = await import("../lib/webhooks/inbox");
const { queue, stopQueue } = await import("../lib/queue/boss");
await queue(); // before any transaction enqueues (see scripts/reconcile.ts)

const dead = await db().webhookEvent.findMany({ where: { status: "dead", ...(positionals.length ? { id: { in: positionals } } : {}) }, orderBy: { receivedAt: "asc" } });
for (const event of dead) console.log(`${event.id}  ${event.event}  attempts=${event.attempts}  received=${event.receivedAt.toISOString()}  last error: ${event.lastError ?? "-"}`);
if (!values.list) {
  const replayed = await replayDeadWebhooks(positionals.length ? positionals : undefined);
  const processed = await processDueWebhooks();
  const stillDead = await db().webhookEvent.count({ where: { status: "dead" } });
  console.log(`Replayed ${replayed} dead event(s); processed ${processed} due event(s); ${stillDead} still dead.`);
}
await stopQueue();
await db().$disconnect();
