/**
 * Runs once when the server starts: validates the configuration (so a missing setting stops the
 * server with a message instead of failing a shopper's checkout later) and starts the job queue's
 * workers (webhooks, captures and refunds, emails, reconciliation).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { config, ConfigError } = await import("./lib/config");
  try {
    // Includes the shop's identity (lib/shop/details.ts), printed on each tax invoice issued in the
    // transaction that credits a payment: a bad SHOP_* value stops the server here, not a payment later.
    config();
  } catch (error) {
    // In production a server without a valid configuration would answer 500 on every route,
    // webhooks included: stop it, naming each variable, so the deploy fails where it is seen.
    // `next dev` keeps running so the message stays on screen while the file is fixed.
    if (error instanceof ConfigError && process.env.NODE_ENV === "production") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // Issue 8: the rate limiter sees each request's TCP peer, and connects to Redis before the first request.
  const { installPeerAddressHeader } = await import("./lib/ratelimit/client");
  installPeerAddressHeader();
  // Issue 9: page renders take turns, so a burst of shoppers never delays a webhook's acknowledgement.
  const { installPageAdmission, MAX_WAITING_RENDERS } = await import("./lib/server/page-admission");
  installPageAdmission({ concurrency: config().pageRenderConcurrency, maxWaiting: MAX_WAITING_RENDERS });
  const { warmUpRateLimiter } = await import("./lib/ratelimit/limiter");
  await warmUpRateLimiter();
  // Issue 7: the first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, made or updated at every start.
  const { bootstrapFirstAdmin } = await import("./lib/auth/bootstrap");
  await bootstrapFirstAdmin();
  // Issue 9: the job queue. Every instance can enqueue; unless WORKERS=external (then `npm run
  // worker` processes do it), this one also works the queues and the once-a-minute reconciliation.
  const { queue } = await import("./lib/queue/boss");
  if (config().workers === "external") {
    await queue("producer");
    return;
  }
  const { startWorkers } = await import("./lib/jobs");
  const stop = await startWorkers();
  // On SIGTERM (a deploy, a scale-down) running jobs finish before the process goes; a job cut
  // short by SIGKILL is run again elsewhere once its heartbeat stops.
  process.once("SIGTERM", () => void stop(10_000).finally(() => process.exit(0)));
}
