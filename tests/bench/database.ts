// The benchmark's databases: scratch databases on the PostgreSQL server DATABASE_URL names,
// migrated and seeded like a demo shop, with orders made directly in SQL for the webhook rounds.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../../scripts/migrate";
import { createScratchDatabase } from "../support/scratch-database";
import { ROOT } from "./servers";

export interface Scratch {
  url: string;
  drop(): Promise<void>;
}

/** The product checkouts buy: one of the seeded 14, given enough stock for every round. */
export const CHECKOUT_PRODUCT = "assam-breakfast-tea";
export const CHECKOUT_STOCK = 1_000_000;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Whether stock lives on product variants (one per size or pack; products.stock is then their
 * sum, kept by the database): the checkout product is then its variant whose SKU is its slug.
 */
async function hasVariants(client: pg.Client): Promise<boolean> {
  return (await client.query<{ t: string | null }>("SELECT to_regclass('product_variants')::text AS t")).rows[0].t !== null;
}

/** A migrated scratch database with the demo catalogue (prisma/seed.ts, 14 products). */
export async function seededShopDatabase(server: string): Promise<Scratch> {
  const scratch = await createScratchDatabase(server, { prefix: "storefront_bench" });
  await migrate(scratch.url);
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: scratch.url }, stdio: "ignore" });
  await withClient(scratch.url, async (client) => {
    await client.query(`UPDATE ${(await hasVariants(client)) ? "product_variants SET stock = $1 WHERE sku = $2" : "products SET stock = $1 WHERE slug = $2"}`, [CHECKOUT_STOCK, CHECKOUT_PRODUCT]);
    // The baseline's INSERT target: webhook_events' columns, defaults and indexes, which nothing processes.
    await client.query("CREATE TABLE bench_inbox (LIKE webhook_events INCLUDING ALL)");
  });
  return scratch;
}

/** A copy of `template` whose catalogue is grown to `products` products. */
export async function largeCatalogueDatabase(server: string, template: string, products: number): Promise<Scratch> {
  const scratch = await createScratchDatabase(server, { prefix: "storefront_bench_big", template: new URL(template).pathname.slice(1) });
  await withClient(scratch.url, async (client) => {
    const { rows } = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM products");
    await client.query(
      `INSERT INTO products (id, slug, name, description, price, currency, stock, image, updated_at)
       SELECT gen_random_uuid(), 'bench-product-' || n, 'Bench Product ' || n, 'A product made by the benchmark to grow the catalogue; ' || repeat('leaf ', 20),
              10000 + (n % 500) * 100, 'INR', 50, '/products/assam-breakfast-tea.svg', timezone('UTC', now())
       FROM generate_series(1, $1::int) AS n`,
      [products - rows[0].count],
    );
    await client.query("ANALYZE");
  });
  return scratch;
}

/** `count` unpaid orders of ₹1,000 with Razorpay order ids `${prefix}${n}` (n from 1), one line each. */
export async function addOrders(url: string, prefix: string, count: number): Promise<void> {
  await withClient(url, async (client) => {
    await client.query(
      `WITH made AS (
         INSERT INTO orders (id, access_token, currency, subtotal, shipping, total, customer_name, email, phone, address_line1, city, state, postal_code, country, expires_at, razorpay_order_id, updated_at)
         SELECT gen_random_uuid(), md5(random()::text || n), 'INR', 100000, 0, 100000, 'Bench Shopper', 'bench-' || n || '@example.com', '+919876543210', '12 MG Road', 'Bengaluru', 'Karnataka', '560001', 'IN',
                timezone('UTC', now()) + interval '1 day', $1 || n, timezone('UTC', now())
         FROM generate_series(1, $2::int) AS n
         RETURNING id)
       ${
         (await hasVariants(client))
           ? `INSERT INTO order_items (id, order_id, product_id, variant_id, variant_name, name, unit_price, quantity, line_total)
              SELECT gen_random_uuid(), made.id, p.id, v.id, v.name, p.name, 100000, 1, 100000 FROM made, products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = $3`
           : `INSERT INTO order_items (id, order_id, product_id, name, unit_price, quantity, line_total)
              SELECT gen_random_uuid(), made.id, p.id, p.name, 100000, 1, 100000 FROM made, products p WHERE p.slug = $3`
       }`,
      [prefix, count, CHECKOUT_PRODUCT],
    );
    await client.query("ANALYZE orders");
  });
}

