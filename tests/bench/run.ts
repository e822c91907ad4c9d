// `npm run bench [-- --quick] [-- --output FILE] [-- --json FILE] [-- --profile] [-- --only GROUPS]`: issue 9's performance table,
// measured through `next start` on the production build, each figure beside a baseline measured
// in the same run, on the same PostgreSQL server, at the same concurrency, by the same load
// generator (tests/bench/load.ts). Rounds interleave app and baseline (the order alternates per
// round), every backlog is drained before the next measurement, and the table shows medians of the
// rounds. --profile runs the shop under `node --cpu-prof` and prints where its CPU time went. See the README's "Benchmark" section for what each row measures.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "../../sandbox/server";
import { freePort } from "../../scripts/drill/ports";
import { ensureProductionBuild } from "../next/next-shop";
import {
  addOrders,
  CHECKOUT_PRODUCT,
  CHECKOUT_STOCK,
  drain,
  largeCatalogueDatabase,
  preparePgbench,
  checkoutLineOf,
  checkoutStock,
  checkoutUnitsHeld,
  runPgbench,
  seededShopDatabase,
  type PgbenchResult,
  type Scratch,
} from "./database";
import { failures, median, percentile, runLoad, type LoadResult } from "./load";
import { formatBytes, formatSide, type Row, renderTable, type Side } from "./report";
import { newestProfile, summariseProfile } from "./profile";
import { BASELINE_DIR, ensureBaselineBuild, ROOT, startNext, type NextServer } from "./servers";

const { values: args } = parseArgs({ options: { quick: { type: "boolean" }, output: { type: "string" }, json: { type: "string" }, profile: { type: "boolean" }, only: { type: "string" } } });
const quick = args.quick || process.env.BENCH_QUICK === "1";
const GROUPS = ["pages", "webhooks", "checkout", "underload"] as const;
/** --only pages,webhooks,checkout,underload: measure those groups of rows only (the table leaves the others out). */
const only = new Set(args.only ? args.only.split(",") : GROUPS);
for (const group of only) if (!(GROUPS as readonly string[]).includes(group)) throw new Error(`--only takes ${GROUPS.join(",")}; got ${group}`);

const PLAN = quick
  ? { rounds: 1, seconds: 2, catalogue: 1_000, pgbenchPerClient: 60, webhooksPerRound: 600, checkoutsPerRound: 300 }
  : { rounds: 3, seconds: 8, catalogue: 10_000, pgbenchPerClient: 600, webhooksPerRound: 4_000, checkoutsPerRound: 1_500 };
const PAGE_CONNECTIONS = 50;
const WEBHOOK_CONNECTIONS = 16;
const VERIFY_CONNECTIONS = 50;
const CHECKOUT_CONNECTIONS = 16;
/** Webhook deliveries in flight while the catalogue is under load (Razorpay sends events one by one per order). */
const UNDER_LOAD_WEBHOOK_CONNECTIONS = 4;
const WARM_UP_MS = 1_000;
const DRAIN_TIMEOUT_MS = quick ? 60_000 : 120_000;
const PRODUCT_PAGE = `/products/${CHECKOUT_PRODUCT}`;
/** Pool size the shop runs with unless DATABASE_POOL_SIZE says otherwise (lib/config.ts); the baseline gets the same. */
const poolSize = process.env.DATABASE_POOL_SIZE ?? String((await import("../../lib/config")).DEFAULT_DATABASE_POOL_SIZE);

const PROFILE_DIR = path.join(tmpdir(), `bench-profile-${process.pid}`);
const started = Date.now();
const loads: number[] = [];
const sampleLoad = () => loads.push(loadavg()[0]);
const notes: string[] = [];
const say = (line: string) => console.log(`bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s  ${line}`);

const secret = (length: number) => randomBytes(length).toString("hex").slice(0, length);
const keys = { keyId: `rzp_test_${secret(14)}`, keySecret: secret(24), webhookSecret: secret(24) };

const server = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
if (!/^postgres(ql)?:/.test(server)) throw new Error("npm run bench needs a PostgreSQL server: set DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)");

