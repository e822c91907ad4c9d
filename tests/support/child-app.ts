// Runs the route handlers in a process of their own (configured by the environment), so a test
// can kill it with SIGKILL at a chosen moment, as a crash would. CHILD_WORKER_QUEUES (comma-
// separated) makes it work those job queues too, as the app does with WORKERS=internal.
import type { QueueName } from "@/lib/queue/boss";
import { startAppServer } from "./app-server";

const queues = (process.env.CHILD_WORKER_QUEUES ?? "").split(",").filter(Boolean) as QueueName[];
if (queues.length > 0) {
  const { startWorkers } = await import("@/lib/jobs");
  await startWorkers({ queues });
}
const app = await startAppServer();
process.stdout.write(`listening ${app.url}\n`);
