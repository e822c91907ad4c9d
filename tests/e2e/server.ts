// The shop as the browser tests see it, started the way a user starts it: `npm start` (the
// production build through scripts/serve.ts) with SHOP_MODE=demo, DATABASE_URL naming a fresh
// scratch database (a new one on the PostgreSQL server DATABASE_URL names, or an in-memory
// PGlite), fresh test keys and RAZORPAY_SANDBOX_URL on a free port, so `npm start` migrates,
// seeds and runs the sandbox itself. Bugs of that path (a missing .data/ folder) fail these tests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { createScratchDatabase } from "../support/scratch-database";
import { E2E_ADMIN, decodedBody, e2eMailDirectory } from "../support/auth";
import { startMailCatcher } from "../support/mail-catcher";

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
}

const database = await freshDatabase();
// What the shop mails (sign-in links, order emails) lands here, one JSON file per message, for the tests to read.
const mail = await startMailCatcher();
const mailDirectory = e2eMailDirectory(port);
rmSync(mailDirectory, { recursive: true, force: true });
mkdirSync(mailDirectory, { recursive: true });
let written = 0;
setInterval(() => {
  for (; written < mail.messages.length; written++) {
    const { to, subject, raw } = mail.messages[written];
    writeFileSync(path.join(mailDirectory, `${String(written).padStart(6, "0")}.json`), JSON.stringify({ to, subject, text: decodedBody(raw) }));
  }
}, 100).unref();
const stateDirectory = mkdtempSync(path.join(tmpdir(), "storefront-e2e-sandbox-"));
const env = {
  ...process.env,
  SHOP_MODE: "demo",
  PORT: String(port),
  DATABASE_URL: database.url,
  DATABASE_POOL_SIZE: database.poolSize,
  RAZORPAY_KEY_ID: `rzp_test_${secret(14)}`,
  RAZORPAY_KEY_SECRET: secret(24),
  RAZORPAY_WEBHOOK_SECRET: secret(24),
  RAZORPAY_SANDBOX_URL: `http://127.0.0.1:${await freePort()}`,
  // Not the developer's .data/: every run starts with an empty sandbox of its own, in a folder
  // that does not exist yet, as .data/ does not on a fresh clone with DATABASE_URL set.
  RAZORPAY_SANDBOX_STATE_FILE: path.join(stateDirectory, "data", "razorpay-sandbox.json"),
  // Sign-in (issue 7): the first admin the browser tests sign in as, and an SMTP server whose mail the tests read.
  NEXTAUTH_SECRET: secret(40),
  // Issue 8: the key webhook bodies are encrypted with.
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  SMTP_URL: mail.url,
  MAIL_FROM: "orders@example.com",
  // Issue 8: every browser test shops from 127.0.0.1; the limits themselves are tested in tests/integration/rate-limits*.
  RATE_LIMIT_MULTIPLIER: "100",
};

const shop = spawn("npm", ["start", "--", "--port", String(port)], { cwd: ROOT, env, stdio: "inherit" });
let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (shop.exitCode === null && shop.signalCode === null) {
    const exited = new Promise((resolve) => shop.once("exit", resolve));
    shop.kill("SIGTERM");
    await exited;
  }
  await database.dispose();
  await mail.stop();
  rmSync(mailDirectory, { recursive: true, force: true });
  rmSync(stateDirectory, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
shop.on("exit", (code) => void stop(code ?? 1));