interface Results {
  home: LoadResult[];
  product: LoadResult[];
  json: LoadResult[];
  bigHome: LoadResult[];
  ack: LoadResult[];
  insert: LoadResult[];
  /** Webhooks applied per second, from the first delivery until the inbox was empty. */
  applied: { rate: number; result: LoadResult }[];
  pgbench: PgbenchResult[];
  checkout: LoadResult[];
  verify: LoadResult[];
  ackUnderLoad: LoadResult[];
  homeUnderLoad: LoadResult[];
}

const cleanups: (() => Promise<unknown>)[] = [];
let exitCode = 0;
try {
  say(`${quick ? "quick" : "full"} mode: ${PLAN.rounds} round(s) of ${PLAN.seconds} s per measurement; load average ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
  await ensureProductionBuild();
  ensureBaselineBuild();

  say("preparing scratch databases");
  const shopDb = await seededShopDatabase(server);
  cleanups.push(shopDb.drop);
  const bigDb = await largeCatalogueDatabase(server, shopDb.url, PLAN.catalogue);
  cleanups.push(bigDb.drop);
  await addOrders(shopDb.url, "order_Bench", (PLAN.rounds + 1) * PLAN.webhooksPerRound);
  await addOrders(bigDb.url, "order_Bench", (PLAN.rounds + 1) * PLAN.webhooksPerRound);
  await preparePgbench(shopDb.url, (PLAN.rounds + 1) * WEBHOOK_CONNECTIONS * PLAN.pgbenchPerClient);

  const sandbox = await startSandbox(keys);
  cleanups.push(() => sandbox.close());
  const servers = await startServers(shopDb, bigDb, sandbox.url);
  const { shop, big, baseline } = servers;
  const checkoutLine = await checkoutLineOf(shopDb.url);

  const results: Results = { home: [], product: [], json: [], bigHome: [], ack: [], insert: [], applied: [], pgbench: [], checkout: [], verify: [], ackUnderLoad: [], homeUnderLoad: [] };
  const webhookOrders = { shop: 0, big: 0 };
  let checkoutUnits = 0;

  // Round 0 warms every path up (JIT, connection pools, Next's caches) and is not counted.
  let seconds = WARM_UP_MS;
  for (let round = 0; round <= PLAN.rounds; round++) {
    if (round === 1) {
      for (const list of Object.values(results)) list.length = 0;
      seconds = PLAN.seconds * 1000;
    }
    const appFirst = round % 2 === 1;
    say(round === 0 ? "warm-up round (not counted)" : `round ${round}/${PLAN.rounds} (${appFirst ? "app first" : "baseline first"})`);
    const pair = async (app: () => Promise<void>, base: () => Promise<void>) => {
      if (appFirst) {
        await app();
        await base();
      } else {
        await base();
        await app();
      }
    };

    // Pages against a constant-JSON route handler; the large catalogue against the small one.
    if (only.has("pages")) await pair(
      async () => {
        results.home.push(await measure("GET / (14 products)", () => runLoad({ baseUrl: shop.url, connections: PAGE_CONNECTIONS, durationMs: seconds, request: () => ({ path: "/" }) })));
        results.product.push(await measure(`GET ${PRODUCT_PAGE}`, () => runLoad({ baseUrl: shop.url, connections: PAGE_CONNECTIONS, durationMs: seconds, request: () => ({ path: PRODUCT_PAGE }) })));
        results.bigHome.push(await measure(`GET / (${PLAN.catalogue.toLocaleString("en")} products)`, () => runLoad({ baseUrl: big.url, connections: PAGE_CONNECTIONS, durationMs: seconds, request: () => ({ path: "/" }) })));
      },
      async () => {
        results.json.push(await measure("baseline GET /api/json", () => runLoad({ baseUrl: baseline.url, connections: PAGE_CONNECTIONS, durationMs: seconds, request: () => ({ path: "/api/json" }) })));
      },
    );

    // Webhooks: the acknowledgement against one INSERT; applied end to end against pgbench.
    if (only.has("webhooks")) await pair(
      async () => {
        await settle(shopDb);
        const first = webhookOrders.shop;
        const sentAt = performance.now();
        const ack = await measure("POST /api/webhooks/razorpay (ack)", () =>
          runLoad({ baseUrl: shop.url, connections: WEBHOOK_CONNECTIONS, durationMs: seconds, maxRequests: PLAN.webhooksPerRound, request: (i) => webhookRequest(first + i + 1) }),
        );
        webhookOrders.shop += ack.requests;
        results.ack.push(ack);
        const drained = await drain(shopDb.url, DRAIN_TIMEOUT_MS, "webhooks");
        if (drained.left) notes.push(`round ${round}: webhooks not applied within ${DRAIN_TIMEOUT_MS / 1000} s (${drained.left})`);
        const rate = ack.outcomes["200"] / ((drained.webhooksDoneAt - sentAt) / 1000);
        say(`  webhooks applied end to end: ${rate.toFixed(0)}/s (${ack.outcomes["200"] ?? 0} events)`);
        results.applied.push({ rate, result: ack });
      },
      async () => {
        results.insert.push(await measure("baseline POST /api/insert", () => runLoad({ baseUrl: baseline.url, connections: WEBHOOK_CONNECTIONS, durationMs: seconds, maxRequests: PLAN.webhooksPerRound, request: (i) => ({ ...webhookRequest(i + 1), path: `/api/insert` }) })));
        await settle(shopDb);
        const pgbench = await runPgbench(shopDb.url, WEBHOOK_CONNECTIONS, PLAN.pgbenchPerClient);
        sampleLoad();
        say(`  pgbench (webhook's SQL): ${pgbench.rate.toFixed(0)} tps, p50 ${percentile(pgbench.latencies, 50).toFixed(1)} ms, p99 ${percentile(pgbench.latencies, 99).toFixed(1)} ms`);
        results.pgbench.push(pgbench);
      },
    );

    // Checkout at 16 connections; each order placed is paid at the sandbox and verified at 50.
    if (only.has("checkout")) await checkoutAndVerify();
    if (only.has("underload")) await ackUnderLoad();
  }

  async function checkoutAndVerify(): Promise<void> {
    await settle(shopDb);
    const placed: string[] = [];
    const checkout = await measure("POST /api/checkout", () =>
      runLoad({
        baseUrl: shop.url,
        connections: CHECKOUT_CONNECTIONS,
        durationMs: seconds,
        maxRequests: PLAN.checkoutsPerRound,
        request: () => checkoutRequest(checkoutLine),
        onBody: (_, status, body) => {
          if (status === "201") placed.push((JSON.parse(body) as { razorpayOrderId: string }).razorpayOrderId);
        },
      }),
    );
    checkoutUnits += checkout.outcomes["201"] ?? 0;
    results.checkout.push(checkout);
    const payments: { orderId: string; paymentId: string }[] = [];
    const authorization = `Basic ${Buffer.from(`${keys.keyId}:${keys.keySecret}`).toString("base64")}`;
    await runLoad({
      baseUrl: sandbox.url,
      connections: 8,
      durationMs: 600_000,
      maxRequests: placed.length,
      request: (i) => ({ method: "POST", path: `/v1/sandbox/orders/${placed[i]}/pay`, headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ outcome: "success" }) }),
      onBody: (_, status, body) => {
        if (status !== "200") return;
        const paid = JSON.parse(body) as { razorpay_payment_id: string; razorpay_order_id: string };
        payments.push({ orderId: paid.razorpay_order_id, paymentId: paid.razorpay_payment_id });
      },
    });
    await settle(shopDb);
    results.verify.push(await measure("POST /api/payments/verify", () => runLoad({ baseUrl: shop.url, connections: VERIFY_CONNECTIONS, durationMs: 600_000, maxRequests: payments.length, request: (i) => verifyRequest(payments[i]) })));
    await settle(shopDb);
  }

  // Webhook acknowledgement while the large catalogue's home page is under a 50-connection load.
  async function ackUnderLoad(): Promise<void> {
    await settle(bigDb);
    const firstBig = webhookOrders.big;
    const [home, ack] = await Promise.all([
      runLoad({ baseUrl: big.url, connections: PAGE_CONNECTIONS, durationMs: seconds, request: () => ({ path: "/" }) }),
      runLoad({ baseUrl: big.url, connections: UNDER_LOAD_WEBHOOK_CONNECTIONS, durationMs: seconds, maxRequests: PLAN.webhooksPerRound, request: (i) => webhookRequest(firstBig + i + 1) }),
    ]);
    sampleLoad();
    webhookOrders.big += ack.requests;
    report("GET / under load (large catalogue)", home);
    report("  webhook ack meanwhile", ack);
    results.homeUnderLoad.push(home);
    results.ackUnderLoad.push(ack);
    await settle(bigDb);
  }

  // Stock is exact when what the shop holds plus what its live orders hold is what it started with.
  const stock = await checkoutStock(shopDb.url);
  const held = await checkoutUnitsHeld(shopDb.url);
  const stockExact = stock + held === CHECKOUT_STOCK && held === checkoutUnits;
  if (!stockExact) notes.push(`stock: ${stock} left + ${held} on live orders ≠ ${CHECKOUT_STOCK}, or ≠ ${checkoutUnits} units checked out`);

  const rows = buildRows(results, stockExact);
  const sides = { home: side(results.home), product: side(results.product), json: side(results.json), bigHome: side(results.bigHome), ack: side(results.ack), insert: side(results.insert), checkout: side(results.checkout), verify: side(results.verify), ackUnderLoad: side(results.ackUnderLoad) };
  const rates = { applied: median(results.applied.map((a) => a.rate)), pgbench: median(results.pgbench.map((p) => p.rate)) };
  const table = renderTable(rows, {
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    rounds: PLAN.rounds,
    seconds: PLAN.seconds,
    load: { min: Math.min(...loads), median: median(loads), max: Math.max(...loads) },
    poolSize,
    notes,
  });
  console.log(`\n${table}`);
  const output = args.output ?? (quick ? undefined : path.join(import.meta.dirname, "RESULTS.md"));
  if (output) {
    writeFileSync(output, table);
    say(`table written to ${path.relative(ROOT, output)}`);
  }
  if (args.json) {
    mkdirSync(path.dirname(args.json), { recursive: true });
    writeFileSync(args.json, JSON.stringify({ rows, sides, databases: [shopDb.url, bigDb.url].map((url) => new URL(url).pathname.slice(1)), rates, stockExact, checkoutUnits, notes, webhooksSent: webhookOrders, loads }, null, 2));
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error("cleanup failed:", error));
  const profile = args.profile ? newestProfile(PROFILE_DIR) : undefined;
  if (profile) console.log(`\n${summariseProfile(profile)}\n(full profile: ${profile}; open it in Chrome DevTools' Performance tab)`);
  say("done");
}
process.exit(exitCode);

