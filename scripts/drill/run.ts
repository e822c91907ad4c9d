// `npm run drill`: fault drills against the production build. The shop runs under `next start`
// on a throwaway PostgreSQL cluster with the Razorpay sandbox in this process delivering
// webhooks; shoppers place and pay orders while the database is stopped, the server is
// SIGKILLed, and Razorpay misbehaves. After each drill and one reconciliation run, one
// invariant checker compares the shop's database with what Razorpay knows. Exits 1 when an
// invariant fails. See scripts/drill/README.md.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { type AppProcess, buildApp, staleBuildReason, startApp } from "./app";
import { type Cluster, startCluster } from "./cluster";
import { type CheckResult, checkInvariants } from "./invariants";
import { type ShopContext, type Shopper, type ShopperKind, payAtRazorpay, placeOrder, runShoppers, verify } from "./load";
import { Metrics } from "./metrics";
import { freePort } from "./ports";
import { readRazorpayState } from "./razorpay-state";
import { formatCounts, phaseReport, summaryTable } from "./report";
import { appEnvironment, freshKeys, type Product, prepareDatabase } from "./shop";

const CONCURRENCY = 12;
const DB_OUTAGE_MS = 20_000;
/** Bounds on waiting for things to settle after a drill, before the one reconciliation run. */
const WEBHOOKS_IDLE_BOUND_MS = 40_000;
const INBOX_DRAIN_BOUND_MS = 30_000;
const QUEUE_IDLE_BOUND_MS = 30_000;
/** After its arrivals, how long a phase's shoppers may go on retrying. */
const PHASE_TAIL_MS = 80_000;
const QUIET_WAIT_BOUND_MS = 75_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** No drill step is silent this long: more means a wait without a bound, so the drill fails. */
const STALL_BOUND_MS = 10 * 60_000;

let lastLine = "starting";
let lastLineAt = Date.now();
const log = (line: string) => {
  lastLine = line;
  lastLineAt = Date.now();
  console.log(`[drill ${new Date().toISOString().slice(11, 19)}] ${line}`);
};

/** Shares of each kind of shopper in a phase; the rest of a phase's shoppers pay by verify. */
const MIX: [ShopperKind, number][] = [
  ["retry-verify", 0.1],
  ["webhook", 0.2],
  ["retry-webhook", 0.08],
  ["manual-capture", 0.06],
  ["double", 0.04],
  ["mismatch", 0.04],
  ["abandon-expire", 0.1],
  ["abandon-fresh", 0.06],
];

interface Drill {
  name: string;
  shoppers: number;
  spreadMs: number;
  /** Runs during the load; returns what it did, for the report. */
  disrupt(): Promise<string[]>;
}

interface PhaseOutcome {
  phase: string;
  check: CheckResult;
}

let nextShopper = 1;

function planShoppers(count: number, products: Product[]): Shopper[] {
  const kinds: ShopperKind[] = [];
  for (const [kind, share] of MIX) for (let i = 0; i < Math.round(count * share); i++) kinds.push(kind);
  while (kinds.length < count) kinds.push("verify");
  kinds.sort(() => Math.random() - 0.5);
  return kinds.map((kind) => {
    const lines = 1 + Math.floor(Math.random() * 2);
    const chosen = [...products].sort(() => Math.random() - 0.5).slice(0, lines);
    return { n: nextShopper++, kind, items: chosen.map((product) => ({ productId: product.id, variantId: product.variants[Math.floor(Math.random() * product.variants.length)].id, quantity: 1 + Math.floor(Math.random() * 3) })), notes: [] };
  });
}

