// Shoppers: each places one order through the shop's API and pays it (or not) the way a real
// shopper's browser would, retrying what a browser retries. Payments are scripted at the
// Razorpay sandbox; the browser callback is signed with the key secret as checkout.js would.
import { createHmac, randomUUID } from "node:crypto";
import type { Metrics, Seen } from "./metrics";

export type ShopperKind =
  /** Pays, and the browser callback (verify) reports it. */
  | "verify"
  /** A failed attempt first, then pays; verify reports it. */
  | "retry-verify"
  /** Pays; only Razorpay's webhooks report it (the tab was closed). */
  | "webhook"
  /** A failed attempt first, then pays; webhooks only. */
  | "retry-webhook"
  /** Pays with manual capture: the shop has to capture the authorisation. */
  | "manual-capture"
  /** Pays twice (two tabs): the second captured payment must be refunded. */
  | "double"
  /** First pays a wrong amount (tampered checkout), then the right one. */
  | "mismatch"
  /** Never pays; its order is made to run out of time before the reconciliation run. */
  | "abandon-expire"
  /** Never pays; its order stays within its time limit. */
  | "abandon-fresh"
  /** Buys the scarce product, never pays in its phase; pays late, after expiry, in the next one. */
  | "late";

export interface ShopContext {
  shopUrl: string;
  sandboxUrl: string;
  keys: { keyId: string; keySecret: string };
  metrics: Metrics;
  /** No shopper starts a retry after this time (ms since the epoch): bounds every phase. */
  deadline: number;
}

export interface PlacedOrder {
  orderId: string;
  razorpayOrderId: string;
  amount: number;
  statusUrl: string;
}

export interface Shopper {
  n: number;
  kind: ShopperKind;
  items: { productId: string; variantId?: string; quantity: number }[];
  order?: PlacedOrder;
  /** What happened, for the journal: gave up, payment ids, ... */
  notes: string[];
}

interface Reply {
  seen: Seen;
  body: unknown;
}

