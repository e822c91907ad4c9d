// The one invariant checker: what the shop's database says must agree with what Razorpay says,
// and with the stock the shop started with. Plain SQL against the schema in prisma/schema.prisma.
import type pg from "pg";
import type { RzpOrder, RzpPayment } from "./razorpay-state";

export interface Violation {
  orderId?: string;
  detail: string;
}

export interface InvariantResult {
  name: string;
  violations: Violation[];
}

export interface CheckResult {
  invariants: InvariantResult[];
  ordersByStatus: Record<string, number>;
  refundsByReasonAndStatus: Record<string, number>;
  webhookEventsByStatus: Record<string, number>;
  /** Captured payments at Razorpay: credited here, refunded by rule, or neither. */
  capturedPayments: { credited: number; extraRefunded: number; total: number; refundWaiting: number };
  ok: boolean;
}

/** A refund still `requested` after this many attempts, or this long after it was decided, is stuck. */
export const REFUND_ATTEMPTS_BOUND = 5;
export const REFUND_AGE_BOUND_MS = 120_000;

const PAID_HERE = new Set(["paid", "refunded", "partially_refunded"]);
/** Order states whose items still hold stock. */
const HOLDS_STOCK = new Set(["pending", "paid", "partially_refunded"]);

interface OrderRow {
  id: string;
  number: number;
  status: string;
  total: number;
  currency: string;
  razorpay_order_id: string | null;
  paid_payment_id: string | null;
  expires_at: Date;
}

interface PaymentRow {
  id: string;
  order_id: string;
  status: string;
  amount: number;
  credited: boolean;
}

interface RefundRow {
  id: string;
  payment_id: string;
  order_id: string;
  reason: string;
  amount: number;
  status: string;
  razorpay_refund_id: string | null;
  attempts: number;
  created_at: Date;
  next_attempt_at: Date;
  last_error: string | null;
  failure_reason: string | null;
}

const rightAmount = (payment: RzpPayment, order: OrderRow) => payment.captured && payment.amount === order.total && payment.currency === order.currency.trim();

