// Rate limits and cross-site refusal through the real Next.js server (`npm start` on the
// production build): what only that server does, its instrumentation writing each request's TCP
// peer (the client address) and the Host it was asked for.
import { randomUUID } from "node:crypto";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/ratelimit/limits";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { call, type TestShop } from "../support/shop";
import { ensureProductionBuild, startNextShop, type NextShop } from "./next-shop";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `test:next-rate-limits:${randomUUID()}`;

let database: TestDatabase;
let shop: NextShop;
let asTestShop: TestShop;

beforeAll(async () => {
  ensureProductionBuild();
  database = await createTestDatabase();
  shop = await startNextShop(database.url, { env: { REDIS_URL, RATE_LIMIT_MULTIPLIER: "1", RATE_LIMIT_PREFIX: PREFIX } });
  asTestShop = { url: shop.url } as TestShop;
}, 300_000);
afterAll(async () => {
  await shop?.stop();
  await database?.drop();
  const redis = new IORedis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("through next start", () => {
  it("counts a client by its TCP peer: forged X-Forwarded-For and peer headers do not buy more requests", async () => {
    const L = LIMITS.orderStatus.requests;
    // Ten at a time: a limiter slowed past its timeout by a loaded machine fails open for this route
    // (by policy), which would blur what this test is about: who is counted.
    const replies = [];
    for (let batch = 0; batch < (2 * L) / 10; batch++) {
      replies.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, j) => {
            const i = batch * 10 + j;
            return call(asTestShop, `/api/orders/${randomUUID()}/status?token=x`, { headers: { "x-forwarded-for": `203.0.113.${i}`, "x-shop-peer-address": `198.51.100.${i}` } });
          }),
        )),
      );
    }
    expect(replies.filter((reply) => reply.status !== 429)).toHaveLength(L);
    const refused = replies.find((reply) => reply.status === 429)!;
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("serves the shop's own origin and refuses another site's", async () => {
    const products = (await call(asTestShop, "/api/products")).body.products as { id: string; slug: string }[];
    // A seeded product sold in one variant, so its id alone names what to buy.
    const single = products.find((product) => product.slug === "garam-masala")!;
    const add = (origin: string) => call(asTestShop, "/api/cart/items", { method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ productId: single.id, quantity: 1 }) });
    expect((await add(shop.url)).status).toBe(201);
    const foreign = await add("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe("cross_site_request");
  });
});
