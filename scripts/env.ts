import { existsSync } from "node:fs";
import { appendFile, chmod } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
const ENV_LOCAL = path.join(ROOT, ".env.local");

/** Where `npm run dev` serves its embedded PostgreSQL, so other commands can reach it while it runs. */
export const EMBEDDED_DATABASE_PORT = 54329;
export const EMBEDDED_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${EMBEDDED_DATABASE_PORT}/postgres?sslmode=disable`;
export const SANDBOX_URL = "http://127.0.0.1:4010";

/** Loads .env.local then .env into process.env; variables already set win, as in Next.js. */
export function loadEnvFiles(): void {
  for (const file of [ENV_LOCAL, path.join(ROOT, ".env")]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}

const alphanumeric = (length: number) => randomBytes(length * 2).toString("base64").replace(/[^A-Za-z0-9]/g, "").slice(0, length);

/**
 * With no Razorpay keys configured, makes sandbox keys once and saves them to the git-ignored
 * .env.local, so the shop, the sandbox, tests and people all read the same values.
 */
export async function ensureSandboxCredentials(envLocal = ENV_LOCAL): Promise<boolean> {
  if (process.env.RAZORPAY_KEY_ID) return false;
  const generated = {
    RAZORPAY_KEY_ID: `rzp_test_${alphanumeric(14)}`,
    RAZORPAY_KEY_SECRET: alphanumeric(24),
    RAZORPAY_WEBHOOK_SECRET: alphanumeric(24),
    RAZORPAY_SANDBOX_URL: process.env.RAZORPAY_SANDBOX_URL || SANDBOX_URL,
    CRON_SECRET: process.env.CRON_SECRET || alphanumeric(32),
  };
  const lines = Object.entries(generated).map(([name, value]) => `${name}=${value}`);
  // Secrets: readable by their owner only, also when appending to a file made more open by hand.
  await appendFile(envLocal, `\n# Generated for the local Razorpay sandbox (${new Date().toISOString()}). Not real keys.\n${lines.join("\n")}\n`, { mode: 0o600 });
  await chmod(envLocal, 0o600);
  Object.assign(process.env, generated);
  return true;
}

/** For one-off commands: without DATABASE_URL, use the embedded database `npm run dev` is serving. */
export function useEmbeddedDatabaseUnlessConfigured(): void {
  if (process.env.DATABASE_URL) return;
  process.env.DATABASE_URL = EMBEDDED_DATABASE_URL;
  process.env.DATABASE_POOL_SIZE = "1";
  console.log(`DATABASE_URL is not set: using the embedded database of a running \`npm run dev\` (${EMBEDDED_DATABASE_URL}).`);
}