/** `initialStock`: by variant id. `reconciledAt`: when the reconciliation run started; a refund due before it and still unsent is stuck. */
export async function checkInvariants(client: pg.Pool, razorpay: RzpOrder[], initialStock: Map<string, number>, reconciledAt: Date): Promise<CheckResult> {
  const now = new Date();
  const orders = (await client.query<OrderRow>("SELECT id, number, status::text AS status, total, currency, razorpay_order_id, paid_payment_id, expires_at FROM orders")).rows;
  const payments = (await client.query<PaymentRow>("SELECT id, order_id, status::text AS status, amount, credited FROM payments")).rows;
  const refunds = (
    await client.query<RefundRow>(
      "SELECT id, payment_id, order_id, reason::text AS reason, amount, status::text AS status, razorpay_refund_id, attempts, created_at, next_attempt_at, last_error, failure_reason FROM refunds",
    )
  ).rows;

  const rzpById = new Map(razorpay.map((order) => [order.id, order]));
  const rzpByReceipt = new Map(razorpay.filter((order) => order.receipt).map((order) => [order.receipt!, order]));
  const creditedByOrder = groupBy(payments.filter((payment) => payment.credited), (payment) => payment.order_id);
  const refundsByPayment = groupBy(refunds, (refund) => refund.payment_id);

  const paidOnce: Violation[] = [];
  const unpaidInTime: Violation[] = [];
  const extraRefunded: Violation[] = [];
  const stuckRefunds: Violation[] = [];
  let credited = 0;
  let extras = 0;
  let capturedTotal = 0;
  const matched = new Set<string>();

  for (const order of orders) {
    const rzp = (order.razorpay_order_id ? rzpById.get(order.razorpay_order_id) : undefined) ?? rzpByReceipt.get(order.id);
    if (rzp) matched.add(rzp.id);
    if (order.razorpay_order_id && !rzpById.has(order.razorpay_order_id)) {
      unpaidInTime.push({ orderId: order.id, detail: `names Razorpay order ${order.razorpay_order_id}, which Razorpay does not know` });
    }
    const captured = rzp?.payments.filter((payment) => payment.captured) ?? [];
    const right = captured.filter((payment) => rightAmount(payment, order));
    const creditedHere = creditedByOrder.get(order.id) ?? [];
    capturedTotal += captured.length;

    if (right.length > 0 && PAID_HERE.has(order.status)) {
      const only = creditedHere[0];
      if (creditedHere.length !== 1) {
        paidOnce.push({ orderId: order.id, detail: `${order.status} with ${creditedHere.length} credited payments (${creditedHere.map((p) => p.id).join(", ") || "none"})` });
      } else if (order.paid_payment_id !== only.id) {
        paidOnce.push({ orderId: order.id, detail: `credited payment ${only.id} but paid_payment_id is ${order.paid_payment_id}` });
      } else {
        const atRazorpay = right.find((payment) => payment.id === only.id);
        if (!atRazorpay) {
          paidOnce.push({ orderId: order.id, detail: `credited payment ${only.id} is not a captured payment for ${order.total} ${order.currency} at Razorpay` });
        } else {
          credited++;
          const expected = atRazorpay.amount_refunded === 0 ? "paid" : atRazorpay.amount_refunded >= atRazorpay.amount ? "refunded" : "partially_refunded";
          if (order.status !== expected) {
            paidOnce.push({ orderId: order.id, detail: `is ${order.status} but Razorpay has refunded ${atRazorpay.amount_refunded} of its credited payment ${only.id} (${atRazorpay.amount}): expected ${expected}` });
          }
        }
      }
    } else if (right.length > 0 && (order.status === "expired" || order.status === "cancelled")) {
      // A late payment on an order whose stock is gone is refunded, by rule, instead of credited.
      if (creditedHere.length > 0) paidOnce.push({ orderId: order.id, detail: `${order.status} yet has credited payment ${creditedHere[0].id}` });
      for (const payment of right) {
        const refundsHere = refundsByPayment.get(payment.id) ?? [];
        if (!refundsHere.some((refund) => refund.reason === "order_expired")) {
          paidOnce.push({ orderId: order.id, detail: `${order.status}, yet Razorpay captured ${payment.id} for its full amount and it was neither credited nor refunded as a late payment (refunds: ${refundsHere.map((r) => `${r.reason}/${r.status}`).join(", ") || "none"})` });
        }
      }
    } else if (right.length > 0) {
      paidOnce.push({ orderId: order.id, detail: `paid at Razorpay (${right.map((p) => p.id).join(", ")}) but ${order.status} here, expires_at ${order.expires_at.toISOString()}` });
    } else {
      if (PAID_HERE.has(order.status)) unpaidInTime.push({ orderId: order.id, detail: `${order.status} here without a captured payment for ${order.total} ${order.currency} at Razorpay` });
      else if (creditedHere.length > 0) unpaidInTime.push({ orderId: order.id, detail: `${order.status} with credited payment ${creditedHere[0].id}` });
      else if (order.status === "pending" && order.expires_at <= now) unpaidInTime.push({ orderId: order.id, detail: `pending ${Math.round((now.getTime() - order.expires_at.getTime()) / 1000)} s past its expires_at` });
      else if (!["pending", "expired", "cancelled"].includes(order.status)) unpaidInTime.push({ orderId: order.id, detail: `unexpected status ${order.status}` });
    }

    // Every captured payment that is not the order's credited one must be refunded exactly once:
    // one refund decided here; at Razorpay one refund of the whole payment once it was sent, and
    // none while it waits to be sent (whether it waits too long is the stuck-refund check).
    // A right-amount payment on a pending order should have been credited: the first check says so.
    const creditedId = PAID_HERE.has(order.status) ? order.paid_payment_id : null;
    const shouldBeRefunded = (payment: RzpPayment) => payment.id !== creditedId && !(order.status === "pending" && rightAmount(payment, order));
    for (const payment of captured.filter(shouldBeRefunded)) {
      extras++;
      const refundsHere = refundsByPayment.get(payment.id) ?? [];
      const refundsThere = rzp?.refunds.get(payment.id) ?? [];
      const refundedThere = refundsThere.reduce((sum, refund) => sum + refund.amount, 0);
      const why = payment.amount !== order.total ? `a ${payment.amount} payment on a ${order.total} order` : order.status === "expired" || order.status === "cancelled" ? `a late payment on a ${order.status} order` : "a second payment";
      const waiting = refundsHere.length === 1 && refundsHere[0].status === "requested";
      const refundedOnce = waiting ? refundsThere.length === 0 : refundsThere.length === 1 && refundedThere === payment.amount;
      if (refundsHere.length !== 1 || !refundedOnce) {
        extraRefunded.push({
          orderId: order.id,
          detail: `${payment.id} (${why}) has ${refundsHere.length} refund rows here (${refundsHere.map((r) => `${r.reason}/${r.status}`).join(", ") || "none"}) and ${refundsThere.length} refunds at Razorpay totalling ${refundedThere} of ${payment.amount}`,
        });
      }
    }
  }

  for (const rzp of razorpay) {
    if (!matched.has(rzp.id)) unpaidInTime.push({ detail: `Razorpay order ${rzp.id} (receipt ${rzp.receipt}) matches no order here` });
  }

  const paymentAtRazorpay = new Map(razorpay.flatMap((order) => order.payments.map((payment) => [payment.id, payment] as const)));
  for (const refund of refunds) {
    const age = now.getTime() - refund.created_at.getTime();
    const dueBeforeRun = refund.next_attempt_at <= reconciledAt;
    if (refund.status === "requested" && (refund.attempts >= REFUND_ATTEMPTS_BOUND || age > REFUND_AGE_BOUND_MS || dueBeforeRun)) {
      const why = dueBeforeRun ? "was due before the reconciliation run and is" : "is";
      stuckRefunds.push({ orderId: refund.order_id, detail: `refund ${refund.id} (${refund.reason}) of ${refund.payment_id} ${why} still requested after ${refund.attempts} attempts, ${Math.round(age / 1000)} s: ${refund.last_error ?? "no error recorded"}` });
    }
    const payment = paymentAtRazorpay.get(refund.payment_id);
    if (refund.status === "failed" && payment && payment.amount_refunded < payment.amount) {
      stuckRefunds.push({ orderId: refund.order_id, detail: `refund ${refund.id} (${refund.reason}) of ${refund.payment_id} failed (${refund.failure_reason ?? refund.last_error}); Razorpay still holds ${payment.amount - payment.amount_refunded}` });
    }
  }

  const stock = await checkStock(client, initialStock);
  const webhooks = await checkWebhookEvents(client);

  const invariants: InvariantResult[] = [
    { name: "paid at Razorpay ⇒ paid here with exactly one credited payment", violations: paidOnce },
    { name: "otherwise pending within its time limit, expired or cancelled", violations: unpaidInTime },
    { name: "stock = initial − held by paid and pending orders", violations: stock },
    { name: "every webhook event processed or dead", violations: webhooks.violations },
    { name: "no refund stuck", violations: stuckRefunds },
    { name: "every extra captured payment refunded exactly once", violations: extraRefunded },
  ];
  return {
    invariants,
    ordersByStatus: countBy(orders, (order) => order.status),
    refundsByReasonAndStatus: countBy(refunds, (refund) => `${refund.reason}/${refund.status}`),
    webhookEventsByStatus: webhooks.byStatus,
    capturedPayments: { credited, extraRefunded: extras - extraRefunded.length, total: capturedTotal, refundWaiting: refunds.filter((refund) => refund.status === "requested").length },
    ok: invariants.every((invariant) => invariant.violations.length === 0),
  };
}

