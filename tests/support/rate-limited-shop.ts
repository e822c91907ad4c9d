import { randomUUID } from "node:crypto";
import IORedis from "ioredis";
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
