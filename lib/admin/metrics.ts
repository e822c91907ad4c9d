import { z } from "zod";
import { db, Prisma } from "@/lib/db";
import { parseInput } from "@/lib/http";
import { evaluateHealth, type Health, type HealthReadings } from "./health";

/**
 * The admin dashboard's figures, computed in SQL over a chosen period. Every query is a tagged
 * template (values travel as bind parameters, never spliced into the text); money is integer
 * paise; counts are numbers. All queries read one REPEATABLE READ snapshot, so the figures agree
 * with each other even while payments arrive.
 *
 * Definitions (shown on the dashboard too):
 * - A payment belongs to the period in which we first recorded it (`payments.created_at`).
 * - Succeeded = captured, or captured then refunded. Success rate = succeeded ÷ (succeeded + failed)
 *   among attempts created in the period; attempts still `authorized` are left out (no outcome yet).
 * - Collected = amounts of credited payments (the one payment that paid each order). Net = collected
 *   minus processed refunds of credited payments made in the period. Refunds of payments we never
 *   credited (duplicates, late or mismatched payments) give back money we never counted.
 * - Orders: placed in the period, by their status now. Flagged: orders with an `order.flagged` audit
 *   event in the period, resolved since or not.
 */

/** India has kept one UTC offset, without daylight saving, since 1945: days and hours are IST. */
export const SHOP_TIME_ZONE = "Asia/Kolkata";
const SHOP_UTC_OFFSET = "+05:30";
export const DEFAULT_PERIOD_DAYS = 7;
export const MAX_PERIOD_DAYS = 366;
/** Up to this span the chart has one bar per hour, beyond it one per day. */
const HOURLY_BUCKETS_UP_TO_HOURS = 48;
/** Razorpay captures within seconds; an authorised payment older than this was not captured. */
export const UNCAPTURED_AFTER_MINUTES = 5;
const RECENT_FAILURE_WINDOW_MINUTES = 15;
const FLAGGED_WINDOW_MINUTES = 60;
const TOP_FAILURE_REASONS = 5;
/** The audit action lib/payments/apply.ts writes when a payment does not match its order. */
const FLAGGED_ACTION = "order.flagged";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const PAYMENT_METHODS = ["upi", "card", "netbanking", "wallet", "emi", "other"] as const;
export type PaymentMethodGroup = (typeof PAYMENT_METHODS)[number];

/**
 * Razorpay's `error_source` values (documented per method: cards, UPI, netbanking, wallets) in the
 * groups an owner acts on. Customer: they cancelled, mistyped, ran out of balance. Bank: the
 * issuing or receiving bank, the customer's UPI app, the card network or gateway. Business: our
 * integration or account. Anything else (Razorpay `internal`, missing) is other.
 */
export const FAILURE_SOURCE_GROUPS = {
  customer: ["customer"],
  bank: ["bank", "issuer_bank", "beneficiary_bank", "customer_psp", "gateway", "network"],
  business: ["business"],
} as const;
export const FAILURE_GROUPS = ["customer", "bank", "business", "other"] as const;
export type FailureGroup = (typeof FAILURE_GROUPS)[number];

export const ORDER_STATUSES = ["pending", "paid", "partially_refunded", "refunded", "expired", "cancelled"] as const;
export type OrderStatusName = (typeof ORDER_STATUSES)[number];
export const REFUND_STATUSES = ["requested", "pending", "processed", "failed"] as const;
export type RefundStatusName = (typeof REFUND_STATUSES)[number];

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
  bucket: "hour" | "day";
}

// ---------------------------------------------------------------------------------------------
// The period: `from` and `to` as ISO instants, or as dates (whole IST days, `to` included).

const blankIsAbsent = (value: unknown) => (value === "" || value === null ? undefined : value);

