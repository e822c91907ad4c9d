// The shop as production runs it: `scripts/serve.ts start` (what `npm start` runs) serving the
// production build with `next start`, for tests that must go through the real Next.js server
// (its router, proxy, instrumentation and body handling), not only the route handlers.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestShop } from "../support/shop";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const BUILD_ID = path.join(ROOT, ".next/BUILD_ID");
const SOURCES = ["app", "lib", "components", "proxy.ts", "instrumentation.ts", "next.config.ts", "prisma/schema.prisma"];

function newestSourceChange(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(full, { recursive: true, encoding: "utf8" })) {
    if (name.includes("generated")) continue;
    newest = Math.max(newest, statSync(path.join(full, name)).mtimeMs);
  }
  return newest;
}

/**
 * Reuses `.next` when it is newer than every source file (`npm test` builds first), and builds
 * it otherwise, so these tests never run against a stale build. A lock folder keeps two test
 * files from building at once.
 */
export async function ensureProductionBuild(): Promise<void> {
  const lock = path.join(ROOT, ".next-build.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (a build takes a few minutes at most) is taken over.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    const fresh = existsSync(BUILD_ID) && statSync(BUILD_ID).mtimeMs > Math.max(...SOURCES.map(newestSourceChange));
    if (fresh) return;
    console.log("tests/next: .next is missing or older than the sources; running next build");
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, encoding: "utf8", env: cleanEnv({}) });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const secret = (length: number) => randomBytes(length).toString("hex").slice(0, length);

/** Only what a test names: no DATABASE_URL or keys leaking in from the test runner. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", ...env };
}

export interface NextShop {
  url: string;
  keys: TestShop["keys"];
  sandbox: { url: string };
  cronSecret: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** The first admin of every shop startNextShop starts (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const NEXT_SHOP_ADMIN = { email: "next-shop-admin@example.com", password: "next-shop-admin-password" };

/** `npm start` with SHOP_MODE=demo against `databaseUrl`: it migrates, seeds and runs the sandbox itself. */
export async function startNextShop(databaseUrl: string, options: { poolSize?: number; env?: Record<string, string> } = {}): Promise<NextShop> {
  const [port, sandboxPort] = [await freePort(), await freePort()];
  const stateDirectory = mkdtempSync(path.join(tmpdir(), "storefront-next-"));
  const keys = { keyId: `rzp_test_${secret(14)}`, keySecret: secret(24), webhookSecret: secret(24) };
  const cronSecret = secret(32);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start", "--port", String(port)], {
    cwd: ROOT,
    env: cleanEnv({
      SHOP_MODE: "demo",
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize ?? 5),
      RAZORPAY_KEY_ID: keys.keyId,
      RAZORPAY_KEY_SECRET: keys.keySecret,
      RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
      RAZORPAY_SANDBOX_URL: `http://127.0.0.1:${sandboxPort}`,
      RAZORPAY_SANDBOX_STATE_FILE: path.join(stateDirectory, "sandbox.json"),
      CRON_SECRET: cronSecret,
      // Sign-in (issue 7): given, so the demo launcher does not generate them into the repository's .env.local.
      NEXTAUTH_SECRET: secret(40),
      // Issue 8: the key webhook bodies are encrypted with (64 hex digits = 32 bytes).
      ENCRYPTION_KEY: randomBytes(32).toString("hex"),
      ADMIN_EMAIL: NEXT_SHOP_ADMIN.email,
      ADMIN_PASSWORD: NEXT_SHOP_ADMIN.password,
      // Issue 8: these tests call routes many times from one address; the limits are tested in tests/integration/rate-limits*.
      RATE_LIMIT_MULTIPLIER: "100",
      ...options.env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/api/products`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`npm start did not answer within 90 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    keys,
    sandbox: { url: `http://127.0.0.1:${sandboxPort}` },
    cronSecret,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      rmSync(stateDirectory, { recursive: true, force: true });
      return code;
    },
  };
}

/** `next start` on the production build with exactly `env`, until it exits (or 60 s pass). */
export function runNextStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return runUntilExit((port) => [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], env);
}

/** `npm start` (scripts/serve.ts start) with exactly `env`, until it exits (or 60 s pass). */
export function runNpmStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return runUntilExit((port) => ["--import", "tsx", "scripts/serve.ts", "start", "--port", String(port)], env);
}

function runUntilExit(args: (port: number) => string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    void freePort().then((port) => {
      const child = spawn(process.execPath, args(port), { cwd: ROOT, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      // SIGTERM first: serve.ts passes it on to its `next start`, which SIGKILL would orphan.
      const timer = setTimeout(() => {
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }, 60_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  });
}
