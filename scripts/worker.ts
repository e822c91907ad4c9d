// `npm run worker`: works the job queue (webhooks, captures and refunds, emails, reconciliation
// once a minute for the cluster) in a process of its own. Run one or more beside apps started
// with WORKERS=external, which then only enqueue. SIGTERM or Ctrl-C stops fetching, lets running
// jobs finish (up to 30 s) and exits; a job cut short by SIGKILL is run again by another worker.
import { loadEnvFiles, useEmbeddedDatabaseUnlessConfigured } from "./env";

loadEnvFiles();
useEmbeddedDatabaseUnlessConfigured();
const { config, ConfigError } = await import("../lib/config");
try {
  config();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
const { startWorkers } = await import("../lib/jobs");
const { db } = await import("../lib/db");
const { log } = await import("../lib/log");
const stop = await startWorkers();
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info("worker_stopping", { signal });
    await stop(30_000);
    await db().$disconnect();
    process.exit(0);
  });
}