function edge(kind: "from" | "to") {
  return z.preprocess(
    blankIsAbsent,
    z
      .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `${kind} must be a date (2026-11-26) or a date and time with its offset (2026-11-26T10:00:00+05:30)` })
      .transform((value) => {
        if (value.length > 10) return new Date(value);
        const midnight = new Date(`${value}T00:00:00${SHOP_UTC_OFFSET}`);
        // A date as `to` means "up to the end of that day".
        return kind === "to" ? new Date(midnight.getTime() + DAY) : midnight;
      })
      .optional(),
  );
}

/** `to` defaults to now, `from` to 7 days before `to`; the period is checked once, defaults included. */
const periodInput = (now: Date) =>
  z
    .object({ from: edge("from"), to: edge("to") })
    .transform((input) => {
      const to = input.to ?? now;
      return { from: input.from ?? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY), to };
    })
    .superRefine(({ from, to }, ctx) => {
      if (from.getTime() >= to.getTime()) ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
      else if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) ctx.addIssue({ code: "custom", path: ["to"], message: `the period can be at most ${MAX_PERIOD_DAYS} days long` });
    });

/** Validates `from`/`to` (default: the last 7 days up to now); bad input is an `invalid_request` naming the field. */
export function parsePeriod(query: { from?: string | null; to?: string | null }, now = new Date()): Period {
  const { from, to } = parseInput(periodInput(now), query);
  const bucket = to.getTime() - from.getTime() <= HOURLY_BUCKETS_UP_TO_HOURS * HOUR ? "hour" : "day";
  return { from, to, bucket };
}

// ---------------------------------------------------------------------------------------------
// The figures.

export interface Rate {
  succeeded: number;
  failed: number;
  /** succeeded ÷ (succeeded + failed), between 0 and 1; null when there was no finished attempt. */
  successRate: number | null;
}

export interface MethodFigures extends Rate {
  method: PaymentMethodGroup;
  /** Every attempt created in the period, whatever its status. */
  attempts: number;
  /** Still authorised: no outcome yet. */
  authorized: number;
  /** Paise. */
  collected: number;
}

export interface VolumeBucket {
  /** Start of the hour or day (IST), ISO. */
  start: string;
  attempts: number;
  succeeded: number;
  failed: number;
  collected: number;
}

export interface DashboardMetrics {
  period: { from: string; to: string; bucket: "hour" | "day"; timeZone: string };
  generatedAt: string;
  currency: "INR";
  money: { collected: number; refunded: number; net: number };
  payments: Rate & { attempts: number; authorized: number; byMethod: MethodFigures[] };
  failures: { total: number; bySource: { group: FailureGroup; count: number }[]; topReasons: { reason: string; count: number }[] };
  refunds: { count: number; amount: number; byStatus: Record<RefundStatusName, { count: number; amount: number }> };
  /** `flagged`: orders flagged during the period (even if resolved since); `flaggedOpen`: flagged and not resolved, now. */
  orders: { placed: number; byStatus: Record<OrderStatusName, number>; flagged: number; flaggedOpen: number };
  uncaptured: { count: number; amount: number; oldestAt: string | null; olderThanMinutes: number };
  webhooks: {
    now: { pending: number; processing: number; dead: number; oldestPendingSeconds: number | null };
    period: { received: number; processed: number; dead: number; lagMs: { p50: number | null; p95: number | null } };
    rejected: { total: number; byReason: { reason: string; count: number }[] };
  };
  volume: VolumeBucket[];
  health: Health;
}

/** A timestamp parameter as the UTC wall-clock `timestamp` our columns store, whatever the session's time zone. */
const at = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const within = (column: Prisma.Sql, period: { from: Date; to: Date }) => Prisma.sql`${column} >= ${at(period.from)} AND ${column} < ${at(period.to)}`;
const SUCCEEDED = Prisma.sql`status IN ('captured', 'refunded')`;