async function startServers(shopDb: Scratch, bigDb: Scratch, sandboxUrl: string): Promise<{ shop: NextServer; big: NextServer; baseline: NextServer }> {
  const [shopPort, bigPort, baselinePort] = [await freePort(), await freePort(), await freePort()];
  const env = (databaseUrl: string, port: number): Record<string, string> => ({
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secret(40),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    RAZORPAY_KEY_ID: keys.keyId,
    RAZORPAY_KEY_SECRET: keys.keySecret,
    RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
    RAZORPAY_SANDBOX_URL: sandboxUrl,
    SHOP_MODE: "demo",
    CRON_SECRET: secret(32),
    WORKERS: "internal", // the shop works its own queue, as by default
    // A load test from one address: limits stay on (their Redis round trips count) but never refuse.
    RATE_LIMIT_MULTIPLIER: "100000",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    RATE_LIMIT_PREFIX: `bench:${secret(8)}`,
  });
  // Only what the chosen rows need; readiness is probed on a cheap route (the catalogue may be large).
  const wanted: [string, () => Promise<NextServer>][] = [
    ["shop", () => startNext("shop", ".", shopPort, env(shopDb.url, shopPort), "/api/cart", args.profile ? ["--cpu-prof", "--cpu-prof-dir", PROFILE_DIR] : [])],
    ["big", () => startNext("large catalogue", ".", bigPort, env(bigDb.url, bigPort), "/api/cart")],
    ["baseline", () => startNext("baseline", BASELINE_DIR, baselinePort, { BASELINE_DATABASE_URL: shopDb.url, BASELINE_POOL_SIZE: poolSize }, "/api/json")],
  ];
  const needed = wanted.filter(([name]) => name === "shop" || (name === "big" ? only.has("pages") || only.has("underload") : only.has("pages") || only.has("webhooks")));
  say(`starting next start (${needed.map(([name]) => name).join(", ")})`);
  const settled = await Promise.allSettled(needed.map(([, start]) => start()));
  for (const result of settled) if (result.status === "fulfilled") cleanups.push(() => result.value.stop());
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  const started = Object.fromEntries(needed.map(([name], i) => [name, (settled[i] as PromiseFulfilledResult<NextServer>).value]));
  // A server the chosen rows do not use: never called (its url is empty, so a mistake fails loudly).
  const unstarted = (name: string): NextServer => ({ name, url: "", process: undefined as never, tail: () => [], logFile: "", stop: async () => {} });
  return { shop: started.shop, big: started.big ?? unstarted("big"), baseline: started.baseline ?? unstarted("baseline") };
}

