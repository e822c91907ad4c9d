// Issue 9: the job queue in a cluster. Two `next start` instances (one working the queues, one
// with WORKERS=external that only enqueues) and `npm run worker` processes share one PostgreSQL
// database, Razorpay's webhooks are spread over both apps, and a working process is SIGKILLed
// twice while Razorpay calls are in flight. Nothing may be lost or done twice.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/sandbox/server";
import { startCountingProxy } from "../support/counting-proxy";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { checkoutRequest, eventually, pay, sandboxCall, type TestShop } from "../support/shop";
import { ensureProductionBuild, freePort, ROOT } from "../next/next-shop";

const secret = (length: number) => randomBytes(length).toString("hex").slice(0, length);

interface Member {
  name: string;
  process: ChildProcess;
  output: () => string;
  exited: Promise<unknown>;
  url?: string;
}

let database: TestDatabase;
let sandbox: Sandbox;
let razorpay: Awaited<ReturnType<typeof startCountingProxy>>;
let balancer: Server;
const members: Member[] = [];
const keys = { keyId: `rzp_test_${secret(14)}`, keySecret: secret(24), webhookSecret: secret(24) };
let env: Record<string, string>;

function spawnMember(name: string, args: string[], extra: Record<string, string>, url?: string): Member {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, ...extra } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const member = { name, process: child, output: () => output, exited: new Promise((resolve) => child.on("exit", resolve)), url };
  members.push(member);
  return member;
}

async function startApp(name: string, workers: "internal" | "external"): Promise<Member> {
  const port = await freePort();
  const member = spawnMember(name, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], { WORKERS: workers, NEXTAUTH_URL: `http://127.0.0.1:${port}` }, `http://127.0.0.1:${port}`);
  await eventually(async () => member.process.exitCode === null && (await fetch(`${member.url}/api/products`).then((r) => r.ok, () => false)), 120_000, 250).catch(() => {
    throw new Error(`${name} did not start:\n${member.output()}`);
  });
  return member;
}

async function startWorker(name: string): Promise<Member> {
  const member = spawnMember(name, ["--import", "tsx", "scripts/worker.ts"], {});
  await eventually(async () => member.output().includes("workers_started"), 60_000, 100).catch(() => {
    throw new Error(`${name} did not start:\n${member.output()}`);
  });
  return member;
}

function kill(member: Member): Promise<unknown> {
  member.process.kill("SIGKILL");
  return member.exited;
}