const REQUEST_TIMEOUT_MS = 30_000;
/** How long a shopper keeps retrying a checkout with the same Idempotency-Key (a 60 s key lease included). */
export const CHECKOUT_RETRY_BUDGET_MS = 70_000;
const VERIFY_RETRY_BUDGET_MS = 30_000;
const POPUP_THINK_MS = 6_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shopCall(ctx: ShopContext, route: string, path: string, init: RequestInit = {}): Promise<Reply> {
  const started = performance.now();
  let seen: Seen;
  let body: unknown;
  try {
    const response = await fetch(ctx.shopUrl + path, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await response.text();
    seen = response.status;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
  } catch (error) {
    seen = error instanceof Error && error.name === "TimeoutError" ? "timeout" : "ERR";
    body = error instanceof Error ? error.message : String(error);
  }
  ctx.metrics.record(route, seen, performance.now() - started);
  return { seen, body };
}

const retryable = (seen: Seen) => typeof seen !== "number" || seen >= 500;

/** Exponential backoff with jitter, as the checkout page retries. */
async function withRetries(ctx: ShopContext, budgetMs: number, attempt: () => Promise<Reply>, again: (reply: Reply) => boolean): Promise<Reply> {
  const deadline = Math.min(Date.now() + budgetMs, ctx.deadline);
  for (let tries = 0; ; tries++) {
    const reply = await attempt();
    if (!again(reply) || Date.now() > deadline) return reply;
    await sleep(Math.min(4_000, 250 * 2 ** tries) * (0.5 + Math.random()));
  }
}

const customerFor = (n: number) => ({
  customer: { name: `Drill Shopper ${n}`, email: `drill-${n}-${randomUUID().slice(0, 8)}@example.com`, phone: "+91 98765 43210" },
  shippingAddress: { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560001", country: "IN" },
});

/** POST /api/checkout with one Idempotency-Key, retried while the outcome is unknown. */
export async function placeOrder(ctx: ShopContext, shopper: Shopper): Promise<{ placed?: PlacedOrder; seen: Seen; code?: string }> {
  const key = randomUUID();
  const body = JSON.stringify({ ...customerFor(shopper.n), items: shopper.items });
  const reply = await withRetries(
    ctx,
    CHECKOUT_RETRY_BUDGET_MS,
    () => shopCall(ctx, "POST /api/checkout", "/api/checkout", { method: "POST", headers: { "content-type": "application/json", "idempotency-key": key }, body }),
    (reply) => retryable(reply.seen) || errorCode(reply) === "idempotency_key_in_use",
  );
  if (reply.seen !== 201) return { seen: reply.seen, code: errorCode(reply) };
  const placed = reply.body as { orderId: string; razorpayOrderId: string; amount: number; statusUrl: string };
  return { placed: { orderId: placed.orderId, razorpayOrderId: placed.razorpayOrderId, amount: placed.amount, statusUrl: placed.statusUrl }, seen: 201 };
}

function errorCode(reply: Reply): string | undefined {
  const body = reply.body as { error?: { code?: string } } | undefined;
  return typeof body === "object" && body ? body.error?.code : undefined;
}

interface ScriptedPayment {
  razorpay_payment_id: string;
  razorpay_order_id: string;
}

/** A payment attempt at Razorpay (the sandbox's scripting endpoint, which faults never touch). */
export async function payAtRazorpay(ctx: ShopContext, razorpayOrderId: string, attempt: { outcome: "success" | "failure"; amount?: number; capture?: boolean; force?: boolean }): Promise<ScriptedPayment | undefined> {
  const started = performance.now();
  const authorization = `Basic ${Buffer.from(`${ctx.keys.keyId}:${ctx.keys.keySecret}`).toString("base64")}`;
  const response = await fetch(`${ctx.sandboxUrl}/v1/sandbox/orders/${razorpayOrderId}/pay`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json" },
    body: JSON.stringify(attempt),
  });
  const text = await response.text();
  ctx.metrics.record(`Razorpay: ${attempt.outcome === "success" ? "payment" : "failed payment"}`, response.status, performance.now() - started);
  if (response.status !== 200) return undefined;
  return JSON.parse(text) as ScriptedPayment;
}

/** The browser callback, signed as checkout.js signs it: HMAC-SHA256(order_id|payment_id, key secret). */
export async function verify(ctx: ShopContext, payment: ScriptedPayment, shopper?: Shopper): Promise<Reply> {
  const signature = createHmac("sha256", ctx.keys.keySecret).update(`${payment.razorpay_order_id}|${payment.razorpay_payment_id}`).digest("hex");
  const body = JSON.stringify({ razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: payment.razorpay_payment_id, razorpay_signature: signature });
  const reply = await withRetries(
    ctx,
    VERIFY_RETRY_BUDGET_MS,
    () => shopCall(ctx, "POST /api/payments/verify", "/api/payments/verify", { method: "POST", headers: { "content-type": "application/json" }, body }),
    (reply) => retryable(reply.seen),
  );
  const status = (reply.body as { status?: string } | undefined)?.status;
  shopper?.notes.push(`verify: ${reply.seen}${status ? ` ${status}` : errorCode(reply) ? ` ${errorCode(reply)}` : ""}`);
  return reply;
}

async function pollStatus(ctx: ShopContext, order: PlacedOrder): Promise<void> {
  await shopCall(ctx, "GET /api/orders/:id/status", order.statusUrl);
}

/** One shopper's whole visit. Never throws: what went wrong is in the metrics and the notes. */
export async function visit(ctx: ShopContext, shopper: Shopper): Promise<void> {
  try {
    const { placed, seen, code } = await placeOrder(ctx, shopper);
    if (!placed) {
      shopper.notes.push(`checkout gave up: ${seen}${code ? ` ${code}` : ""}`);
      return;
    }
    shopper.order = placed;
    // Seconds in the popup typing card details: payments land throughout the drill, not only
    // right after a checkout succeeded.
    await sleep(Math.random() * POPUP_THINK_MS);
    await pay(ctx, shopper, placed);
    await pollStatus(ctx, placed);
  } catch (error) {
    shopper.notes.push(`shopper failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function pay(ctx: ShopContext, shopper: Shopper, order: PlacedOrder): Promise<void> {
  const rzp = order.razorpayOrderId;
  const note = (payment: ScriptedPayment | undefined, what: string) => shopper.notes.push(`${what}: ${payment?.razorpay_payment_id ?? "refused by Razorpay"}`);
  switch (shopper.kind) {
    case "verify":
    case "retry-verify": {
      if (shopper.kind === "retry-verify") note(await payAtRazorpay(ctx, rzp, { outcome: "failure" }), "failed");
      const payment = await payAtRazorpay(ctx, rzp, { outcome: "success" });
      note(payment, "paid");
      if (payment) await verify(ctx, payment, shopper);
      return;
    }
    case "webhook":
    case "retry-webhook": {
      if (shopper.kind === "retry-webhook") note(await payAtRazorpay(ctx, rzp, { outcome: "failure" }), "failed");
      note(await payAtRazorpay(ctx, rzp, { outcome: "success" }), "paid");
      return;
    }
    case "manual-capture": {
      const payment = await payAtRazorpay(ctx, rzp, { outcome: "success", capture: false });
      note(payment, "authorised");
      if (payment) await verify(ctx, payment, shopper);
      return;
    }
    case "double": {
      const first = await payAtRazorpay(ctx, rzp, { outcome: "success" });
      note(first, "paid");
      const second = await payAtRazorpay(ctx, rzp, { outcome: "success", force: true });
      note(second, "paid again");
      await Promise.all([first && verify(ctx, first, shopper), second && verify(ctx, second, shopper)]);
      return;
    }
    case "mismatch": {
      const wrong = await payAtRazorpay(ctx, rzp, { outcome: "success", amount: order.amount - 100 });
      note(wrong, "paid a wrong amount");
      if (wrong) await verify(ctx, wrong, shopper);
      const right = await payAtRazorpay(ctx, rzp, { outcome: "success", amount: order.amount, force: true });
      note(right, "paid the right amount");
      if (right) await verify(ctx, right, shopper);
      return;
    }
    case "abandon-expire":
    case "abandon-fresh":
    case "late":
      return;
  }
}

/** Runs the shoppers with at most `concurrency` at once, arrivals spread evenly over `spreadMs`. */
export async function runShoppers(ctx: ShopContext, shoppers: Shopper[], options: { concurrency: number; spreadMs: number }): Promise<void> {
  const started = Date.now();
  const gap = shoppers.length > 1 ? options.spreadMs / (shoppers.length - 1) : 0;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= shoppers.length) return;
      const due = started + index * gap;
      if (due > Date.now()) await sleep(due - Date.now());
      await visit(ctx, shoppers[index]);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}
