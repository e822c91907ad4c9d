// The shop as the browser tests see it: `next start` on the production build, with a fresh
// database (a new one on the PostgreSQL server DATABASE_URL names, or an in-memory PGlite), a
// Razorpay sandbox with fresh keys, the seeded catalogue and the background jobs running.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "../../sandbox/server";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { migrate } from "../../scripts/migrate";
import { createScratchDatabase } from "../support/scratch-database";
import { E2E_ADMIN, e2eMailDirectory } from "../support/auth";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { port: { type: "string", default: "3100" } } });
const port = Number(values.port);
const secret = (length: number) => randomBytes(length).toString("hex").slice(0, length);

async function freshDatabase(): Promise<{ url: string; poolSize: string; dispose(): Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    console.log("DATABASE_URL is not set: the browser tests use an in-memory embedded PostgreSQL (PGlite).");
    const embedded = await startEmbeddedPostgres();
    return { url: embedded.url, poolSize: "1", dispose: () => embedded.stop() };
  }
  const scratch = await createScratchDatabase(server, { prefix: "storefront_e2e" });
  return { url: scratch.url, poolSize: "10", dispose: scratch.drop };
}

const database = await freshDatabase();
await migrate(database.url);
const keys = { keyId: `rzp_test_${secret(14)}`, keySecret: secret(24), webhookSecret: secret(24) };
const sandbox = await startSandbox({ ...keys, webhookUrl: `http://127.0.0.1:${port}/api/webhooks/razorpay`, webhookRetry: { baseDelayMs: 500, maxAttempts: 8, timeoutMs: 5_000 } });
const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: database.poolSize,
  RAZORPAY_KEY_ID: keys.keyId,
  RAZORPAY_KEY_SECRET: keys.keySecret,
  RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
  RAZORPAY_SANDBOX_URL: sandbox.url,
  // Sign-in (issue 7): the first admin the browser tests sign in as, and a mail folder they read magic links from.
  NEXTAUTH_SECRET: secret(40),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  DEV_MAIL_DIR: e2eMailDirectory(port),
};
await new Promise<void>((resolve, reject) => {
  const seed = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: ROOT, env, stdio: "inherit" });
  seed.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed exited with ${code}`))));
});

const next = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], { cwd: ROOT, env, stdio: "inherit" });
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await sandbox.close();
  await database.dispose();
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
next.on("exit", (code) => void stop(code ?? 1));