const methodGroup = Prisma.sql`CASE WHEN lower(method) IN (${Prisma.join(PAYMENT_METHODS.filter((m) => m !== "other"))}) THEN lower(method) ELSE 'other' END`;
const sourceGroup = Prisma.sql`CASE
  WHEN error_source IN (${Prisma.join(FAILURE_SOURCE_GROUPS.customer)}) THEN 'customer'
  WHEN error_source IN (${Prisma.join(FAILURE_SOURCE_GROUPS.bank)}) THEN 'bank'
  WHEN error_source IN (${Prisma.join(FAILURE_SOURCE_GROUPS.business)}) THEN 'business'
  ELSE 'other' END`;

/** `sum()` of integers is a bigint; paise totals stay far below 2^53. */
const paise = (value: bigint | number | null) => Number(value ?? 0);
const rate = (succeeded: number, failed: number): Rate => ({ succeeded, failed, successRate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed) });

type MethodRow = { method: string; attempts: number; succeeded: number; failed: number; authorized: number; collected: bigint };
type CountRow = { key: string; count: number; amount: bigint };
type RefundRow = { status: string; count: number; amount: bigint; of_credited: bigint };
type NowRow = {
  pending: number;
  processing: number;
  dead: number;
  oldest_pending_seconds: number | null;
  uncaptured: number;
  uncaptured_amount: bigint;
  uncaptured_oldest: Date | null;
  recent_succeeded: number;
  recent_failed: number;
  flagged_last_hour: number;
};
type WebhookPeriodRow = { received: number; processed: number; dead: number; p50: number | null; p95: number | null };
type VolumeRow = { start: Date; attempts: number; succeeded: number; failed: number; collected: bigint };