async function main() {
  const started = Date.now();
  const appLog: string[] = [];
  const logFile = path.join(tmpdir(), `storefront-drill-${new Date().toISOString().replace(/[:.]/g, "-")}.log`);
  let cluster: Cluster | undefined;
  let sandbox: Sandbox | undefined;
  let app: AppProcess | undefined;
  let client: pg.Pool | undefined;

  const cleanUp = async () => {
    writeFileSync(logFile, appLog.join("\n"));
    await app?.stop().catch(() => {});
    await sandbox?.close().catch(() => {});
    await client?.end().catch(() => {});
    await cluster?.destroy().catch(() => {});
  };
  /** What the server said last: the report for a drill that stopped where it should not have. */
  const serverTail = () => `Last lines from next start:\n${appLog.slice(-40).join("\n")}`;
  const abandon = (why: string, code: number) => {
    console.error(`${why} (it last logged "${lastLine}", ${seconds(Date.now() - lastLineAt)} before)`);
    console.error(serverTail());
    setTimeout(() => process.exit(code), 30_000).unref(); // cleaning up may itself be what hangs
    void cleanUp().finally(() => process.exit(code));
  };
  process.once("uncaughtException", (error) => abandon(`The drill crashed: ${error.stack ?? error.message}`, 2));
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => abandon(`${signal}: cleaning up`, 130));
  }
  const watchdog = setInterval(() => {
    if (Date.now() - lastLineAt > STALL_BOUND_MS) {
      clearInterval(watchdog);
      abandon(`The drill stalled: no step finished within ${seconds(STALL_BOUND_MS)}`, 2);
    }
  }, 5_000);

  try {
    const stale = staleBuildReason();
    if (stale) {
      log(`Building the app first (${stale}).`);
      await buildApp();
    }
    cluster = await startCluster();
    log(`Throwaway PostgreSQL cluster on port ${cluster.port}.`);
    const { products, scarce } = await prepareDatabase(cluster.url);
    const initialStock = new Map([...products, scarce].flatMap((product) => product.variants.map((variant) => [variant.id, variant.stock] as const)));
    log(`Migrated; seeded ${products.length + 1} products (scarce one: ${scarce.stock} units).`);

    const keys = freshKeys();
    const appPort = await freePort();
    sandbox = await startSandbox({ ...keys, webhookUrl: `http://127.0.0.1:${appPort}/api/webhooks/razorpay`, webhookRetry: { baseDelayMs: 500, maxAttempts: 6, timeoutMs: 5_000 } });
    const env = appEnvironment(cluster.url, sandbox.url, keys, `http://127.0.0.1:${appPort}`);
    app = await startApp(appPort, env, appLog);
    log(`next start answered after ${seconds(app.readyAfterMs)} at ${app.url}; sandbox at ${sandbox.url}.`);
    // A pool, not one client: its connections die with every database stop and are made again.
    client = new pg.Pool({ connectionString: cluster.url, max: 2 });
    client.on("error", () => {});

    const activeSandbox = sandbox;
    const activeCluster = cluster;
    const sandboxCall = async (method: string, route: string, body?: unknown) => {
      const authorization = `Basic ${Buffer.from(`${keys.keyId}:${keys.keySecret}`).toString("base64")}`;
      const response = await fetch(activeSandbox.url + route, { method, headers: { authorization, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${route} at the sandbox: ${response.status} ${await response.text()}`);
    };
    const restartApp = async (): Promise<string> => {
      const killedAt = Date.now();
      await app!.kill();
      app = await startApp(appPort, env, appLog);
      return `SIGKILLed next start; the new one answered ${seconds(Date.now() - killedAt)} later`;
    };

    /**
     * The owner refunds two paid orders from Razorpay's dashboard, one in full and one in part,
     * at a moment when webhooks get through; the shop must learn of both.
     */
    const dashboardRefunds = async (): Promise<string> => {
      const paid = (await client!.query<{ id: string; paid_payment_id: string; total: number }>("SELECT id, paid_payment_id, total FROM orders WHERE status = 'paid' ORDER BY random() LIMIT 2")).rows;
      const made: string[] = [];
      for (const [index, order] of paid.entries()) {
        const amount = index === 0 ? order.total : Math.max(100, Math.floor(order.total / 2));
        const refund = await refundAtRazorpay(activeSandbox.url, keys, order.paid_payment_id, amount);
        made.push(`${refund ? "" : "NOT "}refunded ${amount} of ${order.total} on order ${order.id}`);
      }
      return `from Razorpay's dashboard: ${made.join("; ") || "no paid order to refund"}`;
    };

    const drills: Drill[] = [
      {
        name: "baseline",
        shoppers: 36,
        spreadMs: 10_000,
        async disrupt() {
          await sleep(10_000);
          return ["no fault: the load alone", await dashboardRefunds()];
        },
      },
      {
        name: "db-outage",
        shoppers: 60,
        spreadMs: 32_000,
        async disrupt() {
          await sleep(4_000);
          const stoppedAt = Date.now();
          await activeCluster.stop();
          log("PostgreSQL stopped (pg_ctl stop -m fast).");
          await sleep(DB_OUTAGE_MS);
          await activeCluster.start();
          log(`PostgreSQL started again after ${seconds(Date.now() - stoppedAt)}.`);
          return [`PostgreSQL stopped 4 s into the load for ${seconds(Date.now() - stoppedAt)} (pg_ctl stop -m fast, then start)`, await dashboardRefunds()];
        },
      },
      {
        name: "app-kill",
        shoppers: 60,
        spreadMs: 22_000,
        async disrupt() {
          const notes: string[] = [];
          for (const at of [5_000, 9_000]) {
            await sleep(at);
            notes.push(await restartApp());
            log(notes.at(-1)!);
          }
          notes.push(await dashboardRefunds());
          return notes;
        },
      },
      {
        name: "razorpay-faults",
        shoppers: 70,
        spreadMs: 30_000,
        async disrupt() {
          const notes: string[] = [];
          const stages: [number, Record<string, unknown>, string][] = [
            [0, { webhooks: { drop: true } }, "every webhook dropped"],
            [10_000, { webhooks: { drop: false, duplicate: 2, order: "shuffle" } }, "every webhook delivered 3 times, shuffled"],
            [20_000, { webhooks: { drop: ["payment.captured", "order.paid"], duplicate: 1, order: "reverse", delayMs: 1_000 } }, "payment.captured and order.paid dropped, the rest doubled, reversed and delayed 1 s"],
          ];
          const phaseStart = Date.now();
          let apiFaults = 0;
          for (const [at, faults, what] of stages) {
            await sleep(Math.max(0, phaseStart + at - Date.now()));
            await sandboxCall("POST", "/v1/sandbox/faults", faults);
            notes.push(`from ${seconds(at)}: ${what}`);
            // While webhooks get through (tripled and shuffled), refunds are made in the dashboard.
            if (at === 10_000) notes.push(await dashboardRefunds());
            // Meanwhile Razorpay's API keeps failing and hanging: a fresh batch of faults every 2 s.
            const stageEnd = phaseStart + at + 10_000;
            while (Date.now() < stageEnd) {
              await sandboxCall("POST", "/v1/sandbox/faults", { api: { failNext: 3, status: 503, timeoutNext: 1, timeoutMs: 12_000 } });
              apiFaults += 4;
              await sleep(2_000);
            }
          }
          await sandboxCall("DELETE", "/v1/sandbox/faults");
          notes.push(`API calls: up to ${apiFaults} answered 503 or hung 12 s (3 failures + 1 hang armed every 2 s); faults cleared after ${seconds(Date.now() - phaseStart)}`);
          return notes;
        },
      },
    ];

    const outcomes: PhaseOutcome[] = [];
    let lateFromPrevious: Shopper[] = [];
    const reports: string[] = [];
    for (const drill of drills) {
      const metrics = new Metrics();
      const ctx: ShopContext = { shopUrl: `http://127.0.0.1:${appPort}`, sandboxUrl: activeSandbox.url, keys, metrics, deadline: Date.now() + drill.spreadMs + PHASE_TAIL_MS };
      const notes: string[] = [];
      const phaseStarted = Date.now();
      const deliveriesBefore = activeSandbox.webhookDeliveries().length;
      log(`Phase ${drill.name}: ${drill.shoppers} shoppers over ${seconds(drill.spreadMs)}, ${CONCURRENCY} at a time.`);

      // Late payments first: orders that expired in the previous phase are paid now. The first
      // finds its stock and is credited; then shoppers buy up the scarce product, so the others
      // must be refunded.
      const late: Shopper[] = [];
      notes.push(...(await latePayments(ctx, client, lateFromPrevious, scarce, late)));
      const shoppers = planShoppers(drill.shoppers, products);
      for (let i = 0; i < 2; i++) late.push({ n: nextShopper++, kind: "late", items: [{ productId: scarce.id, quantity: 1 }, { productId: products[0].id, quantity: 1 }], notes: [] });

      const [disruption] = await Promise.all([drill.disrupt(), runShoppers(ctx, [...late.filter((s) => !s.order), ...shoppers], { concurrency: CONCURRENCY, spreadMs: drill.spreadMs })]);
      notes.push(...disruption);
      const all = [...late, ...shoppers];
      const gaveUp = all.filter((shopper) => shopper.notes.some((note) => note.startsWith("checkout gave up")));
      notes.push(`${all.filter((s) => s.order).length} orders placed; ${gaveUp.length} checkouts given up (${formatCounts(countNotes(gaveUp, "checkout gave up"))}); load took ${seconds(Date.now() - phaseStarted)}`);
      notes.push(`browser callbacks, last answer each shopper got: ${formatCounts(countNotes(all, "verify"))}`);

      const settled = await settle(ctx, client, activeSandbox, all, keys.cronSecret);
      notes.push(...settled.notes);
      const deliveries = activeSandbox.webhookDeliveries().slice(deliveriesBefore);
      for (const delivery of deliveries) metrics.record("webhook → shop (Razorpay)", delivery.status);

      const razorpay = await readRazorpayState(activeSandbox.url, keys);
      const check = await checkInvariants(client, razorpay, initialStock, settled.reconciledAt);
      outcomes.push({ phase: drill.name, check });
      const report = await phaseReport(client, { name: drill.name, notes, metrics, check });
      reports.push(report);
      console.log(report);
      lateFromPrevious = all.filter((shopper) => shopper.kind === "late" && shopper.order);
    }

    outcomes.push(await quietPhase(client, activeSandbox, keys, appPort, initialStock));

    console.log(`\n=== Summary (${seconds(Date.now() - started)} in all; server log: ${logFile}) ===`);
    console.log(summaryTable(outcomes));
    const kinds = Object.entries(logKinds(appLog)).sort(([, a], [, b]) => b - a);
    console.log(`\nWhat the server logged, by kind (first 15):\n${kinds.slice(0, 15).map(([kind, count]) => `${String(count).padStart(6)}  ${kind}`).join("\n")}`);
    const failed = outcomes.some((outcome) => !outcome.check.ok);
    console.log(failed ? "\nDRILL FAILED: an invariant does not hold (details above)." : "\nDrill passed: every invariant held after every drill.");
    await cleanUp();
    process.exit(failed ? 1 : 0);
  } catch (error) {
    console.error(`The drill could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.error(serverTail());
    await cleanUp();
    process.exit(2);
  }
}

/**
 * No load, no fault: waits until everything the shop scheduled is due (refunds in backoff, pending
 * orders' next check; at most QUIET_WAIT_BOUND_MS), then one more reconciliation run and the same
 * check. It tells a fact that converges late from one that never converges.
 */
async function quietPhase(client: pg.Pool, sandbox: Sandbox, keys: ReturnType<typeof freshKeys>, appPort: number, initialStock: Map<string, number>): Promise<PhaseOutcome> {
  const metrics = new Metrics();
  const ctx: ShopContext = { shopUrl: `http://127.0.0.1:${appPort}`, sandboxUrl: sandbox.url, keys, metrics, deadline: Date.now() };
  log("Phase quiet: waiting for what the shop scheduled to fall due.");
  // Only what matters for the invariants: refunds not yet sent, and pending orders Razorpay says are paid.
  const paidThere = (await readRazorpayState(sandbox.url, keys)).filter((order) => order.payments.some((payment) => payment.captured)).map((order) => order.id);
  const { rows } = await client.query<{ due: Date | null }>(
    "SELECT greatest((SELECT max(next_attempt_at) FROM refunds WHERE status = 'requested'), (SELECT max(next_check_at) FROM orders WHERE status = 'pending' AND razorpay_order_id = ANY($1::text[]))) AS due",
    [paidThere],
  );
  const due = rows[0].due?.getTime() ?? Date.now();
  const waitMs = Math.min(QUIET_WAIT_BOUND_MS, Math.max(0, due - Date.now() + 1_000));
  await sleep(waitMs);
  const notes = [`waited ${seconds(waitMs)} for the last unsent refund's next attempt and the next check of any pending order paid at Razorpay (bound ${seconds(QUIET_WAIT_BOUND_MS)})`];
  const settled = await settle(ctx, client, sandbox, [], keys.cronSecret);
  notes.push(...settled.notes.filter((note) => !note.startsWith("moved expires_at")));
  const check = await checkInvariants(client, await readRazorpayState(sandbox.url, keys), initialStock, settled.reconciledAt);
  console.log(await phaseReport(client, { name: "quiet", notes, metrics, check }));
  return { phase: "quiet", check };
}

/** A refund made at Razorpay directly, retried through API faults under one idempotency key. */
async function refundAtRazorpay(sandboxUrl: string, keys: { keyId: string; keySecret: string }, paymentId: string, amount: number): Promise<boolean> {
  const authorization = `Basic ${Buffer.from(`${keys.keyId}:${keys.keySecret}`).toString("base64")}`;
  const idempotencyKey = randomUUID();
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const response = await fetch(`${sandboxUrl}/v1/payments/${paymentId}/refund`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json", "x-refund-idempotency": idempotencyKey },
        body: JSON.stringify({ amount }),
        signal: AbortSignal.timeout(2_000),
      });
      await response.arrayBuffer();
      if (response.ok) return true;
      if (response.status < 500) return false;
    } catch {
      // a hung call: try again with the same key
    }
  }
  return false;
}

/** Structured log lines by their alert or event name; other lines by their first words. */
function logKinds(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    let kind: string;
    try {
      const parsed = JSON.parse(line) as { alert?: string; event?: string };
      kind = parsed.alert ? `alert ${parsed.alert}` : `${parsed.event ?? "json"}`;
    } catch {
      // Stack traces and object dumps continue on indented or bracketed lines: count only their first line.
      if (!/^[A-Za-z]/.test(line)) continue;
      kind = line.replace(/\s+/g, " ").trim().slice(0, 90);
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function countNotes(shoppers: Shopper[], prefix: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const shopper of shoppers) for (const note of shopper.notes.filter((n) => n.startsWith(prefix))) counts[note.slice(prefix.length + 2)] = (counts[note.slice(prefix.length + 2)] ?? 0) + 1;
  return counts;
}

/**
 * Pays the previous phase's expired `late` orders: the first one by verify (stock is there, so it
 * is credited again), then buys up the scarce product, then pays the rest (half by verify, half
 * by webhook only), which must be refunded since their stock is gone. The scarce product's
 * buyers become this phase's `late` shoppers.
 */
async function latePayments(ctx: ShopContext, client: pg.Pool, previous: Shopper[], scarce: Product, late: Shopper[]): Promise<string[]> {
  if (previous.length === 0) return [];
  const ids = previous.map((shopper) => shopper.order!.orderId);
  const expired = new Set((await client.query<{ id: string }>("SELECT id FROM orders WHERE id = ANY($1::uuid[]) AND status = 'expired'", [ids])).rows.map((row) => row.id));
  const payable = previous.filter((shopper) => expired.has(shopper.order!.orderId));
  const [first, ...rest] = payable;
  let paidLate = 0;
  if (first) {
    const payment = await payAtRazorpay(ctx, first.order!.razorpayOrderId, { outcome: "success" });
    if (payment) {
      paidLate++;
      await verify(ctx, payment, first);
    }
  }
  let bought = 0;
  for (let attempt = 0; attempt < 6; attempt++) {
    const grabber: Shopper = { n: nextShopper++, kind: "late", items: [{ productId: scarce.id, quantity: 1 }], notes: [] };
    const { placed } = await placeOrder(ctx, grabber);
    if (!placed) break;
    grabber.order = placed;
    late.push(grabber);
    bought++;
  }
  for (const [index, shopper] of rest.entries()) {
    const payment = await payAtRazorpay(ctx, shopper.order!.razorpayOrderId, { outcome: "success" });
    if (!payment) continue;
    paidLate++;
    if (index % 2 === 0) await verify(ctx, payment, shopper);
  }
  return [`late payments: ${paidLate} of ${previous.length} orders from the previous phase paid after expiry (${expired.size} were expired); ${bought} units of the scarce product bought in between`];
}

/**
 * After a drill: faults cleared, webhooks delivered (bounded), never-paid orders made to run out
 * of time, the inbox drained (bounded), then exactly one reconciliation run.
 */
async function settle(ctx: ShopContext, client: pg.Pool, sandbox: Sandbox, shoppers: Shopper[], cronSecret: string): Promise<{ notes: string[]; reconciledAt: Date }> {
  const notes: string[] = [];
  const started = Date.now();
  const idle = await Promise.race([sandbox.idle().then(() => true), sleep(WEBHOOKS_IDLE_BOUND_MS).then(() => false)]);
  notes.push(idle ? `sandbox delivered every webhook ${seconds(Date.now() - started)} after the load` : `sandbox still retrying webhooks after ${seconds(WEBHOOKS_IDLE_BOUND_MS)}`);

  const toExpire = shoppers.filter((shopper) => (shopper.kind === "abandon-expire" || shopper.kind === "late") && shopper.order).map((shopper) => shopper.order!.orderId);
  // next_check_at too: an order whose time ran out is due for reconciliation.
  const moved = await client.query(
    "UPDATE orders SET expires_at = timezone('UTC', now()) - interval '1 second', next_check_at = timezone('UTC', now()) - interval '1 second' WHERE id = ANY($1::uuid[]) AND status = 'pending'",
    [toExpire],
  );
  notes.push(`moved expires_at (and next_check_at) back for ${moved.rowCount} never-paid orders so this reconciliation run expires them (ORDER_TTL_MINUTES is whole minutes, 30 here)`);
  // Reconciliation looks at a pending order once a minute; a background run may have just looked at
  // one that was paid a moment later (its webhooks dropped). Let that minute pass for every pending order.
  const due = await client.query("UPDATE orders SET next_check_at = timezone('UTC', now()) - interval '1 second' WHERE status = 'pending' AND next_check_at > timezone('UTC', now())");
  notes.push(`made ${due.rowCount} pending orders checked in the last minute due again (reconciliation looks at each once a minute)`);

  const drainStarted = Date.now();
  let open = 0;
  for (;;) {
    open = Number((await client.query<{ count: string }>("SELECT count(*) FROM webhook_events WHERE status IN ('pending', 'processing')")).rows[0].count);
    if (open === 0 || Date.now() - drainStarted > INBOX_DRAIN_BOUND_MS) break;
    await sleep(500);
  }
  notes.push(open === 0 ? `webhook inbox empty ${seconds(Date.now() - drainStarted)} later` : `${open} webhook events still pending after waiting ${seconds(INBOX_DRAIN_BOUND_MS)}`);

  const reconciledAt = new Date();
  const runStarted = performance.now();
  let report: unknown;
  let status: number | string = "ERR";
  try {
    const response = await fetch(`${ctx.shopUrl}/api/cron/reconcile`, { headers: { authorization: `Bearer ${cronSecret}` }, signal: AbortSignal.timeout(120_000) });
    status = response.status;
    report = await response.json().catch(() => undefined);
  } catch (error) {
    report = error instanceof Error ? error.message : String(error);
  }
  ctx.metrics.record("GET /api/cron/reconcile", typeof status === "number" ? status : "ERR", performance.now() - runStarted);
  notes.push(`one reconciliation run (GET /api/cron/reconcile): ${status} ${JSON.stringify(report)}`);
  // Refunds and captures the run made send webhooks of their own; let them land (bounded).
  await Promise.race([sandbox.idle(), sleep(15_000)]);
  const drainAgain = Date.now();
  while (Date.now() - drainAgain < 15_000) {
    const left = Number((await client.query<{ count: string }>("SELECT count(*) FROM webhook_events WHERE status IN ('pending', 'processing')")).rows[0].count);
    if (left === 0) break;
    await sleep(500);
  }
  // Captures and refunds run as jobs (the follow-up queue), like webhooks and the cron's
  // reconciliation runs. The invariants read Razorpay's state and then ours: a job running between
  // the two reads (a capture retried after a fault, say) would show an order paid here but not yet
  // captured there. Let every job that is running, or falls due within seconds, finish first.
  const queueStarted = Date.now();
  let busy = 0;
  for (;;) {
    busy = Number(
      (
        await client.query<{ count: string }>(
          "SELECT count(*) FROM pgboss.job WHERE name IN ('webhook', 'follow-up', 'reconcile') AND (state = 'active' OR (state IN ('created', 'retry') AND start_after <= now() + interval '5 seconds'))",
        )
      ).rows[0].count,
    );
    if (busy === 0 || Date.now() - queueStarted > QUEUE_IDLE_BOUND_MS) break;
    await sleep(250);
  }
  if (busy > 0) notes.push(`${busy} jobs still running or due after waiting ${seconds(QUEUE_IDLE_BOUND_MS)}`);
  notes.push(`settled in ${seconds(Date.now() - started)}`);
  return { notes, reconciledAt };
}

void main();
