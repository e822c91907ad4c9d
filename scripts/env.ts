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

export const GENERATED_ADMIN_EMAIL = "admin@example.com";

/**
 * Sign-in settings for a shop started with nothing configured (`npm run dev`, `SHOP_MODE=demo
 * npm start`): NEXTAUTH_SECRET and the first admin's ADMIN_EMAIL / ADMIN_PASSWORD are generated
 * once into .env.local; NEXTAUTH_URL defaults to this launch's own address and is not saved, so
 * another --port still works. Returns the settings to print.
 */
export async function ensureAuthSettings(port: number, envLocal = ENV_LOCAL): Promise<{ generated: string[]; url: string; adminEmail?: string; adminPassword?: string }> {
  const generated: Record<string, string> = {};
  if (!process.env.NEXTAUTH_SECRET) generated.NEXTAUTH_SECRET = randomBytes(32).toString("base64url");
  if (!process.env.ADMIN_EMAIL && !process.env.ADMIN_PASSWORD) Object.assign(generated, { ADMIN_EMAIL: GENERATED_ADMIN_EMAIL, ADMIN_PASSWORD: alphanumeric(20) });
  if (Object.keys(generated).length) {
    const lines = Object.entries(generated).map(([name, value]) => `${name}=${value}`);
    await appendFile(envLocal, `\n# Generated for sign-in (${new Date().toISOString()}): the session secret and the first admin.\n${lines.join("\n")}\n`, { mode: 0o600 });
    // Secrets: owner-only, also when the file already existed with wider permissions.
    await chmod(envLocal, 0o600);
    Object.assign(process.env, generated);
  }
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  return { generated: Object.keys(generated), url: process.env.NEXTAUTH_URL, adminEmail: process.env.ADMIN_EMAIL, adminPassword: process.env.ADMIN_PASSWORD };
}

/** For one-off commands: without DATABASE_URL, use the embedded database `npm run dev` is serving. */
export function useEmbeddedDatabaseUnlessConfigured(): void {
  if (process.env.DATABASE_URL) return;
  process.env.DATABASE_URL = EMBEDDED_DATABASE_URL;
  process.env.DATABASE_POOL_SIZE = "1";
  console.log(`DATABASE_URL is not set: using the embedded database of a running \`npm run dev\` (${EMBEDDED_DATABASE_URL}).`);
}

/**
 * Issue 8: the key stored webhook payloads are encrypted with (lib/security/encryption.ts), for a
 * shop started with nothing configured: 32 random bytes, generated once into .env.local
 * (owner-only) and read back on every later start. Returns whether it generated one.
 */
export async function ensureEncryptionKey(envLocal = ENV_LOCAL): Promise<boolean> {
  if (process.env.ENCRYPTION_KEY) return false;
  const key = randomBytes(32).toString("base64");
  await appendFile(envLocal, `\n# Generated for encryption at rest (${new Date().toISOString()}): keep it, or stored webhook payloads cannot be read.\nENCRYPTION_KEY=${key}\n`, { mode: 0o600 });
  await chmod(envLocal, 0o600);
  process.env.ENCRYPTION_KEY = key;
  return true;
}
