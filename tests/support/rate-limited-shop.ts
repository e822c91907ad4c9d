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