export async function dashboardMetrics(period: Period, now = new Date()): Promise<DashboardMetrics> {
  const client = db();
  const unit = period.bucket;
  const step = unit === "hour" ? "1 hour" : "1 day";
  const [methods, failureGroups, failureReasons, refunds, orders, flagged, nowRow, webhookPeriod, rejected, volume] = await client.$transaction(
    [
      client.$queryRaw<MethodRow[]>`
        SELECT ${methodGroup} AS method,
          count(*)::int AS attempts,
          count(*) FILTER (WHERE ${SUCCEEDED})::int AS succeeded,
          count(*) FILTER (WHERE status = 'failed')::int AS failed,
          count(*) FILTER (WHERE status = 'authorized')::int AS authorized,
          coalesce(sum(amount) FILTER (WHERE credited), 0)::bigint AS collected
        FROM payments WHERE ${within(Prisma.sql`created_at`, period)}
        GROUP BY 1`,
      client.$queryRaw<CountRow[]>`
        SELECT ${sourceGroup} AS key, count(*)::int AS count, 0::bigint AS amount
        FROM payments WHERE status = 'failed' AND ${within(Prisma.sql`created_at`, period)}
        GROUP BY 1`,
      client.$queryRaw<CountRow[]>`
        SELECT coalesce(error_reason, 'unknown') AS key, count(*)::int AS count, 0::bigint AS amount
        FROM payments WHERE status = 'failed' AND ${within(Prisma.sql`created_at`, period)}
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${TOP_FAILURE_REASONS}`,
      client.$queryRaw<RefundRow[]>`
        SELECT r.status::text AS status, count(*)::int AS count, coalesce(sum(r.amount), 0)::bigint AS amount,
          coalesce(sum(r.amount) FILTER (WHERE p.credited), 0)::bigint AS of_credited
        FROM refunds r JOIN payments p ON p.id = r.payment_id
        WHERE ${within(Prisma.sql`r.created_at`, period)}
        GROUP BY r.status`,
      client.$queryRaw<CountRow[]>`
        SELECT status::text AS key, count(*)::int AS count, coalesce(sum(total), 0)::bigint AS amount
        FROM orders WHERE ${within(Prisma.sql`created_at`, period)}
        GROUP BY status`,
      // From the append-only audit trail: resolving a flag clears orders.flagged_at, not its history.
      client.$queryRaw<{ flagged: number; open: number }[]>`
        SELECT
          (SELECT count(DISTINCT order_id)::int FROM order_events WHERE action = ${FLAGGED_ACTION} AND ${within(Prisma.sql`created_at`, period)}) AS flagged,
          (SELECT count(*)::int FROM orders WHERE flagged_at IS NOT NULL) AS open`,
      client.$queryRaw<NowRow[]>`
        SELECT w.*, u.*, r.*, f.*
        FROM (
          SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE status = 'processing')::int AS processing,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            extract(epoch FROM ${at(now)} - min(received_at) FILTER (WHERE status IN ('pending', 'processing')))::float8 AS oldest_pending_seconds
          FROM webhook_events WHERE status IN ('pending', 'processing', 'dead')
        ) w, (
          SELECT count(*)::int AS uncaptured, coalesce(sum(amount), 0)::bigint AS uncaptured_amount, min(created_at) AT TIME ZONE 'UTC' AS uncaptured_oldest
          FROM payments WHERE status = 'authorized' AND created_at < ${at(new Date(now.getTime() - UNCAPTURED_AFTER_MINUTES * MINUTE))}
        ) u, (
          SELECT count(*) FILTER (WHERE ${SUCCEEDED})::int AS recent_succeeded, count(*) FILTER (WHERE status = 'failed')::int AS recent_failed
          FROM payments WHERE ${within(Prisma.sql`created_at`, { from: new Date(now.getTime() - RECENT_FAILURE_WINDOW_MINUTES * MINUTE), to: now })}
        ) r, (
          SELECT count(DISTINCT order_id)::int AS flagged_last_hour
          FROM order_events WHERE action = ${FLAGGED_ACTION} AND ${within(Prisma.sql`created_at`, { from: new Date(now.getTime() - FLAGGED_WINDOW_MINUTES * MINUTE), to: now })}
        ) f`,
      // Nearest-rank percentiles (percentile_disc): every reported lag is one an event really had.
      client.$queryRaw<WebhookPeriodRow[]>`
        SELECT count(*)::int AS received,
          count(*) FILTER (WHERE status = 'processed')::int AS processed,
          count(*) FILTER (WHERE status = 'dead')::int AS dead,
          percentile_disc(0.5) WITHIN GROUP (ORDER BY (extract(epoch FROM processed_at - received_at) * 1000)::float8) FILTER (WHERE status = 'processed' AND processed_at IS NOT NULL) AS p50,
          percentile_disc(0.95) WITHIN GROUP (ORDER BY (extract(epoch FROM processed_at - received_at) * 1000)::float8) FILTER (WHERE status = 'processed' AND processed_at IS NOT NULL) AS p95
        FROM webhook_events WHERE ${within(Prisma.sql`received_at`, period)}`,
      // Counted per day as the database's CURRENT_DATE saw it (UTC), so the period widens to whole days.
      client.$queryRaw<CountRow[]>`
        SELECT reason AS key, sum(count)::int AS count, 0::bigint AS amount
        FROM rejected_webhooks
        WHERE day >= ${at(period.from)}::date AND day <= (${at(period.to)} - interval '1 millisecond')::date
        GROUP BY reason ORDER BY 2 DESC, 1`,
      client.$queryRaw<VolumeRow[]>`
        WITH counted AS (
          SELECT date_trunc(${unit}, created_at AT TIME ZONE 'UTC', ${SHOP_TIME_ZONE}) AS start,
            count(*)::int AS attempts,
            count(*) FILTER (WHERE ${SUCCEEDED})::int AS succeeded,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            coalesce(sum(amount) FILTER (WHERE credited), 0)::bigint AS collected
          FROM payments WHERE ${within(Prisma.sql`created_at`, period)}
          GROUP BY 1
        ), buckets AS (
          SELECT generate_series(
            date_trunc(${unit}, ${period.from.toISOString()}::timestamptz, ${SHOP_TIME_ZONE}),
            ${period.to.toISOString()}::timestamptz - interval '1 millisecond',
            ${step}::interval) AS start
        )
        SELECT b.start, coalesce(c.attempts, 0)::int AS attempts, coalesce(c.succeeded, 0)::int AS succeeded,
          coalesce(c.failed, 0)::int AS failed, coalesce(c.collected, 0)::bigint AS collected
        FROM buckets b LEFT JOIN counted c ON c.start = b.start
        ORDER BY b.start`,
    ],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );

  const byMethod = PAYMENT_METHODS.map((method): MethodFigures => {
    const row = methods.find((candidate) => candidate.method === method);
    const figures = { attempts: row?.attempts ?? 0, authorized: row?.authorized ?? 0, collected: paise(row?.collected ?? 0) };
    return { method, ...figures, ...rate(row?.succeeded ?? 0, row?.failed ?? 0) };
  });
  const sum = (pick: (figures: MethodFigures) => number) => byMethod.reduce((total, figures) => total + pick(figures), 0);
  const collected = sum((figures) => figures.collected);

  const refundsByStatus = Object.fromEntries(
    REFUND_STATUSES.map((status) => {
      const row = refunds.find((candidate) => candidate.status === status);
      return [status, { count: row?.count ?? 0, amount: paise(row?.amount ?? 0) }];
    }),
  ) as Record<RefundStatusName, { count: number; amount: number }>;
  const refundedOfCredited = paise(refunds.find((row) => row.status === "processed")?.of_credited ?? 0);

  const ordersByStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, orders.find((row) => row.key === status)?.count ?? 0])) as Record<OrderStatusName, number>;
  const current = nowRow[0];
  const lag = webhookPeriod[0];
  const readings: HealthReadings = {
    recentSucceeded: current.recent_succeeded,
    recentFailed: current.recent_failed,
    oldestPendingWebhookSeconds: current.oldest_pending_seconds,
    deadWebhooks: current.dead,
    flaggedLastHour: current.flagged_last_hour,
    uncapturedAuthorized: current.uncaptured,
  };

  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString(), bucket: period.bucket, timeZone: SHOP_TIME_ZONE },
    generatedAt: now.toISOString(),
    currency: "INR",
    money: { collected, refunded: refundedOfCredited, net: collected - refundedOfCredited },
    payments: { attempts: sum((f) => f.attempts), authorized: sum((f) => f.authorized), ...rate(sum((f) => f.succeeded), sum((f) => f.failed)), byMethod },
    failures: {
      total: failureGroups.reduce((total, row) => total + row.count, 0),
      bySource: FAILURE_GROUPS.map((group) => ({ group, count: failureGroups.find((row) => row.key === group)?.count ?? 0 })),
      topReasons: failureReasons.map((row) => ({ reason: row.key, count: row.count })),
    },
    refunds: {
      count: refunds.reduce((total, row) => total + row.count, 0),
      amount: refunds.reduce((total, row) => total + paise(row.amount), 0),
      byStatus: refundsByStatus,
    },
    orders: { placed: orders.reduce((total, row) => total + row.count, 0), byStatus: ordersByStatus, flagged: flagged[0].flagged, flaggedOpen: flagged[0].open },
    uncaptured: { count: current.uncaptured, amount: paise(current.uncaptured_amount), oldestAt: current.uncaptured_oldest?.toISOString() ?? null, olderThanMinutes: UNCAPTURED_AFTER_MINUTES },
    webhooks: {
      now: { pending: current.pending, processing: current.processing, dead: current.dead, oldestPendingSeconds: current.oldest_pending_seconds === null ? null : Math.floor(current.oldest_pending_seconds) },
      period: { received: lag.received, processed: lag.processed, dead: lag.dead, lagMs: { p50: lag.p50 === null ? null : Math.round(lag.p50), p95: lag.p95 === null ? null : Math.round(lag.p95) } },
      rejected: { total: rejected.reduce((total, row) => total + row.count, 0), byReason: rejected.map((row) => ({ reason: row.key, count: row.count })) },
    },
    volume: volume.map((row) => ({ start: row.start.toISOString(), attempts: row.attempts, succeeded: row.succeeded, failed: row.failed, collected: paise(row.collected) })),
    health: evaluateHealth(readings),
  };
}