/**
 * Stock is conserved per variant (initial − what holding orders hold), and each product's price
 * and stock are still the aggregates of its variants (lowest price, total stock).
 */
async function checkStock(client: pg.Pool, initialStock: Map<string, number>): Promise<Violation[]> {
  const variants = (await client.query<{ id: string; sku: string; stock: number }>("SELECT id, sku, stock FROM product_variants")).rows;
  const held = (
    await client.query<{ variant_id: string; status: string; quantity: string }>(
      "SELECT i.variant_id, o.status::text AS status, sum(i.quantity) AS quantity FROM order_items i JOIN orders o ON o.id = i.order_id GROUP BY 1, 2",
    )
  ).rows;
  const violations: Violation[] = [];
  for (const variant of variants) {
    const initial = initialStock.get(variant.id);
    if (initial === undefined) continue;
    const holding = held.filter((row) => row.variant_id === variant.id && HOLDS_STOCK.has(row.status)).reduce((sum, row) => sum + Number(row.quantity), 0);
    if (variant.stock !== initial - holding) {
      const detail = held.filter((row) => row.variant_id === variant.id).map((row) => `${row.status} ${row.quantity}`).join(", ");
      violations.push({ detail: `${variant.sku}: stock ${variant.stock}, expected ${initial} − ${holding} = ${initial - holding} (ordered: ${detail})` });
    }
  }
  const drifted = (
    await client.query<{ slug: string; price: number; stock: number; min_price: number; total_stock: number }>(
      `SELECT p.slug, p.price, p.stock, min(v.price) AS min_price, sum(v.stock)::int AS total_stock
       FROM products p JOIN product_variants v ON v.product_id = p.id GROUP BY p.id HAVING p.price <> min(v.price) OR p.stock <> sum(v.stock)`,
    )
  ).rows;
  for (const product of drifted) violations.push({ detail: `${product.slug}: price ${product.price} / stock ${product.stock}, variants say ${product.min_price} / ${product.total_stock}` });
  return violations;
}

