import { createHash } from "node:crypto";
import { fromPrisma, PgBoss, type JobInsert, type Queue } from "pg-boss";
import { config } from "@/lib/config";
import { singleConnection, type Tx } from "@/lib/db";
import { currentRequestId, log } from "@/lib/log";

/**
 * The job queue: pg-boss (PostgreSQL, `SKIP LOCKED`, retries, dead letters, cron once per cluster)
 * in its own `pgboss` schema of the shop's database. Every process that enqueues starts one
 * instance (the app, `npm run worker`, the scripts); only the ones that work jobs supervise and
 * schedule. A job is written with `enqueue(tx, …)` inside the caller's Prisma transaction, so it
 * exists if and only if the fact that causes it commits.
 *
 * pg-boss 12.38.0 is pinned exactly: it declares Node ≥ 22.12 but runs on Node 20.20 (see README).
 */
export const QUEUE_SCHEMA = "pgboss";

/** The queues, their payloads and settings. A payload is small: ids, never personal data. */
export interface JobPayloads {
  /** A stored webhook event to apply (lib/webhooks/inbox.ts). */
  webhook: { eventId: string };
  /** A gateway call the transition function decided on (lib/payments/follow-ups.ts). */
  "follow-up": { followUp: import("@/lib/payments/follow-ups").FollowUp; source: import("@/lib/orders/audit").Source };
  /** An outbox email to deliver (lib/email/deliver.ts). */
  email: { emailId: string };
  /** One reconciliation run, created by the cron schedule once per minute for the whole cluster. */
  reconcile: Record<string, never>;
}
export type QueueName = keyof JobPayloads;

/**
 * Retries here cover a worker that died or threw before recording anything (pg-boss notices a
 * missing heartbeat and runs the job again). Failures the domain understands (Razorpay down, a
 * mail server refusing for now) are recorded on the domain row, which schedules its own next
 * attempt as a deferred job: the row stays the record, the queue only drives the work.
 */
const RETRIES = { retryLimit: 5, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 } as const;
/** A live worker beats every 5 s; a SIGKILLed one is noticed ~10 s later and its job runs elsewhere. */
const HEARTBEAT_SECONDS = 10;

export const QUEUES: Record<QueueName, Omit<Queue, "name">> = {
  webhook: { ...RETRIES, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 300, deadLetter: "dead-letter", notify: true },
  "follow-up": { ...RETRIES, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 300, deadLetter: "dead-letter", notify: true },
  email: { ...RETRIES, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 600, deadLetter: "dead-letter", notify: true },
  // `stately`: at most one run queued and one running, so a slow run never piles up minutes behind it.
  reconcile: { policy: "stately", retryLimit: 0, heartbeatSeconds: HEARTBEAT_SECONDS, expireInSeconds: 900, deleteAfterSeconds: 7 * 86_400 },
};
/** Jobs that failed every retry land here, visible with their error until someone looks. */
const DEAD_LETTER_QUEUE = "dead-letter";

export type Role = "producer" | "worker";

interface QueueState {
  boss: Promise<PgBoss>;
  role: Role;
}
const globalForQueue = globalThis as unknown as { shopQueue?: QueueState };

/** Connections per process for pg-boss's own pool (fetching, completing, supervising). */
const QUEUE_POOL_SIZE = 4;

/**
 * The process's pg-boss, started on first use. `worker` instances also supervise (expire, retry,
 * dead-letter, maintenance) and run the cron clock; a producer only writes jobs. Asking for
 * `worker` after a producer started turns it into one (a restart of the instance is not needed:
 * supervision is chosen at start, so the producer is stopped and replaced).
 */
export function queue(role: Role = "producer"): Promise<PgBoss> {
  const current = globalForQueue.shopQueue;
  if (current && (current.role === "worker" || role === "producer")) return current.boss;
  const previous = current?.boss;
  const boss = (async () => {
    if (previous) await (await previous).stop({ graceful: true, close: true }).catch(() => undefined);
    return startBoss(role);
  })();
  globalForQueue.shopQueue = { boss, role };
  // A failed start must not stay cached: the next caller tries again (the database may be back).
  boss.catch(() => {
    if (globalForQueue.shopQueue?.boss === boss) globalForQueue.shopQueue = undefined;
  });
  return boss;
}

