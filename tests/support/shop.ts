import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { startSandbox, type Sandbox, type SandboxOptions } from "@/sandbox/server";
import { startAppServer, type AppServer } from "./app-server";
import { createTestDatabase, type TestDatabase } from "./database";
import type { QueueName } from "@/lib/queue/boss";

/**
 * One shop per test file: its own migrated database, its own Razorpay sandbox with fresh keys,
 * and the real route handlers served over HTTP, with the sandbox delivering webhooks to them.
 */
export interface TestShop {
  url: string;
  database: TestDatabase;
  sandbox: Sandbox;
  keys: { keyId: string; keySecret: string; webhookSecret: string };
  close(): Promise<void>;
}

const alphanumeric = (length: number) => randomBytes(length).toString("base64url").replace(/[-_]/g, "x").slice(0, length);

export async function startShop(options: { webhookRetry?: SandboxOptions["webhookRetry"]; env?: Record<string, string>; queues?: QueueName[] } = {}): Promise<TestShop> {
  const database = await createTestDatabase();
  const keys = { keyId: `rzp_test_${alphanumeric(14)}`, keySecret: alphanumeric(24), webhookSecret: alphanumeric(24) };
  const sandbox = await startSandbox({ ...keys, webhookRetry: options.webhookRetry ?? { baseDelayMs: 50, maxAttempts: 6, timeoutMs: 5_000 } });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    RAZORPAY_KEY_ID: keys.keyId,
    RAZORPAY_KEY_SECRET: keys.keySecret,
    RAZORPAY_WEBHOOK_SECRET: keys.webhookSecret,
    RAZORPAY_SANDBOX_URL: sandbox.url,
    CRON_SECRET: alphanumeric(32),
    // Sign-in (issue 7): NEXTAUTH_URL is set to the app's address once it listens, below.
    NEXTAUTH_SECRET: alphanumeric(40),
    // Issue 8: stored webhook bodies are encrypted with it.
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: "http://127.0.0.1",
    DATABASE_POOL_SIZE: database.concurrent ? "10" : "1",
    // Issue 8: test files call routes far more often than a shopper; rate-limit tests set their own.
    RATE_LIMIT_MULTIPLIER: "1000",
    ...options.env,
  });
  // As the app does by default (WORKERS=internal), this process works the queues the routes
  // enqueue to: webhooks and follow-ups (captures, refunds). Emails and reconciliation are left to
  // the tests, which run them with the times they choose.
  const { startWorkers } = await import("@/lib/jobs");
  const stopWorkers = await startWorkers({ queues: options.queues ?? ["webhook", "follow-up"] });
  const app: AppServer = await startAppServer();
  sandbox.setWebhookUrl(`${app.url}/api/webhooks/razorpay`);
  process.env.NEXTAUTH_URL = app.url;
  return {
    url: app.url,
    database,
    sandbox,
    keys,
    async close() {
      await sandbox.close();
      await app.close();
      await stopWorkers(5_000);
      const { db } = await import("@/lib/db");
      await db().$disconnect();
      await database.drop();
    },
  };
}

// any: each test reads the fields of the response shape it expects.
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export async function call(shop: TestShop, path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(shop.url + path, init);
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, headers: response.headers, text, body };
}

