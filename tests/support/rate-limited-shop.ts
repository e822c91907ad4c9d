import { randomUUID } from "node:crypto";
import IORedis from "ioredis";
import { expect } from "vitest";
import { rateLimitCounters } from "@/lib/ratelimit/limiter";
import type { LimitName } from "@/lib/ratelimit/limits";
import { startShop, type TestShop } from "./shop";

/** The real Redis of this machine and CI. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * A test shop whose limits are the table as written (multiplier 1), counted in the real Redis under
 * a prefix of its own; closing it deletes that prefix's keys (never FLUSHALL).
 */
export async function startRateLimitedShop(name: string, env: Record<string, string> = {}): Promise<TestShop> {
  const prefix = `test:${name}:${randomUUID()}`;
  const shop = await startShop({ env: { REDIS_URL: TEST_REDIS_URL, RATE_LIMIT_PREFIX: prefix, RATE_LIMIT_MULTIPLIER: "1", ...env } });
  return {
    ...shop,
    async close() {
      await shop.close();
      const redis = new IORedis(TEST_REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

/**
 * Waits, if needed, until a burst of requests cannot straddle the edge of a `windowMs` window. The
 * library's windows are aligned to the clock, and just after an edge its sliding estimate rounds the
 * previous window's count down (60 becomes 59 at 1 % into the new window): a burst that straddles
 * an edge can be admitted one request beyond the limit. That is the algorithm's approximation, not
 * what these tests measure.
 */
export async function clearOfWindowEdge(windowMs: number, marginMs = 5_000): Promise<void> {
  const untilEdge = windowMs - (Date.now() % windowMs);
  if (untilEdge < marginMs) await new Promise((resolve) => setTimeout(resolve, untilEdge + 100));
}

/** A burst's replies, with the limiter's own tally of it for one limit (this process's counters). */
export interface Burst<T> {
  replies: T[];
  /** Checks the limiter admitted by its count. */
  counted: number;
  /** Checks that got no answer in time and were let through by the limit's outage policy. */
  failedOpen: number;
}

export async function burst<T>(name: LimitName, send: () => Promise<T[]>): Promise<Burst<T>> {
  const before = rateLimitCounters();
  const replies = await send();
  const after = rateLimitCounters();
  const grew = (outcome: string) => (after[`${name}.${outcome}`] ?? 0) - (before[`${name}.${outcome}`] ?? 0);
  return { replies, counted: grew("allowed"), failedOpen: grew("fail_open") };
}

/**
 * The limiter admitted `limit` of the burst by its count, and nothing else got through but checks
 * it could not answer in time. On two busy cores a burst of 120 can hold one Redis reply past
 * ioredis's 100 ms (it did in CI): a limit that fails open then admits that request, which is its
 * outage policy at work, not a miscount. Such a check may or may not have been counted in Redis
 * before the reply was dropped, so each one can also stand for one of `limit` the count admitted.
 * More than a few means the burst measured the timeouts, not the count.
 */
export function expectAdmitted(tally: Burst<{ status: number }>, limit: number) {
  expect(tally.failedOpen, "checks that timed out and failed open").toBeLessThanOrEqual(3);
  expect(tally.counted).toBeLessThanOrEqual(limit);
  expect(tally.counted).toBeGreaterThanOrEqual(limit - tally.failedOpen);
  expect(tally.replies.filter((reply) => reply.status !== 429)).toHaveLength(tally.counted + tally.failedOpen);
}
