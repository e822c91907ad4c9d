/**
 * Runs once when the server starts: validates the configuration (so a missing setting stops the
 * server with a message instead of failing a shopper's checkout later) and starts the in-process
 * schedule for webhook retries and reconciliation.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  config();
  const { startBackgroundJobs } = await import("./lib/jobs");
  startBackgroundJobs();
}
