import { ConfigError, parseConfig, parseMailConfig, type Config } from "@/lib/config";
import { critical, ok, warning, type Finding } from "./findings";

/**
 * The deployment's settings, judged as a reviewer would. The app's own rules (lib/config.ts: what
 * is required, minimum lengths, live keys never with the sandbox, no demo mode with live keys) are
 * applied by calling its parser: what it refuses is critical, because that server would not start.
 * The checks below are the reviewer's stricter ones, on top of a configuration the app accepts.
 */

/** Razorpay issues 24-character key secrets; anything shorter was typed by hand. */
export const STRONG_KEY_SECRET_LENGTH = 24;
/** The webhook secret is chosen by the owner in the dashboard: as long as a generated key. */
export const STRONG_WEBHOOK_SECRET_LENGTH = 32;
export const STRONG_CRON_SECRET_LENGTH = 32;

export function checkConfiguration(env: Record<string, string | undefined>): { findings: Finding[]; config: Config | undefined } {
  let config: Config;
  try {
    config = parseConfig(env);
    parseMailConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.message.split("\n").filter((line) => line.startsWith("- "));
    return { findings: lines.map((line) => critical("config.app-rules", `the shop would refuse to start: ${line.slice(2)}`)), config: undefined };
  }
  return { findings: [ok("config.app-rules", "the configuration passes the shop's own start-up validation"), ...reviewerChecks(config)], config };
}

function reviewerChecks(config: Config): Finding[] {
  const findings: Finding[] = [];
  const { keyId, keySecret, webhookSecret, sandboxUrl } = config.razorpay;
  const live = keyId.startsWith("rzp_live_");

  findings.push(live ? ok("config.keys", "live keys (rzp_live_), no sandbox configured") : warning("config.keys", `test keys (${keyId.slice(0, 9)}…)${sandboxUrl ? " against the local sandbox" : ""}: this deployment takes no real payments`));

  findings.push(
    keySecret.length >= STRONG_KEY_SECRET_LENGTH
      ? ok("config.key-secret", `RAZORPAY_KEY_SECRET is ${keySecret.length} characters`)
      : warning("config.key-secret", `RAZORPAY_KEY_SECRET is ${keySecret.length} characters; Razorpay's secrets have ${STRONG_KEY_SECRET_LENGTH}: check it was copied whole`),
  );

  if (webhookSecret === keySecret) findings.push(critical("config.webhook-secret", "RAZORPAY_WEBHOOK_SECRET equals RAZORPAY_KEY_SECRET: anyone who learns one can forge webhooks and call the API; choose a distinct webhook secret in the dashboard"));
  else if (webhookSecret.length < STRONG_WEBHOOK_SECRET_LENGTH) findings.push(warning("config.webhook-secret", `RAZORPAY_WEBHOOK_SECRET is ${webhookSecret.length} characters; use at least ${STRONG_WEBHOOK_SECRET_LENGTH} random characters (\`openssl rand -hex 16\`)`));
  else findings.push(ok("config.webhook-secret", `RAZORPAY_WEBHOOK_SECRET is ${webhookSecret.length} characters and distinct from the key secret`));

  const shared = [config.auth.secret, config.cronSecret].filter((secret) => secret !== undefined && (secret === keySecret || secret === webhookSecret));
  findings.push(shared.length ? critical("config.secret-reuse", "NEXTAUTH_SECRET or CRON_SECRET reuses a Razorpay secret: each secret must be its own") : ok("config.secret-reuse", "NEXTAUTH_SECRET, CRON_SECRET and the Razorpay secrets are all distinct"));

  findings.push(ok("config.nextauth-secret", `NEXTAUTH_SECRET is ${config.auth.secret.length} characters`));

  if (!config.cronSecret) {
    findings.push(
      warning(
        "config.cron-secret",
        config.workers === "internal"
          ? "CRON_SECRET is not set: /api/cron/reconcile cannot be called by a scheduler, so reconciliation depends on the job queue's schedule, worked by the app"
          : "CRON_SECRET is not set and WORKERS=external: /api/cron/reconcile cannot be called, so reconciliation depends on `npm run worker` running",
      ),
    );
  } else if (config.cronSecret.length < STRONG_CRON_SECRET_LENGTH) {
    findings.push(warning("config.cron-secret", `CRON_SECRET is ${config.cronSecret.length} characters; use at least ${STRONG_CRON_SECRET_LENGTH}`));
  } else findings.push(ok("config.cron-secret", `CRON_SECRET is ${config.cronSecret.length} characters`));

  findings.push(databaseUrlCheck(config.databaseUrl, live && config.shopMode === "live"));
  return findings;
}

function databaseUrlCheck(databaseUrl: string, live: boolean): Finding {
  let password = "";
  try {
    password = decodeURIComponent(new URL(databaseUrl).password);
  } catch {
    return warning("config.database-url", "DATABASE_URL could not be read as a URL");
  }
  if (password) return ok("config.database-url", "DATABASE_URL authenticates with a password");
  return live
    ? warning("config.database-url", "DATABASE_URL has no password with live keys: the database trusts whoever connects (trust or peer authentication); give the shop's role a password")
    : ok("config.database-url", "DATABASE_URL has no password (acceptable for a test or demo database)");
}