/** Razorpay's webhooks, spread over the apps still alive (a dead one's share goes to the other, as a load balancer does). */
async function startBalancer(apps: () => Member[]): Promise<string> {
  let next = 0;
  balancer = createServer(async (incoming, outgoing) => {
    const body: Buffer[] = [];
    for await (const chunk of incoming) body.push(chunk as Buffer);
    const alive = apps().filter((app) => app.process.exitCode === null && app.process.signalCode === null);
    const target = alive[next++ % Math.max(alive.length, 1)];
    if (!target) return void outgoing.writeHead(502).end();
    const forward = httpRequest(new URL(incoming.url ?? "/", target.url), { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on("error", () => outgoing.writeHead(502).end());
    forward.end(Buffer.concat(body));
  });
  await new Promise<void>((resolve) => balancer.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`;
}

let apps: Member[] = [];
let client: pg.Client;
const startedAt = Date.now();

beforeAll(async () => {
  await ensureProductionBuild();
  database = await createTestDatabase();
  razorpay = await startCountingProxy();
  sandbox = await startSandbox({ ...keys, webhookRetry: { baseDelayMs: 200, maxAttempts: 10, timeoutMs: 5_000 } });
  razorpay.setUpstream(sandbox.url);
  env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    NODE_ENV: "production",
    SHOP_MODE: "demo",
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "5",
    RAZORPAY_KEY_ID: keys.keyId,
    RAZORPAY_KEY_SECRET: keys.keySecret,
    RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
    RAZORPAY_SANDBOX_URL: razorpay.url,
    NEXTAUTH_SECRET: secret(40),
    NEXTAUTH_URL: "http://127.0.0.1",
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    RATE_LIMIT_MULTIPLIER: "1000",
    LOG_LEVEL: "info",
  };
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`INSERT INTO products (id, slug, name, description, price, stock, image, updated_at) VALUES (gen_random_uuid(), 'cluster-chai', 'Cluster chai', 'For the cluster test.', 50000, 1000, '/products/test.svg', now())`);
  const [first, second] = await Promise.all([startApp("app-1", "internal"), startApp("app-2", "external")]);
  apps = [first, second];
  await startWorker("worker-1");
  sandbox.setWebhookUrl(`${await startBalancer(() => apps)}/api/webhooks/razorpay`);
}, 300_000);

afterAll(async () => {
  for (const member of members) if (member.process.exitCode === null && member.process.signalCode === null) member.process.kill("SIGTERM");
  await Promise.all(members.map((member) => member.exited));
  await client?.end();
  balancer?.close();
  await sandbox?.close();
  await razorpay?.close();
  await database?.drop();
});

const asShop = (url: string) => ({ url, sandbox, keys }) as unknown as TestShop;

/**
 * Orders through both apps, each paid in one of two ways: authorised only (the shop must capture
 * it: one capture call), or paid twice (the second payment must be refunded: one refund call).
 */
async function placeAndPay(count: number): Promise<{ authorised: string[]; refundable: string[][] }> {
  const { rows } = await client.query<{ id: string }>("SELECT id FROM products WHERE slug = 'cluster-chai'");
  const authorised: string[] = [];
  /** Both payments of each order paid twice: whichever the shop credits first, the other is refunded. */
  const refundable: string[][] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const app = apps[i % 2];
      const reply = await checkoutRequest(asShop(app.url!), [{ productId: rows[0].id, quantity: 1 }]);
      if (reply.status !== 201) throw new Error(`checkout failed: ${reply.status} ${reply.text}`);
      const shop = asShop(app.url!);
      if (i % 3 === 0) {
        const first = await pay(shop, reply.body.razorpayOrderId, { outcome: "success" });
        const second = await pay(shop, reply.body.razorpayOrderId, { outcome: "success", force: true });
        refundable.push([first.razorpay_payment_id, second.razorpay_payment_id]);
      } else {
        authorised.push((await pay(shop, reply.body.razorpayOrderId, { outcome: "success", capture: false })).razorpay_payment_id);
      }
    }),
  );
  return { authorised, refundable };
}

const forwardedTo = (pattern: RegExp) => razorpay.forwarded.filter((line) => pattern.test(line));

describe("the job queue in a cluster of two apps and a worker", () => {
  it("applies every webhook once, sends every capture and refund once, and loses nothing when a working process is SIGKILLed mid-call", async () => {
    // Razorpay answers captures and refunds slowly, so the kills below land while calls are in flight;
    // a call whose caller died is never sent on (as if the request had not left the process).
    razorpay.hold(/^POST \/v1\/payments\/[^/]+\/(capture|refund)$/, 1_000);
    const first = await placeAndPay(12);
    await eventually(async () => razorpay.calls.some((line) => /\/(capture|refund)$/.test(line)), 30_000, 50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kill(members.find((member) => member.name === "worker-1")!);
    await startWorker("worker-2");

    const second = await placeAndPay(12);
    await eventually(async () => razorpay.calls.filter((line) => /\/(capture|refund)$/.test(line)).length > first.authorised.length + first.refundable.length, 30_000, 50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kill(apps[0]); // the app that works the queues; webhooks now all reach app-2, which only enqueues

    const authorised = [...first.authorised, ...second.authorised];
    const refundable = [...first.refundable, ...second.refundable];
    // Jobs the dead processes held come back after their heartbeat stops (10 s) and run on worker-2.
    await eventually(
      async () => {
        const { rows } = await client.query<{ unsettled: string }>(
          `SELECT (SELECT count(*) FROM orders WHERE status <> 'paid') + (SELECT count(*) FROM payments WHERE status NOT IN ('captured', 'refunded'))
             + (SELECT count(*) FROM refunds WHERE status NOT IN ('processed', 'pending')) + (SELECT count(*) FROM webhook_events WHERE status <> 'processed') AS unsettled`,
        );
        return Number(rows[0].unsettled) === 0 && (await sandboxRefundsSettled(refundable));
      },
      180_000,
      500,
    ).catch(async (error: Error) => {
      // What was left, to say why: the rows not settled and the queue's jobs by state.
      const left = await client.query(
        `SELECT 'order' AS kind, id::text, status::text FROM orders WHERE status <> 'paid'
         UNION ALL SELECT 'payment', id, status::text FROM payments WHERE status NOT IN ('captured', 'refunded')
         UNION ALL SELECT 'refund', id::text, status::text FROM refunds WHERE status NOT IN ('processed', 'pending')
         UNION ALL SELECT 'event', id, status::text || ' ' || attempts || ' ' || coalesce(last_error, '') FROM webhook_events WHERE status <> 'processed'
         UNION ALL SELECT 'job', name, state::text || ' x' || count(*) FROM pgboss.job GROUP BY name, state`,
      );
      throw new Error(`${error.message}: ${JSON.stringify(left.rows)}\n${members.map((m) => `--- ${m.name}\n${m.output().split("\n").filter((line) => /"level":[45]0/.test(line)).slice(-15).join("\n")}`).join("\n")}`);
    });

    // Every webhook Razorpay sent was stored once and applied once.
    const events = await client.query<{ status: string; attempts: number }>("SELECT status, attempts FROM webhook_events");
    expect(events.rows.length).toBeGreaterThanOrEqual(authorised.length * 2 + refundable.length * 2);
    expect(events.rows.every((event) => event.status === "processed")).toBe(true);
    const paidTwice = await client.query("SELECT order_id FROM order_events WHERE action = 'order.paid' GROUP BY order_id HAVING count(*) > 1");
    expect(paidTwice.rows).toEqual([]);
    const orders = await client.query<{ count: string }>("SELECT count(*) FROM orders WHERE status = 'paid'");
    expect(Number(orders.rows[0].count)).toBe(24);

    // Every authorised payment was captured by exactly one call that reached Razorpay, every second payment refunded by one.
    for (const paymentId of authorised) expect(forwardedTo(new RegExp(`^POST /v1/payments/${paymentId}/capture$`))).toHaveLength(1);
    for (const payments of refundable) {
      expect(payments.flatMap((paymentId) => forwardedTo(new RegExp(`^POST /v1/payments/${paymentId}/refund$`)))).toHaveLength(1);
      expect(await refundsAtRazorpay(payments)).toBe(1);
    }
    // No payment is captured by two calls. (A payment Razorpay captured by itself may get one call,
    // answered "already captured", when its payment.authorized event is applied before payment.captured.)
    const captureCalls = forwardedTo(/\/capture$/);
    expect(new Set(captureCalls).size).toBe(captureCalls.length);
    expect(forwardedTo(/\/refund$/)).toHaveLength(refundable.length);
    // The kills did land mid-call: calls whose process died before Razorpay answered, made again by a survivor.
    expect(razorpay.abandoned.length).toBeGreaterThan(0);
  }, 360_000);

  it("runs reconciliation once per minute for the whole cluster", async () => {
    // Keep the cluster up until two minutes have started since it came up.
    const twoMinuteBoundaries = (Math.floor(startedAt / 60_000) + 2) * 60_000 + 15_000;
    if (Date.now() < twoMinuteBoundaries) await new Promise((resolve) => setTimeout(resolve, twoMinuteBoundaries - Date.now()));
    const { rows } = await client.query<{ minute: Date; runs: string; jobs: unknown }>(
      // Grouped by the minute slot each run is filed under (lib/jobs.ts: the schedule's throttle; a run that waited still counts for its own minute).
      "SELECT singleton_on AS minute, count(*) AS runs, json_agg(json_build_object('key', singleton_key, 'slot', singleton_on, 'created', created_on, 'started', started_on)) AS jobs FROM pgboss.job WHERE name = 'reconcile' AND state = 'completed' GROUP BY 1 ORDER BY 1",
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.minute, `a run filed under no minute: ${JSON.stringify(row.jobs)}`).not.toBeNull();
      expect(Number(row.runs), JSON.stringify(row.jobs)).toBe(1);
    }
    // Each run logs its report once, in whichever process ran it.
    const logged = members.reduce((sum, member) => sum + (member.output().match(/"event":"reconciliation_run"/g)?.length ?? 0), 0);
    expect(logged).toBeGreaterThanOrEqual(rows.length);
  }, 200_000);
});

async function refundsAtRazorpay(paymentIds: string[]): Promise<number> {
  let count = 0;
  for (const paymentId of paymentIds) count += (await sandboxCall(asShop(apps[1].url!), "GET", `/v1/payments/${paymentId}/refunds`)).body.items?.length ?? 0;
  return count;
}

/** Every order paid twice has exactly one of its payments refunded at Razorpay. */
async function sandboxRefundsSettled(orders: string[][]): Promise<boolean> {
  for (const payments of orders) if ((await refundsAtRazorpay(payments)) !== 1) return false;
  return true;
}
