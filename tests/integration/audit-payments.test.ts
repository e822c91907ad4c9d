import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedOrder } from "../support/admin-seed";
import { createTestDatabase, type TestDatabase } from "../support/database";

/**
 * `npm run audit:payments` run as a child process, as an operator or a scheduler runs it, against a
 * scratch database and a small HTTP server whose headers the test chooses: one run per exit code.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = [path.join(ROOT, "node_modules/.bin/tsx"), path.join(ROOT, "scripts/audit/payments.ts")];

const REVIEWED_HEADERS: Record<string, string> = {
  "content-security-policy": "default-src 'self'; script-src 'self' 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

let database: TestDatabase;
let server: Server;
let served: Record<string, string> = REVIEWED_HEADERS;
let shopUrl: string;
let env: Record<string, string>;
let directory: string;

function audit(args: string[], overrides: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, ...overrides };
  return new Promise((resolve) => {
    execFile(CLI[0], [CLI[1], ...args], { cwd: ROOT, env: Object.fromEntries(Object.entries(childEnv).filter(([, value]) => value !== undefined)) as NodeJS.ProcessEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 99) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  // A password, as a live shop's database needs (the local server accepts any on 127.0.0.1).
  url.password = "audit-password";
  env = {
    DATABASE_URL: url.toString(),
    RAZORPAY_KEY_ID: "rzp_live_fake",
    RAZORPAY_KEY_SECRET: "K".repeat(24),
    RAZORPAY_WEBHOOK_SECRET: "W".repeat(32),
    CRON_SECRET: "C".repeat(32),
    NEXTAUTH_SECRET: "N".repeat(40),
    NEXTAUTH_URL: "https://shop.example",
    DATABASE_POOL_SIZE: "2",
  };
  // This process seeds the same database through lib/db, which reads the same variables.
  Object.assign(process.env, env);
  server = createServer((request, response) => {
    response.writeHead(200, { "content-type": request.url?.startsWith("/api/") ? "application/json" : "text/html", ...served }).end(request.url?.startsWith("/api/") ? "{}" : "<html></html>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  directory = await mkdtemp(path.join(tmpdir(), "audit-"));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  const { db } = await import("@/lib/db");
  await db().$disconnect();
  await database?.drop();
});

describe("npm run audit:payments", () => {
  it("exits 0 and writes a Markdown report when the deployment is clean", async () => {
    const logs = path.join(directory, "clean.log");
    await writeFile(logs, '{"level":30,"time":1764140000000,"msg":"payment_captured","orderId":"6f1c","amount":129900}\n');
    const output = path.join(directory, "clean.md");
    const { code, stdout } = await audit(["--url", shopUrl, "--days", "7", "--logs", logs, "--output", output]);
    expect(stdout).toContain("Result: OK");
    expect(code).toBe(0);
    const markdown = await readFile(output, "utf8");
    expect(markdown).toContain("# Payments audit");
    expect(markdown).toContain("## Security headers of");
    expect(markdown).toContain("Success rate: n/a");
  });

  it("exits 1 on warnings: a page without Permissions-Policy and an order flagged for review", async () => {
    served = Object.fromEntries(Object.entries(REVIEWED_HEADERS).filter(([name]) => name !== "permissions-policy"));
    await seedOrder({ status: "paid", subtotal: 50_000, createdAt: new Date(Date.now() - 60 * 60_000), flagReason: "amount_mismatch", payments: [{ id: "pay_AuditFlagged001", status: "captured", method: "upi", credited: true }] });
    const { code, stdout } = await audit(["--url", shopUrl]);
    expect(stdout).toMatch(/WARNING\s+headers\.\/checkout\.permissions-policy/);
    expect(stdout).toMatch(/WARNING\s+ops\.flagged-orders: 1 order/);
    expect(stdout).not.toContain("CRITICAL");
    expect(code).toBe(1);
    served = REVIEWED_HEADERS;
  });

  it("exits 2 on critical findings: a dead-lettered webhook, a refund stuck in requested and a card number in the logs", async () => {
    const { db } = await import("@/lib/db");
    await db().webhookEvent.create({ data: { id: "evt_AuditDead00001", event: "payment.captured", rawBody: "{}", status: "dead", attempts: 8 } });
    const order = await seedOrder({
      status: "paid",
      subtotal: 20_000,
      createdAt: new Date(Date.now() - 3 * 60 * 60_000),
      payments: [
        { id: "pay_AuditFailed0001", status: "failed", method: "card", errorReason: "payment_cancelled" },
        { id: "pay_AuditPaid00001", status: "captured", method: "card", credited: true },
      ],
    });
    await db().refund.create({ data: { orderId: order.id, paymentId: "pay_AuditPaid00001", reason: "admin", amount: 5_000, currency: "INR", status: "requested", attempts: 6, idempotencyKey: "audit-stuck-refund-0001", requestedBy: "admin@example.com", note: "damaged in transit" } });
    const logs = path.join(directory, "leaky.log");
    await writeFile(logs, '{"msg":"ok"}\n{"msg":"checkout","card":"4111 1111 1111 1111"}\n');
    const output = path.join(directory, "critical.md");
    const { code, stdout } = await audit(["--url", shopUrl, "--logs", logs, "--output", output]);
    expect(stdout).toMatch(/CRITICAL\s+ops\.dead-webhooks: 1 dead-lettered webhook/);
    expect(stdout).toMatch(/CRITICAL\s+ops\.stuck-refunds: 1 refund\(s\) \(₹50\.00\)/);
    expect(stdout).toMatch(/CRITICAL\s+logs\.card_number: 1 card number\(s\) in the logs: line 2 \(\*{12}1111\)/);
    expect(stdout).toContain("Top failure reasons: payment_cancelled (1)");
    const markdown = await readFile(output, "utf8");
    expect(markdown).toContain("| CRITICAL | `ops.dead-webhooks` |");
    expect(markdown).not.toContain("4111 1111 1111 1111");
    expect(code).toBe(2);
  });

  it("exits 2 when the shop would refuse its configuration, naming the variable, and when the instance cannot be reached", async () => {
    const { code, stdout } = await audit(["--url", "http://127.0.0.1:9"], { RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010" });
    expect(stdout).toMatch(/CRITICAL\s+config\.app-rules: the shop would refuse to start: RAZORPAY_SANDBOX_URL cannot be used with live keys/);
    expect(stdout).toMatch(/CRITICAL\s+headers\.\/\.reachable/);
    expect(code).toBe(2);
  });

  it("refuses a bad --days with exit 2 and the usage", async () => {
    const { code, stderr } = await audit(["--days=-3"]);
    expect(stderr).toContain("--days must be a whole number of days from 1 to 366");
    expect(code).toBe(2);
  });
});
