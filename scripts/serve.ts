// Starts the shop: `npm run dev` (next dev) or `npm start` (next start, after `npm run build`).
// `npm run dev`, and `npm start` with SHOP_MODE=demo, provide whatever is not configured: an
// embedded PostgreSQL when DATABASE_URL is unset, and the Razorpay sandbox (with keys generated
// into .env.local) when no keys are set. A plain `npm start` is production: it provides nothing,
// and a missing or wrong setting stops it with a message naming each variable.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ConfigError, parseConfig } from "../lib/config";
import { startSandbox, type Sandbox } from "../sandbox/server";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { EMBEDDED_DATABASE_PORT, ROOT, GENERATED_ADMIN_EMAIL, ensureAuthSettings, ensureEncryptionKey, ensureSandboxCredentials, loadEnvFiles } from "./env";
import { migrate } from "./migrate";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: "string", default: process.env.PORT ?? "3000" } } });
const mode = positionals[0] === "start" ? "start" : "dev";
const port = Number(values.port);

function isListening(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

async function countProducts(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*) FROM products")).rows[0].count);
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

async function main() {
  loadEnvFiles();
  // `next start` runs with NODE_ENV=production, and the configuration rules follow it.
  if (mode === "start") Object.assign(process.env, { NODE_ENV: "production" });
  const demo = mode === "dev" || process.env.SHOP_MODE === "demo";
  if (demo && (await ensureSandboxCredentials())) console.log("No Razorpay keys configured: generated sandbox keys into .env.local.");
  // Issue 7: sign-in settings, generated like the sandbox keys when the shop runs as a demo.
  if (demo) {
    const auth = await ensureAuthSettings(port);
    if (auth.generated.length) console.log(`Generated ${auth.generated.join(", ")} into .env.local.`);
    // The generated demo password is shown; one a person chose is not echoed into logs.
    const password = auth.adminEmail === GENERATED_ADMIN_EMAIL ? `password ${auth.adminPassword}` : "ADMIN_PASSWORD";
    if (auth.adminEmail) console.log(`Admin sign-in: ${auth.url}/admin/login as ${auth.adminEmail} with ${password} (NEXTAUTH_URL=${auth.url}; saved in .env.local).`);
    // Issue 8: the key stored webhook payloads are encrypted with.
    if (await ensureEncryptionKey()) console.log("Generated ENCRYPTION_KEY into .env.local.");
  }

  let database: EmbeddedPostgres | undefined;
  if (demo && !process.env.DATABASE_URL) {
    database = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data/pglite"), port: EMBEDDED_DATABASE_PORT });
    Object.assign(process.env, { DATABASE_URL: database.url, DATABASE_POOL_SIZE: "1" });
    console.log(`DATABASE_URL is not set: serving an embedded PostgreSQL (PGlite, data in .data/pglite) at ${database.url}`);
  }
  // Checked here too, before migrating or starting anything; the server checks it again itself.
  const shop = parseConfig(process.env);
  await migrate(shop.databaseUrl);

  let sandbox: Sandbox | undefined;
  const sandboxUrl = shop.razorpay.sandboxUrl ? new URL(shop.razorpay.sandboxUrl) : undefined;
  if (sandboxUrl) {
    // Demo products for a shop that takes no real payments and has none yet.
    if ((await countProducts(process.env.DATABASE_URL!)) === 0) await run(process.execPath, ["--import", "tsx", "prisma/seed.ts"]);
    if (await isListening(sandboxUrl)) {
      console.log(`A Razorpay sandbox is already listening at ${sandboxUrl.origin}; using it.`);
    } else {
      sandbox = await startSandbox({
        keyId: process.env.RAZORPAY_KEY_ID!,
        keySecret: process.env.RAZORPAY_KEY_SECRET!,
        webhookSecret: process.env.RAZORPAY_WEBHOOK_SECRET!,
        host: sandboxUrl.hostname,
        port: Number(sandboxUrl.port),
        webhookUrl: `http://127.0.0.1:${port}/api/webhooks/razorpay`,
        stateFile: process.env.RAZORPAY_SANDBOX_STATE_FILE || path.join(ROOT, ".data/razorpay-sandbox.json"),
      });
      console.log(`Razorpay sandbox (test payments only) at ${sandbox.url}`);
    }
  }

  const next = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), mode, "--port", String(port)], { cwd: ROOT, stdio: "inherit", env: process.env });
  const stop = async (code: number) => {
    await sandbox?.close();
    await database?.stop();
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
  // Next's exit status is ours: a server that stopped on a bad configuration must fail the command.
  next.on("exit", (code, signal) => void stop(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1)));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exit(1);
});