/** Work still queued in the shop: webhook events not yet applied, pg-boss jobs not finished, emails not sent (reported, not waited for). */
export async function backlog(url: string): Promise<{ webhooks: number; jobs: number; emails: number }> {
  return withClient(url, async (client) => {
    const webhooks = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_events WHERE status IN ('pending', 'processing')")).rows[0].n;
    const emails = (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM email_outbox WHERE status = 'pending'")).rows[0].n;
    const hasBoss = (await client.query<{ t: string | null }>("SELECT to_regclass('pgboss.job')::text AS t")).rows[0].t;
    // Jobs due now or running; a retry or a schedule set for later is not a backlog to wait for.
    const jobs = hasBoss ? (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'active' OR (state IN ('created', 'retry') AND start_after <= now())")).rows[0].n : 0;
    return { webhooks, jobs, emails };
  });
}

/**
 * Waits until the shop has nothing queued ("webhooks": no webhook or job; "all": no email either),
 * so that one measurement's leftovers never run during the next. Resolves with the moment the webhook backlog emptied (for end-to-end throughput) and
 * what was still queued if `timeoutMs` ran out.
 */
export async function drain(url: string, timeoutMs: number, what: "webhooks" | "all" = "all"): Promise<{ webhooksDoneAt: number; left?: string }> {
  const deadline = Date.now() + timeoutMs;
  let webhooksDoneAt = 0;
  for (;;) {
    const left = await backlog(url);
    if (left.webhooks === 0 && webhooksDoneAt === 0) webhooksDoneAt = performance.now();
    const pending = what === "webhooks" ? left.webhooks + left.jobs : left.webhooks + left.jobs + left.emails;
    if (pending === 0) return { webhooksDoneAt };
    if (Date.now() > deadline) return { webhooksDoneAt: webhooksDoneAt || performance.now(), left: `${left.webhooks} webhooks, ${left.jobs} jobs, ${left.emails} emails` };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The checkout line's ids: the product, and its variant when stock lives on variants. */
export async function checkoutLineOf(url: string): Promise<{ productId: string; variantId?: string }> {
  return withClient(url, async (client) => {
    if (!(await hasVariants(client))) return { productId: (await client.query<{ id: string }>("SELECT id FROM products WHERE slug = $1", [CHECKOUT_PRODUCT])).rows[0].id };
    const { rows } = await client.query<{ product_id: string; id: string }>("SELECT product_id, id FROM product_variants WHERE sku = $1", [CHECKOUT_PRODUCT]);
    return { productId: rows[0].product_id, variantId: rows[0].id };
  });
}

/** Units of the checkout product (its variant) left in stock. */
export async function checkoutStock(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const table = (await hasVariants(client)) ? "product_variants WHERE sku = $1" : "products WHERE slug = $1";
    return (await client.query<{ stock: number }>(`SELECT stock FROM ${table}`, [CHECKOUT_PRODUCT])).rows[0].stock;
  });
}

/** Units of the checkout product (its variant) on live orders that checkouts placed (not the ones made for webhooks or pgbench). */
export async function checkoutUnitsHeld(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const line = (await hasVariants(client)) ? "i.variant_id = (SELECT id FROM product_variants WHERE sku = $1)" : "i.product_id = (SELECT id FROM products WHERE slug = $1)";
    const { rows } = await client.query<{ n: number }>(
      `SELECT coalesce(sum(i.quantity), 0)::int AS n FROM order_items i JOIN orders o ON o.id = i.order_id
       WHERE ${line} AND o.status NOT IN ('expired', 'cancelled') AND o.razorpay_order_id NOT LIKE 'order_Bench%' AND o.razorpay_order_id NOT LIKE 'order_Pgb%'`,
      [CHECKOUT_PRODUCT],
    );
    return rows[0].n;
  });
}

export interface PgbenchResult {
  rate: number;
  transactions: number;
  /** Milliseconds, ascending. */
  latencies: number[];
}

const PGBENCH = process.env.PGBENCH ?? "/usr/lib/postgresql/15/bin/pgbench";
const SCRIPT = path.join(import.meta.dirname, "webhook-apply.pgbench.sql");

/** Prepares `url` for `transactions` pgbench transactions: that many orders and the sequence handing them out. */
export async function preparePgbench(url: string, transactions: number): Promise<void> {
  await addOrders(url, "order_Pgb", transactions);
  await withClient(url, (client) => client.query("CREATE SEQUENCE bench_pgbench_order"));
}

/** pgbench with `clients` connections running `perClient` transactions each of the webhook's SQL. */
export async function runPgbench(url: string, clients: number, perClient: number): Promise<PgbenchResult> {
  const u = new URL(url);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-pgbench-"));
  const args = ["-n", "-M", "extended", "-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres"), "-c", String(clients), "-j", "2", "-t", String(perClient), "-f", SCRIPT, "-l", "--log-prefix", path.join(dir, "tx"), u.pathname.slice(1)];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(PGBENCH, args, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } });
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => (text += chunk));
    child.stderr.on("data", (chunk: Buffer) => (text += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}:\n${text}`))));
  });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  const failed = /number of failed transactions: (\d+)/.exec(output);
  if (!tps) throw new Error(`pgbench printed no tps:\n${output}`);
  if (failed && Number(failed[1]) > 0) throw new Error(`pgbench: ${failed[1]} transactions failed:\n${output}`);
  const latencies: number[] = [];
  for (const file of readdirSync(dir)) {
    // Per-transaction log: client_id transaction_no time_us script_no time_epoch time_us_fraction
    for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
      const micros = Number(line.split(" ")[2]);
      if (Number.isFinite(micros) && line) latencies.push(micros / 1000);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { rate: Number(tps[1]), transactions: latencies.length, latencies };
}