/** Runs a measurement with the load average sampled after it, and prints its line. */
async function measure(name: string, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const result = await run();
  sampleLoad();
  report(name, result);
  return result;
}

function report(name: string, result: LoadResult): void {
  const bad = failures(result);
  say(
    `  ${name.padEnd(40)} ${result.rate.toFixed(0).padStart(6)}/s  p50 ${percentile(result.latencies, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(result.latencies, 99).toFixed(0).padStart(5)} ms  n=${result.requests}${bad ? `  non-2xx ${JSON.stringify(result.outcomes)} ${result.samples[0] ?? ""}` : ""}  load ${loadavg()[0].toFixed(2)}`,
  );
}

/** Waits for the shop's queued work (webhooks, jobs) so it does not run during the next measurement. */
async function settle(database: Scratch): Promise<void> {
  const drained = await drain(database.url, DRAIN_TIMEOUT_MS, "webhooks");
  if (drained.left) notes.push(`backlog not drained within ${DRAIN_TIMEOUT_MS / 1000} s: ${drained.left}`);
}

/** A signed `payment.captured` webhook for bench order n (orders made by addOrders). */
function webhookRequest(n: number) {
  const order = `order_Bench${n}`;
  const payment = `pay_Bench${String(n).padStart(10, "0")}`;
  const eventId = `evt_${secret(14)}`;
  const body = JSON.stringify({
    entity: "event",
    account_id: "acc_Bench",
    event: "payment.captured",
    contains: ["payment"],
    payload: { payment: { entity: { id: payment, entity: "payment", amount: 100_000, currency: "INR", status: "captured", order_id: order, method: "card", amount_refunded: 0, captured: true, error_code: null, error_description: null, error_reason: null } } },
    created_at: Math.floor(Date.now() / 1000),
  });
  return {
    method: "POST",
    path: "/api/webhooks/razorpay",
    headers: { "content-type": "application/json", "x-razorpay-event-id": eventId, "x-razorpay-signature": createHmac("sha256", keys.webhookSecret).update(body).digest("hex") },
    body,
  };
}

