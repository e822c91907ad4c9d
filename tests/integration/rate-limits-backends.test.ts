import { createHash, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RateLimitConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { createRateLimiter, type RateLimiter } from "@/lib/ratelimit/limiter";
import { LIMITS, windowMs } from "@/lib/ratelimit/limits";
import { clearOfWindowEdge } from "../support/rate-limited-shop";

/** The real Redis of this machine and CI; every key this file makes starts with PREFIX (never FLUSHALL). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `test:rate-limit-backends:${randomUUID()}`;
const TOKEN = randomUUID();

let redis: IORedis;
let upstash: Server;

/**
 * A small stand-in for Upstash's REST API in front of the real Redis: POST / with a command as a
 * JSON array, Bearer token, `{ result }` with strings base64-encoded when asked (as @upstash/redis
 * asks). Like Upstash, it accepts the library's `#!lua flags=` shebang (Redis 7 itself does not):
 * scripts are stored without it and found again under their original SHA.
 */
function startUpstashStandIn(): Promise<Server> {
  const shaOf = new Map<string, string>();
  const encode = (value: unknown, base64: boolean): unknown =>
    typeof value === "string" && base64 ? Buffer.from(value).toString("base64") : Array.isArray(value) ? value.map((item) => encode(item, base64)) : value;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: object) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, { error: "Unauthorized" });
    const base64 = request.headers["upstash-encoding"] === "base64";
    const run = async ([command, ...rest]: unknown[]): Promise<{ result?: unknown; error?: string }> => {
      const name = String(command).toLowerCase();
      const args = rest.map(String);
      try {
        if (name === "eval") {
          const body = args[0].replace(/^#!lua[^\n]*\n/, "");
          shaOf.set(createHash("sha1").update(args[0]).digest("hex"), createHash("sha1").update(body).digest("hex"));
          return { result: encode(await redis.call("eval", body, ...args.slice(1)), base64) };
        }
        if (name === "evalsha") {
          const sha = shaOf.get(args[0]);
          if (!sha) return { error: "NOSCRIPT No matching script. Please use EVAL." };
          return { result: encode(await redis.call("evalsha", sha, ...args.slice(1)), base64) };
        }
        return { result: encode(await redis.call(name, ...args), base64) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    const body = JSON.parse(Buffer.concat(chunks).toString()) as unknown[];
    // @upstash/redis pipelines concurrent commands: POST /pipeline with an array of commands.
    if (request.url?.startsWith("/pipeline")) return reply(200, await Promise.all((body as unknown[][]).map(run)));
    const single = await run(body);
    reply(single.error ? 400 : 200, single);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  redis = new IORedis(REDIS_URL);
  upstash = await startUpstashStandIn();
});
afterAll(async () => {
  await new Promise((resolve) => upstash?.close(resolve));
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const backends: [string, () => RateLimitConfig["backend"]][] = [
  ["self-hosted Redis (ioredis with the shebang adapter)", () => ({ kind: "redis", url: REDIS_URL })],
  ["Upstash REST (@upstash/redis, against a local stand-in over the real Redis)", () => ({ kind: "upstash", url: `http://127.0.0.1:${(upstash.address() as AddressInfo).port}`, token: TOKEN })],
  ["in process (ioredis-mock running the library's scripts)", () => ({ kind: "memory" })],
];

describe.each(backends)("the limiter on %s", (_, backend) => {
  let limiter: RateLimiter;
  beforeAll(async () => {
    // A generous timeout: this contract is about counting; outages have their own tests.
    limiter = createRateLimiter({ backend: backend(), multiplier: 1, prefix: `${PREFIX}:${randomUUID()}` }, 2_000);
    await limiter.backend.ready();
  });
  afterAll(() => limiter?.close());

  async function admitted(identity: string, count: number): Promise<number> {
    const outcomes = await Promise.allSettled(Array.from({ length: count }, () => limiter.check("signIn", identity)));
    for (const outcome of outcomes) if (outcome.status === "rejected") expect((outcome.reason as AppError).code).toBe("rate_limited");
    return outcomes.filter((outcome) => outcome.status === "fulfilled").length;
  }

  it("admits exactly L of 2L parallel checks, and says when to retry", async () => {
    const L = LIMITS.signIn.requests;
    await clearOfWindowEdge(windowMs(LIMITS.signIn.window));
    expect(await admitted("client-a", 2 * L)).toBe(L);
    const refusal = await limiter.check("signIn", "client-a").catch((error: AppError) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).headers).toMatchObject({ "x-ratelimit-limit": String(L), "x-ratelimit-remaining": "0" });
    expect(Number((refusal as AppError).headers!["retry-after"])).toBeGreaterThan(0);
  });

  it("counts each client on its own", async () => {
    expect(await admitted("client-b", 1)).toBe(1);
  });

  it("admits the client again once the window has passed", async () => {
    const later = Date.now() + 2 * windowMs(LIMITS.signIn.window) + 1_000;
    const clock = vi.spyOn(Date, "now").mockImplementation(() => later);
    try {
      expect(await admitted("client-a", 2 * LIMITS.signIn.requests)).toBe(LIMITS.signIn.requests);
    } finally {
      clock.mockRestore();
    }
  });
});
