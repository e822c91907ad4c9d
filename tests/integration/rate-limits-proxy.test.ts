import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS, windowMs } from "@/lib/ratelimit/limits";
import { burst, clearOfWindowEdge, expectAdmitted, startRateLimitedShop } from "../support/rate-limited-shop";
import { call, type Reply, type TestShop } from "../support/shop";

/** Behind a load balancer (TRUST_PROXY_HEADERS=1): the client is X-Forwarded-For's first address. */
let shop: TestShop;
beforeAll(async () => {
  shop = await startRateLimitedShop("rate-limits-proxy", { TRUST_PROXY_HEADERS: "1" });
});
afterAll(() => shop?.close());

const statusFrom = (forwardedFor: string) => call(shop, `/api/orders/${randomUUID()}/status?token=x`, { headers: { "x-forwarded-for": forwardedFor } });
const form = (fields: Record<string, string>, forwardedFor: string) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor }, body: new URLSearchParams(fields) });
const admittedOf = (replies: Reply[]) => replies.filter((reply) => reply.status !== 429).length;

describe("behind a trusted proxy", () => {
  it("counts by the first X-Forwarded-For address, whatever the proxies after it", async () => {
    const L = LIMITS.orderStatus.requests;
    await clearOfWindowEdge(windowMs(LIMITS.orderStatus.window));
    expectAdmitted(await burst("orderStatus", () => Promise.all(Array.from({ length: 2 * L }, (_, i) => statusFrom(`192.0.2.10, 10.0.0.${i % 200}`)))), L);
    expect((await statusFrom("192.0.2.11")).status).toBe(404);
  });

  it("limits password attempts per account, from however many addresses", async () => {
    const attempts = await Promise.all(Array.from({ length: 7 }, (_, i) => call(shop, "/api/auth/callback/credentials", form({ email: "Owner@Example.com", password: "guess number " + i }, `198.51.100.${i}`))));
    expect(admittedOf(attempts)).toBe(LIMITS.signInAccount.requests);
  });

  it("sends at most 3 magic links an hour to one address, and says how long to wait", async () => {
    const requests: Reply[] = [];
    for (let i = 0; i < 4; i++) requests.push(await call(shop, "/api/auth/signin/email", form({ email: "shopper@example.com" }, `203.0.113.${i}`)));
    expect(admittedOf(requests)).toBe(LIMITS.magicLink.requests);
    const refused = requests[3];
    expect(refused.status).toBe(429);
    // The sliding window's reset is the end of the current hour-long window (windows are aligned to the clock).
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(3600);
    expect(refused.body.error.message).toMatch(/^Too many requests: please wait \d+ (seconds|minutes) and try again\.$/);
  });
});
