import type { Job, JobResult, WorkOptions } from "pg-boss";
import { config } from "@/lib/config";
import { deliverDueEmails } from "@/lib/email/deliver";
import { log, withRunId } from "@/lib/log";
import { runFollowUp } from "@/lib/payments/follow-up-jobs";
import { queue, RetryLater, stopQueue, type JobPayloads, type QueueName } from "@/lib/queue/boss";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { processWebhookEvent } from "@/lib/webhooks/inbox";

/** Once a minute, for the whole cluster: pg-boss's cron files each minute's run under one key, so however many workers run, one job is created. */
export const RECONCILE_CRON = "* * * * *";

/**
 * How each queue is worked, chosen for the shop's load on a small machine:
 * - webhooks come in bursts (a sale, Razorpay retrying a backlog): a worker fetches up to 20 at a
 *   time and applies them concurrently (each in its own transaction; events of one order meet at
 *   its row lock; at most DATABASE_POOL_SIZE in flight per process), two fetch loops per process
 *   so one batch's slowest event does not idle the rest, and it keeps fetching without pause while
 *   batches come back full. One fetch and one completion statement per batch instead of per event.
 * - follow-ups and emails call slow outside services (Razorpay, SMTP), a few at a time.
 * - idle, each loop polls every 2 s as a floor; NOTIFY wakes workers the moment a job commits.
 */
const WORK: Record<Exclude<QueueName, "reconcile">, WorkOptions> = {
  webhook: { batchSize: 20, localConcurrency: 2, burstWhenBatchFull: true, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 },
  "follow-up": { batchSize: 5, localConcurrency: 1, burstWhenBatchFull: true, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 },
  email: { batchSize: 5, localConcurrency: 1, burstWhenBatchFull: true, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2 },
};

type Handler<Q extends QueueName> = (data: JobPayloads[Q]) => Promise<void>;

const HANDLERS: { [Q in Exclude<QueueName, "reconcile">]: Handler<Q> } = {
  webhook: async ({ eventId }) => {
    // Failures are recorded on the event, which queues its own next attempt; another process
    // holding the event's lease (it may have died) is waited out.
    if ((await processWebhookEvent(eventId)) === "busy") throw new RetryLater(`webhook ${eventId} is held by another process`);
  },
  "follow-up": ({ followUp, source }) => runFollowUp(followUp, source),
  email: async ({ emailId }) => {
    await deliverDueEmails(new Date(), { ids: [emailId] });
  },
};

/**
 * Applies a batch concurrently and settles each job on its own: one failure retries only itself.
 * No more jobs of a batch run at once than this process's fetch loops leave database connections
 * for: a job holds a connection for its transaction, and more would only queue for the pool.
 */
function batchHandler<Q extends Exclude<QueueName, "reconcile">>(name: Q) {
  const handle = HANDLERS[name] as Handler<Q>;
  const inFlight = Math.max(1, Math.floor(config().databasePoolSize / (WORK[name].localConcurrency ?? 1)));
  const settle = async (job: Job<JobPayloads[Q]>): Promise<JobResult> => {
    try {
      await withRunId(name, () => handle(job.data), (job.data as { requestId?: string }).requestId); // set by enqueue()
      return { id: job.id, status: "completed" };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof RetryLater)) log.warn("job_failed", { queue: name, jobId: job.id, retryCount: job.retryCount, error: message });
      return { id: job.id, status: "failed", output: { message } };
    }
  };
  return async (jobs: Job<JobPayloads[Q]>[]): Promise<JobResult[]> => {
    const results: JobResult[] = [];
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await settle(jobs[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, jobs.length) }, lane));
    return results;
  };
}

export interface WorkerOptions {
  /** Which queues this process works (default: all, and the reconciliation schedule). */
  queues?: readonly QueueName[];
}

/**
 * Starts this process's workers: the webhook, follow-up and email queues, and reconciliation,
 * which pg-boss's cron creates once a minute for the cluster. Used by instrumentation.ts (the app,
 * unless WORKERS=external) and by `npm run worker`. Returns a graceful stop: no new jobs are
 * fetched, running ones finish (up to the timeout), and a job cut short is run again elsewhere.
 */
export async function startWorkers(options: WorkerOptions = {}): Promise<(timeoutMs?: number) => Promise<void>> {
  const queues = options.queues ?? (["webhook", "follow-up", "email", "reconcile"] as const);
  const boss = await queue("worker");
  for (const name of queues) {
    if (name === "reconcile") {
      // The throttle slot (pg-boss's unique index on queue, slot) makes "at most one run per clock
      // minute for the cluster" a rule of the database rather than of the cron's timing: in one CI
      // run, a cluster whose scheduling processes had just been SIGKILLed and replaced had its cron
      // forward two runs 10 s apart in the same minute. A forward that arrives after its minute ends
      // can take the next minute's slot; that minute's run is then the one it brings.
      await boss.schedule("reconcile", RECONCILE_CRON, {}, { tz: "UTC", singletonSeconds: 60 });
      await boss.work("reconcile", { pollingIntervalSeconds: 2 }, async () => {
        // The cron clock's run is the schedule the outbox relies on too: due emails are swept with it.
        await withRunId("reconcile", async () => {
          await reconcile();
          await deliverDueEmails();
        });
      });
    } else {
      await boss.work(name, { ...WORK[name], perJobResults: true }, batchHandler(name));
    }
  }
  log.info("workers_started", { queues: [...queues] });
  return (timeoutMs = 30_000) => stopQueue(timeoutMs);
}
