import { config } from "@/lib/config";
import { log, withRunId } from "@/lib/log";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { processDueWebhooks } from "@/lib/webhooks/inbox";
import { deliverDueEmails } from "@/lib/email/deliver";

const WEBHOOK_INTERVAL_MS = 5_000;
const RECONCILE_INTERVAL_MS = 60_000;
const EMAIL_INTERVAL_MS = 5_000;

/**
 * In-process schedule for the server: due webhook retries every few seconds, reconciliation every
 * minute. Each run finishes before the next starts; several servers may run it at once, since
 * every step claims or locks what it works on. A scheduler can call /api/cron/reconcile instead.
 */
export function startBackgroundJobs(): () => void {
  if (!config().backgroundJobs) return () => {};
  const every = (intervalMs: number, name: string, job: () => Promise<unknown>) => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        // Each run has its own id on every line it logs, as a request has its request id.
        await withRunId(name, job);
      } catch (error) {
        log.warn("background_job_failed", { job: name, error: error instanceof Error ? error.message : String(error) });
      } finally {
        running = false;
      }
    }, intervalMs);
    timer.unref();
    return timer;
  };
  const timers = [
    every(WEBHOOK_INTERVAL_MS, "webhooks", () => processDueWebhooks()),
    every(RECONCILE_INTERVAL_MS, "reconcile", () => reconcile()),
    // Email (issue 7): the outbox, as often as webhooks; retries wait out their own backoff.
    every(EMAIL_INTERVAL_MS, "emails", () => deliverDueEmails()),
  ];
  log.info("background_jobs_started", { webhooksEverySeconds: WEBHOOK_INTERVAL_MS / 1000, reconcileEverySeconds: RECONCILE_INTERVAL_MS / 1000 });
  return () => timers.forEach(clearInterval);
}