export function postJson(shop: TestShop, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(shop, path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** Calls the sandbox's own endpoints (scripted payments, faults) with the shop's keys. */
export async function sandboxCall(shop: TestShop, method: string, path: string, body?: unknown): Promise<Reply> {
  const authorization = `Basic ${Buffer.from(`${shop.keys.keyId}:${shop.keys.keySecret}`).toString("base64")}`;
  const response = await fetch(shop.sandbox.url + path, { method, headers: { authorization, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
}

export interface ScriptedPayment {
  razorpay_payment_id: string;
  razorpay_order_id: string;
  razorpay_signature?: string;
  payment: Record<string, unknown>;
  webhooks: { eventId: string; event: string }[];
}

export async function pay(shop: TestShop, razorpayOrderId: string, body: { outcome: "success" | "failure"; amount?: number; capture?: boolean; force?: boolean; method?: string }): Promise<ScriptedPayment> {
  const reply = await sandboxCall(shop, "POST", `/v1/sandbox/orders/${razorpayOrderId}/pay`, body);
  if (reply.status !== 200) throw new Error(`sandbox pay failed: ${reply.status} ${reply.text}`);
  return reply.body as ScriptedPayment;
}

export async function setFaults(shop: TestShop, faults: Record<string, unknown>): Promise<void> {
  await sandboxCall(shop, "DELETE", "/v1/sandbox/faults");
  if (Object.keys(faults).length) await sandboxCall(shop, "POST", "/v1/sandbox/faults", faults);
}

/** Delivers a webhook to the shop as Razorpay would: raw JSON body, HMAC over it, event id header. */
export async function deliverWebhook(shop: TestShop, envelope: unknown, options: { eventId?: string; secret?: string; rawBody?: string } = {}): Promise<Reply> {
  const rawBody = options.rawBody ?? JSON.stringify(envelope);
  const signature = createHmac("sha256", options.secret ?? shop.keys.webhookSecret).update(rawBody).digest("hex");
  return call(shop, "/api/webhooks/razorpay", {
    method: "POST",
    headers: { "content-type": "application/json", "x-razorpay-signature": signature, "x-razorpay-event-id": options.eventId ?? `evt_${alphanumeric(14)}`, "user-agent": "Razorpay-Webhook/v1" },
    body: rawBody,
  });
}

/** Razorpay's webhook envelope around entity snapshots. */
export function envelope(event: string, entities: { payment?: object; order?: object; refund?: object }): object {
  const payload: Record<string, { entity: object }> = {};
  for (const [name, entity] of Object.entries(entities)) if (entity) payload[name] = { entity };
  return { entity: "event", account_id: "acc_TestAccount0001", event, contains: Object.keys(payload), payload, created_at: Math.floor(Date.now() / 1000) };
}

export const customer = { name: "Asha Verma", email: "asha@example.com", phone: "+91 98765 43210" };
export const shippingAddress = { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560001", country: "IN" };

/** A product with one variant (so its id alone names what is bought), like every product before variants. */
export async function createProduct(overrides: { price?: number; stock?: number; name?: string } = {}) {
  const { variants, ...product } = await createProductWithVariants([{ name: "Standard", price: overrides.price ?? 49_900, stock: overrides.stock ?? 10 }], overrides.name);
  return { ...product, variantId: variants[0].id };
}

/** A product sold in several sizes or packs; its price and stock are the database's aggregates of theirs. */
export async function createProductWithVariants(variants: { name: string; price: number; stock: number }[], name?: string) {
  const { db } = await import("@/lib/db");
  const slug = `product-${alphanumeric(8).toLowerCase()}`;
  return db().product.create({
    data: {
      slug,
      name: name ?? `Product ${slug}`,
      description: "A test product.",
      price: Math.min(...variants.map((variant) => variant.price)),
      stock: variants.reduce((sum, variant) => sum + variant.stock, 0),
      image: "/products/test.svg",
      variants: { create: variants.map((variant, position) => ({ ...variant, sku: `${slug}-${position}`, position })) },
    },
    include: { variants: { orderBy: { position: "asc" } } },
  });
}

/** What the database says a product's variants hold now, and its aggregates. */
export async function stockOf(productId: string) {
  const { db } = await import("@/lib/db");
  const product = await db().product.findUniqueOrThrow({ where: { id: productId }, include: { variants: { orderBy: { position: "asc" } } } });
  return { price: product.price, stock: product.stock, variants: product.variants.map((variant) => ({ id: variant.id, price: variant.price, stock: variant.stock })) };
}

export function checkoutRequest(shop: TestShop, items: { productId: string; variantId?: string; quantity: number }[], options: { key?: string; cookie?: string; body?: object } = {}): Promise<Reply> {
  const headers: Record<string, string> = { "idempotency-key": options.key ?? randomUUID() };
  if (options.cookie) headers.cookie = options.cookie;
  return postJson(shop, "/api/checkout", options.body ?? { customer, shippingAddress, items }, headers);
}

/** Places an order for the items and returns the checkout response body. */
export async function placeOrder(shop: TestShop, items: { productId: string; variantId?: string; quantity: number }[]) {
  const reply = await checkoutRequest(shop, items);
  if (reply.status !== 201) throw new Error(`checkout failed: ${reply.status} ${reply.text}`);
  return reply.body as { orderId: string; orderNumber: number; razorpayOrderId: string; amount: number; currency: string; keyId: string; statusUrl: string; orderUrl: string };
}

/**
 * Waits until the queues this process works have nothing ready or running: the webhooks and the
 * follow-ups (captures, refunds) the last action queued have run. Retries deferred to later are
 * not waited for.
 */
export async function queueSettled(timeoutMs = 15_000): Promise<void> {
  const { db } = await import("@/lib/db");
  await eventually(async () => {
    const [{ busy }] = await db().$queryRaw<{ busy: number }[]>`
      SELECT count(*)::int AS busy FROM pgboss.job
      WHERE name IN ('webhook', 'follow-up') AND (state = 'active' OR (state IN ('created', 'retry') AND start_after <= now()))`;
    return busy === 0;
  }, timeoutMs);
}

/** Waits until `check` returns a truthy value (polling), or fails after the timeout. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