async function startBoss(role: Role): Promise<PgBoss> {
  const worker = role === "worker";
  const { databaseUrl, databasePoolSize } = config();
  // On the embedded PGlite (one connection per process, see lib/db.ts) pg-boss shares it and
  // polls; elsewhere it has its own small pool and a LISTEN connection.
  const shared = databasePoolSize === 1;
  const connection = shared ? { db: { executeSql: (text: string, values?: unknown[]) => singleConnection().query(text, values) } } : { connectionString: databaseUrl, max: QUEUE_POOL_SIZE };
  const boss = new PgBoss({
    ...connection,
    schema: QUEUE_SCHEMA,
    application_name: `shop-${role}`,
    instanceName: `shop-${role}`,
    supervise: worker,
    schedule: worker,
    // Workers are woken by NOTIFY the moment a job commits; polling stays as the floor (and is
    // what runs jobs on PGlite).
    useListenNotify: worker && !shared,
    // Expired and heartbeat-less jobs are found this often (claimed once per interval per cluster).
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    cronMonitorIntervalSeconds: 10,
    cronWorkerIntervalSeconds: 2,
  });
  boss.on("error", (error) => log.warn("queue_error", { error: error.message }));
  boss.on("warning", (warning) => log.warn("queue_warning", { message: warning.message }));
  await boss.start();
  await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 30 * 86_400, deleteAfterSeconds: 30 * 86_400 });
  for (const [name, options] of Object.entries(QUEUES)) {
    // createQueue leaves an existing queue as it is; updateQueue brings its settings to these.
    await boss.createQueue(name, options);
    const { policy: _policy, deadLetter, heartbeatSeconds, ...updatable } = options; // policy cannot change after creation
    await boss.updateQueue(name, { ...updatable, deadLetter: deadLetter ?? null, heartbeatSeconds: heartbeatSeconds ?? null });
  }
  return boss;
}

/** Stops the process's pg-boss, letting running jobs finish for up to `timeoutMs`. */
export async function stopQueue(timeoutMs = 30_000): Promise<void> {
  const current = globalForQueue.shopQueue;
  if (!current) return;
  globalForQueue.shopQueue = undefined;
  const boss = await current.boss.catch(() => undefined);
  await boss?.stop({ graceful: true, close: true, timeout: timeoutMs });
}

/** Thrown by a job handler to have the queue run the job again later, with pg-boss's backoff. */
export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLater";
  }
}

/** A job to write: its queue, payload, and optionally a dedup key and a time before which it must not run. */
export interface NewJob<Q extends QueueName = QueueName> {
  queue: Q;
  data: JobPayloads[Q];
  /**
   * Jobs with the same key are one job (the key becomes the job id, and pg-boss inserts with ON
   * CONFLICT DO NOTHING), so a fact reported twice, or a sweep racing a worker, queues one job.
   */
  key?: string;
  startAfter?: Date;
}

/** Writes jobs inside the caller's transaction: they commit with it, or not at all. */
export async function enqueue(tx: Tx, jobs: NewJob | readonly NewJob[]): Promise<void> {
  const list = Array.isArray(jobs) ? jobs : [jobs as NewJob];
  if (list.length === 0) return;
  const boss = await queue();
  const byQueue = new Map<QueueName, JobInsert[]>();
  for (const job of list) {
    const rows = byQueue.get(job.queue) ?? [];
    // The request that caused the job is named on every line the job logs (lib/jobs.ts).
    const requestId = currentRequestId();
    rows.push({ data: requestId ? { ...job.data, requestId } : job.data, ...(job.key ? { id: jobIdFor(job.queue, job.key) } : {}), ...(job.startAfter ? { startAfter: job.startAfter } : {}) });
    byQueue.set(job.queue, rows);
  }
  for (const [name, rows] of byQueue) await boss.insert(name, rows, { db: fromPrisma(tx) });
}

/** A UUID derived from the queue and key (SHA-256, formatted as a version-8 UUID). */
export function jobIdFor(queueName: QueueName, key: string): string {
  const hex = createHash("sha256").update(`${queueName}\n${key}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
