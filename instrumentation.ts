/**
 * Runs once when the server starts: validates the configuration (so a missing setting stops the
 * server with a message instead of failing a shopper's checkout later) and starts the in-process
 * schedule for webhook retries and reconciliation.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config } = await import("./lib/config");
  config();
  // Issue 7: the first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, made or updated at every start.
  const { bootstrapFirstAdmin } = await import("./lib/auth/bootstrap");
  await bootstrapFirstAdmin();
  const { startBackgroundJobs } = await import("./lib/jobs");
  startBackgroundJobs();
}
