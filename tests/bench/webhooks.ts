// `npm run bench`: what webhook handling costs, measured against plain SQL doing the least the
// same job needs, in one run on one machine. Prints throughput, p50/p99 latency and ratios.
//   acknowledge: POST /api/webhooks/razorpay (verify HMAC, validate, store once, start processing)
//                vs a bare INSERT, and vs a minimal node:http handler doing only that INSERT
//   apply:       the transition function for a captured payment vs a hand-written transaction
//                with the same writes (lock order, upsert payment, update order, two audit rows)
// Uses the PostgreSQL server DATABASE_URL names (a scratch database, dropped after), else PGlite.
import { createHmac, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { startSandbox } from "../../sandbox/server";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { migrate } from "../../scripts/migrate";
import { startAppServer } from "../support/app-server";
import { createScratchDatabase } from "../support/scratch-database";

const CONCURRENCY = 16;
const EVENTS = 2_000;
const ORDERS = 400;

interface Result {
  name: string;
  count: number;
  seconds: number;
  latencies: number[];
}

async function measure(name: string, count: number, work: (i: number) => Promise<unknown>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await work(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { name, count, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const row = (r: Result) => `${r.name.padEnd(34)} ${String(Math.round(r.count / r.seconds)).padStart(7)}/s   p50 ${percentile(r.latencies, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(r.latencies, 99).toFixed(2).padStart(7)} ms`;

const secret = (n: number) => randomBytes(n).toString("hex").slice(0, n);
let databaseUrl: string;
let dispose: () => Promise<void>;
const server = process.env.DATABASE_URL;
if (server) {
  const scratch = await createScratchDatabase(server, { prefix: "storefront_bench" });
  databaseUrl = scratch.url;
  dispose = scratch.drop;
} else {
  console.warn("DATABASE_URL is not set: benchmarking against embedded PGlite (one transaction at a time); figures say little about PostgreSQL.");
  const embedded = await startEmbeddedPostgres();
  databaseUrl = embedded.url;
  process.env.DATABASE_POOL_SIZE = "1";
  dispose = () => embedded.stop();
}
await migrate(databaseUrl);

const keys = { keyId: `rzp_test_${secret(14)}`, keySecret: secret(24), webhookSecret: secret(24) };
const sandbox = await startSandbox(keys);
Object.assign(process.env, { DATABASE_URL: databaseUrl, RAZORPAY_KEY_ID: keys.keyId, RAZORPAY_KEY_SECRET: keys.keySecret, RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret, RAZORPAY_SANDBOX_URL: sandbox.url, BACKGROUND_JOBS: "off", DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? String(CONCURRENCY) });
const app = await startAppServer();
const { db } = await import("../../lib/db");
const { applyPaymentFact } = await import("../../lib/payments/apply");
const { money } = await import("../../lib/money");
const sql = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });

// Orders to pay: rows made directly, each with its own gateway order id (no gateway calls needed).
const product = await db().product.create({
  data: { slug: "bench", name: "Bench", description: "-", price: 100_000, stock: 1_000_000, image: "/x.svg", variants: { create: { name: "Standard", sku: "bench", price: 100_000, stock: 1_000_000 } } },
  include: { variants: true },
});
const orders = await Promise.all(
  Array.from({ length: ORDERS * 2 }, (_, i) =>
    db().order.create({
      data: { accessToken: secret(32), currency: "INR", subtotal: 100_000, shipping: 0, total: 100_000, customerName: "Bench", email: "b@example.com", phone: "+919876543210", addressLine1: "l1", city: "c", state: "s", postalCode: "560001", country: "IN", expiresAt: new Date(Date.now() + 3600_000), razorpayOrderId: `order_Bench${String(i).padStart(9, "0")}`, items: { create: [{ productId: product.id, variantId: product.variants[0].id, name: "Bench", unitPrice: 100_000, quantity: 1, lineTotal: 100_000 }] } },
    }),
  ),
);
const payment = (i: number) => ({ id: `pay_Bench${String(i).padStart(10, "0")}`, entity: "payment", amount: 100_000, currency: "INR", status: "captured", order_id: orders[i].razorpayOrderId, method: "card", amount_refunded: 0, captured: true, error_code: null, error_description: null, error_reason: null });

// Acknowledgement; the stored events are processed in the background meanwhile, as in production.
const bodies = Array.from({ length: EVENTS }, (_, i) => JSON.stringify({ entity: "event", account_id: "acc_Bench", event: "payment.failed", contains: ["payment"], payload: { payment: { entity: { ...payment(i % ORDERS), status: "failed", captured: false, error_code: "BAD_REQUEST_ERROR", error_description: "Payment failed", error_reason: "payment_failed" } } }, created_at: 0 }));
const baselineInsert = await measure("bare INSERT of the event", EVENTS, (i) => sql.query("INSERT INTO webhook_events (id, event, raw_body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [`evt_base${i}`, "payment.failed", bodies[i]]));
const bareServer = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  await sql.query("INSERT INTO webhook_events (id, event, raw_body) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [request.headers["x-razorpay-event-id"], "payment.failed", Buffer.concat(chunks).toString()]);
  response.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
});
await new Promise<void>((resolve) => bareServer.listen(0, "127.0.0.1", resolve));
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;
const baselineHttp = await measure("node:http + bare INSERT", EVENTS, (i) =>
  fetch(bareUrl, { method: "POST", headers: { "x-razorpay-event-id": `evt_http${i}` }, body: bodies[i] }).then((r) => r.arrayBuffer()),
);
const acknowledge = await measure("POST /api/webhooks/razorpay (ack)", EVENTS, (i) =>
  fetch(`${app.url}/api/webhooks/razorpay`, { method: "POST", headers: { "content-type": "application/json", "x-razorpay-event-id": `evt_bench${i}`, "x-razorpay-signature": createHmac("sha256", keys.webhookSecret).update(bodies[i]).digest("hex") }, body: bodies[i] }).then((r) => r.arrayBuffer()),
);

// Applying a captured payment, on orders the acknowledgement phase did not touch.
const handWritten = await measure("hand-written SQL transaction", ORDERS, async (i) => {
  const client = await sql.connect();
  try {
    const order = orders[ORDERS + i];
    const id = `pay_Hand${String(i).padStart(10, "0")}`;
    await client.query("BEGIN");
    await client.query("SELECT id FROM orders WHERE id = $1 FOR UPDATE", [order.id]);
    await client.query("INSERT INTO payments (id, order_id, status, amount, currency, credited, updated_at) VALUES ($1, $2, 'captured', 100000, 'INR', true, now())", [id, order.id]);
    await client.query("UPDATE orders SET status = 'paid', paid_payment_id = $1, paid_at = now() WHERE id = $2", [id, order.id]);
    await client.query("INSERT INTO order_events (order_id, actor, action) VALUES ($1, 'webhook', 'payment.captured'), ($1, 'webhook', 'order.paid')", [order.id]);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
});
await sql.query("UPDATE orders SET status = 'pending', paid_payment_id = NULL, paid_at = NULL WHERE id = ANY($1::uuid[])", [orders.slice(ORDERS).map((o) => o.id)]);
await sql.query("UPDATE payments SET credited = false");
const transition = await measure("applyPaymentFact (captured)", ORDERS, (i) => {
  const p = payment(ORDERS + i);
  return applyPaymentFact({ id: p.id, razorpayOrderId: p.order_id!, status: "captured", amount: money(100_000), method: "card", refunded: 0, error: null }, { actor: "webhook", ref: `bench${i}` });
});

console.log(`\n${CONCURRENCY} concurrent clients, ${EVENTS} webhook events, ${ORDERS} payments applied, ${process.env.DATABASE_POOL_SIZE} pooled connections\n`);
for (const r of [baselineInsert, baselineHttp, acknowledge, handWritten, transition]) console.log(row(r));
const ratio = (a: Result, b: Result) => (a.count / a.seconds / (b.count / b.seconds)).toFixed(2);
console.log(`\nack throughput / bare insert:              ${ratio(acknowledge, baselineInsert)}`);
console.log(`ack throughput / node:http + bare insert:  ${ratio(acknowledge, baselineHttp)}`);
console.log(`transition throughput / hand-written SQL:  ${ratio(transition, handWritten)}`);
console.log(`ack p99 vs Razorpay's 5 s limit:           ${(percentile(acknowledge.latencies, 99) / 5000 * 100).toFixed(3)} % of the budget`);

bareServer.close();
await sql.end();
await app.close();
await sandbox.close();
await db().$disconnect();
await dispose();