async function checkWebhookEvents(client: pg.Pool): Promise<{ violations: Violation[]; byStatus: Record<string, number> }> {
  const byStatus = Object.fromEntries(
    (await client.query<{ status: string; count: string }>("SELECT status::text AS status, count(*) FROM webhook_events GROUP BY 1")).rows.map((row) => [row.status, Number(row.count)]),
  );
  const open = (
    await client.query<{ id: string; event: string; status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
      "SELECT id, event, status::text AS status, attempts, next_attempt_at, last_error FROM webhook_events WHERE status NOT IN ('processed', 'dead') ORDER BY received_at",
    )
  ).rows;
  const violations = open.map((event) => ({
    detail: `${event.id} ${event.event} ${event.status} after ${event.attempts} attempts, next at ${event.next_attempt_at.toISOString()}: ${event.last_error ?? "no error"}`,
  }));
  return { violations, byStatus };
}

/** The audit trail of an order, for the report of a violation. */
export async function auditTrail(client: pg.Pool, orderId: string): Promise<string[]> {
  const rows = (
    await client.query<{ created_at: Date; actor: string; actor_ref: string | null; action: string; payment_id: string | null; from_state: string | null; to_state: string | null; reason: string | null }>(
      "SELECT created_at, actor, actor_ref, action, payment_id, from_state, to_state, reason FROM order_events WHERE order_id = $1 ORDER BY id",
      [orderId],
    )
  ).rows;
  return rows.map(
    (row) =>
      `${row.created_at.toISOString().slice(11, 23)} ${row.actor}${row.actor_ref ? `(${row.actor_ref})` : ""} ${row.action}${row.payment_id ? ` ${row.payment_id}` : ""}${row.from_state || row.to_state ? ` ${row.from_state ?? ""}→${row.to_state ?? ""}` : ""}${row.reason ? ` — ${row.reason}` : ""}`,
  );
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