function checkoutRequest(line: { productId: string; variantId?: string }) {
  const body = JSON.stringify({
    customer: { name: "Bench Shopper", email: `bench-${randomUUID()}@example.com`, phone: "+91 98765 43210" },
    shippingAddress: { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560001", country: "IN" },
    items: [{ ...line, quantity: 1 }],
  });
  return { method: "POST", path: "/api/checkout", headers: { "content-type": "application/json", "idempotency-key": randomUUID() }, body };
}

function verifyRequest(payment: { orderId: string; paymentId: string }) {
  const signature = createHmac("sha256", keys.keySecret).update(`${payment.orderId}|${payment.paymentId}`).digest("hex");
  const body = JSON.stringify({ razorpay_order_id: payment.orderId, razorpay_payment_id: payment.paymentId, razorpay_signature: signature });
  return { method: "POST", path: "/api/payments/verify", headers: { "content-type": "application/json" }, body };
}

function side(results: LoadResult[]): Side {
  return {
    rate: median(results.map((r) => r.rate)),
    p50: median(results.map((r) => percentile(r.latencies, 50))),
    p99: median(results.map((r) => percentile(r.latencies, 99))),
    requests: results.reduce((sum, r) => sum + r.requests, 0),
    failures: results.reduce((sum, r) => sum + failures(r), 0),
  };
}

/** Median over rounds of the per-round ratio (each round's pair ran back to back under the same load). */
function ratio(app: { rate: number }[], base: { rate: number }[]): number {
  return median(app.map((a, i) => a.rate / base[i].rate));
}

function buildRows(r: Results, stockExact: boolean): Row[] {
  const home = side(r.home);
  const json = side(r.json);
  const product = side(r.product);
  const bigHome = side(r.bigHome);
  const bigBytes = Math.max(...r.bigHome.map((x) => x.maxBytes));
  const ack = side(r.ack);
  const insert = side(r.insert);
  const applied = { rate: median(r.applied.map((a) => a.rate)) };
  const pgbench = { rate: median(r.pgbench.map((p) => p.rate)), p50: median(r.pgbench.map((p) => percentile(p.latencies, 50))), p99: median(r.pgbench.map((p) => percentile(p.latencies, 99))), requests: r.pgbench.reduce((n, p) => n + p.transactions, 0), failures: 0 };
  const verify = side(r.verify);
  const checkout = side(r.checkout);
  const underLoad = side(r.ackUnderLoad);
  const homeUnderLoad = side(r.homeUnderLoad);
  const ratioRow = (path: string, app: Side, base: Side, value: number, target: number, extra?: { pass: boolean; text: string }): Omit<Row, "baselineName"> => ({
    path,
    figure: formatSide(app),
    baseline: formatSide(base),
    ratio: `${value.toFixed(2)}×`,
    target: `≥ ${target}×${extra ? `, ${extra.text}` : ""}`,
    pass: value >= target && (extra?.pass ?? true) && app.failures === 0,
  });
  const rows: (Row | false)[] = [
    r.home.length > 0 && { ...ratioRow(`\`GET /\` (${r.home.length ? "14" : "?"} products), ${PAGE_CONNECTIONS} connections`, home, json, ratio(r.home, r.json), 0.5), baselineName: "constant-JSON route handler" },
    r.product.length > 0 && { ...ratioRow(`\`GET ${PRODUCT_PAGE}\`, ${PAGE_CONNECTIONS} connections`, product, json, ratio(r.product, r.json), 0.5), baselineName: "constant-JSON route handler" },
    r.bigHome.length > 0 && {
      ...ratioRow(`\`GET /\` with ${PLAN.catalogue.toLocaleString("en")} products (${bigBytes > 0 ? formatBytes(bigBytes) : "no complete response"}), ${PAGE_CONNECTIONS} connections`, bigHome, home, ratio(r.bigHome, r.home), 0.8, { pass: bigBytes > 0 && bigBytes <= 200_000, text: "response ≤ 200 kB" }),
      baselineName: "`GET /` with 14 products",
    },
    r.ack.length > 0 && { ...ratioRow(`webhook acknowledgement, ${WEBHOOK_CONNECTIONS} connections`, ack, insert, ratio(r.ack, r.insert), 0.7), baselineName: "route handler doing the same single INSERT" },
    r.applied.length > 0 && {
      ...ratioRow(`webhooks applied end to end (\`payment.captured\`, distinct orders), ${WEBHOOK_CONNECTIONS} connections`, { ...applied, p50: NaN, p99: NaN, requests: ack.requests, failures: ack.failures }, pgbench, ratio(r.applied, r.pgbench), 0.25),
      baselineName: `pgbench, same writes, ${WEBHOOK_CONNECTIONS} clients`,
    },
    r.verify.length > 0 && { path: `payment verify, ${VERIFY_CONNECTIONS} connections`, baselineName: "—", figure: formatSide(verify), baseline: "—", ratio: "—", target: "p99 < 150 ms", pass: verify.p99 < 150 && verify.failures === 0 && verify.requests > 0 },
    r.checkout.length > 0 && {
      path: `checkout, ${CHECKOUT_CONNECTIONS} connections`,
      baselineName: "—",
      figure: `${formatSide(checkout)}, ${checkout.failures} errors, stock ${stockExact ? "exact" : "WRONG"}`,
      baseline: "—",
      ratio: "—",
      target: "p99 < 400 ms, 0 errors, stock exact",
      pass: checkout.p99 < 400 && checkout.failures === 0 && stockExact && checkout.requests > 0,
    },
    r.ackUnderLoad.length > 0 && {
      path: `webhook ack (${UNDER_LOAD_WEBHOOK_CONNECTIONS} connections) while \`GET /\` (${PLAN.catalogue.toLocaleString("en")} products) is under ${PAGE_CONNECTIONS} connections`,
      baselineName: "—",
      figure: `${formatSide(underLoad)} (pages meanwhile: ${formatSide(homeUnderLoad)})`,
      baseline: "—",
      ratio: "—",
      target: "p99 < 1 s",
      pass: underLoad.p99 < 1000 && underLoad.failures === 0 && underLoad.requests > 0,
    },
  ];
  return rows.filter((row): row is Row => row !== false);
}
