import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { queue } from "@/lib/queue/boss";
import { gatewayCallOutcomes } from "@/lib/razorpay/client";

export type CheckStatus = "ok" | "degraded" | "down" | "unknown";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  checks: {
    database: { status: CheckStatus; latencyMs?: number; error?: string };
    queue: { status: CheckStatus; workers: "internal" | "external"; ready?: number; oldestReadySeconds?: number | null; error?: string };
    razorpay: { status: CheckStatus; lastAnsweredAt: string | null; lastUnavailableAt: string | null; unavailableInARow: number };
  };
}

/** A probe that cannot get `SELECT 1` back in this long calls the database down (load balancers' probe timeouts are a few seconds). */
const DATABASE_TIMEOUT_MS = 2_000;
/** Queue figures are read at most this often per process (pg-boss refreshes them every 10 s anyway). */
const QUEUE_CACHE_MS = 5_000;
/** Jobs ready to run but waiting longer than this mean the workers are not keeping up (or not running). */
const QUEUE_LAG_SECONDS = 60;
/** Razorpay counts as unavailable after this many unanswered calls in a row, seen within the window. */
const GATEWAY_FAILURES = 3;
const GATEWAY_WINDOW_MS = 5 * 60_000;
const WORKED_QUEUES = ["webhook", "follow-up", "email"];

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

async function databaseCheck(): Promise<HealthReport["checks"]["database"]> {
  const started = performance.now();
  try {
    await withTimeout(db().$queryRaw`SELECT 1`, DATABASE_TIMEOUT_MS);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "down", error: error instanceof Error ? error.message.split("\n").at(-1) : String(error) };
  }
}

let queueCache: { at: number; check: Omit<HealthReport["checks"]["queue"], "workers"> } | undefined;

/** The queues' backlog as pg-boss's monitor last counted it: one small read, cached for a few seconds. */
async function queueCheck(now: number): Promise<HealthReport["checks"]["queue"]> {
  const workers = config().workers;
  if (queueCache && now - queueCache.at < QUEUE_CACHE_MS) return { ...queueCache.check, workers };
  let check: Omit<HealthReport["checks"]["queue"], "workers">;
  try {
    const queues = await withTimeout((await withTimeout(queue(), DATABASE_TIMEOUT_MS)).getQueues(WORKED_QUEUES), DATABASE_TIMEOUT_MS);
    const ready = queues.reduce((sum, q) => sum + q.readyCount, 0);
    const oldestReadySeconds = queues.reduce<number | null>((oldest, q) => (q.readyOldestSeconds === null ? oldest : Math.max(oldest ?? 0, q.readyOldestSeconds)), null);
    check = { status: (oldestReadySeconds ?? 0) > QUEUE_LAG_SECONDS ? "degraded" : "ok", ready, oldestReadySeconds };
  } catch (error) {
    check = { status: "down", error: error instanceof Error ? error.message : String(error) };
  }
  queueCache = { at: now, check };
  return { ...check, workers };
}

/** From the outcomes of the calls this process made lately: a probe never calls Razorpay itself. */
function razorpayCheck(now: number): HealthReport["checks"]["razorpay"] {
  const outcomes = gatewayCallOutcomes();
  const recentFailures = outcomes.unavailableInARow >= GATEWAY_FAILURES && outcomes.lastUnavailableAt !== null && now - outcomes.lastUnavailableAt.getTime() < GATEWAY_WINDOW_MS;
  const status: CheckStatus = recentFailures ? "degraded" : outcomes.lastAnsweredAt || outcomes.lastUnavailableAt ? "ok" : "unknown";
  return { status, lastAnsweredAt: outcomes.lastAnsweredAt?.toISOString() ?? null, lastUnavailableAt: outcomes.lastUnavailableAt?.toISOString() ?? null, unavailableInARow: outcomes.unavailableInARow };
}

/**
 * What a load balancer needs to know, cheaply enough to ask every few seconds: one `SELECT 1`,
 * the queue backlog at most every 5 s, and Razorpay judged from this process's recent calls.
 * Without the database the shop can do nothing (`down`); a lagging queue or an unanswering
 * Razorpay leave it serving (`degraded`).
 */
export async function health(now = Date.now()): Promise<HealthReport> {
  const [database, queueState] = await Promise.all([databaseCheck(), queueCheck(now)]);
  const checks = { database, queue: queueState, razorpay: razorpayCheck(now) };
  const status = database.status === "down" ? "down" : Object.values(checks).some((check) => check.status === "degraded" || check.status === "down") ? "degraded" : "ok";
  return { status, checks };
}
