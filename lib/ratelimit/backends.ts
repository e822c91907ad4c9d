import { createHash } from "node:crypto";
import { Redis as UpstashRedis } from "@upstash/redis";
import IORedis from "ioredis";
import IORedisMock from "ioredis-mock";
import type { Ratelimit } from "@upstash/ratelimit";
import type { RateLimitConfig } from "@/lib/config";
import { log } from "@/lib/log";

/** The client the limiter is given: @upstash/redis itself, or an ioredis connection behind the adapter below. */
export type LimiterRedis = ConstructorParameters<typeof Ratelimit>[0]["redis"];

export type BackendConfig = RateLimitConfig["backend"];

/** ioredis settings that keep a dead or slow Redis from adding latency: fail at once when not connected, give up a command after 100 ms. */
export const IOREDIS_OPTIONS = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 100, connectTimeout: 1_000 } as const;

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * @upstash/ratelimit 2.2.0's Lua scripts begin with `#!lua flags=allow-key-locking`, which Redis 7
 * rejects ("Unexpected flag in script shebang"). This gives the library the `evalsha`/`eval` it
 * calls, on ioredis, with that line removed. The library's own scripts run unchanged otherwise:
 * it asks for a script by the SHA of its original text; we answer with the stripped script's SHA,
 * learnt the first time the library falls back to `eval`.
 */
export function ioredisAdapter(client: IORedis): LimiterRedis {
  const strippedShaOf = new Map<string, string>();
  const strip = (script: string) => script.replace(/^#!lua[^\n]*\n/, "");
  // Without an offline queue, a command sent while the first connection is still being made
  // fails at once: until Redis has answered once, wait for it (briefly) instead.
  let firstConnection: Promise<void> | undefined = client.status === "ready" ? undefined : untilReady(client, FIRST_CONNECTION_WAIT_MS).then(() => void (firstConnection = undefined));
  const adapter = {
    async evalsha(sha: string, keys: string[], args: unknown[]) {
      if (firstConnection) await firstConnection;
      const stripped = strippedShaOf.get(sha);
      if (!stripped) throw new Error("NOSCRIPT the limiter's script is not loaded yet");
      return client.evalsha(stripped, keys.length, ...keys, ...args.map(String));
    },
    async eval(script: string, keys: string[], args: unknown[]) {
      if (firstConnection) await firstConnection;
      const body = strip(script);
      strippedShaOf.set(sha1(script), sha1(body));
      return client.eval(body, keys.length, ...keys, ...args.map(String));
    },
  };
  // The library types its client as @upstash/redis's Redis; it calls only the two members above
  // for the limits we configure (no dynamic limits, no deny lists, no analytics).
  return adapter as unknown as LimiterRedis;
}

/** How long a check waits for the very first connection; the limiter's own timeout (150 ms) still bounds the check. */
const FIRST_CONNECTION_WAIT_MS = 2_000;

/**
 * Resolves when the client is ready, fails to connect (Redis is down: no point waiting), or after
 * `ms`; commands then fail fast, under the route's outage policy.
 */
function untilReady(client: IORedis, ms: number): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise<void>((resolve) => {
    const events = ["ready", "error", "close"] as const;
    const done = () => {
      clearTimeout(timer);
      for (const event of events) client.off(event, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    for (const event of events) client.once(event, done);
  });
}

export interface Backend {
  kind: BackendConfig["kind"];
  redis: LimiterRedis;
  /** Resolves once the backend can answer (an eager connection, so the first request after boot does not fail). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createBackend(backend: BackendConfig): Backend {
  if (backend.kind === "upstash") {
    // No retries: the limiter's own timeout decides, under the route's outage policy.
    const redis = new UpstashRedis({ url: backend.url, token: backend.token, retry: false, enableTelemetry: false });
    return { kind: "upstash", redis, ready: async () => void (await redis.ping().catch(() => undefined)), close: async () => {} };
  }
  const client = backend.kind === "redis" ? new IORedis(backend.url, IOREDIS_OPTIONS) : new IORedisMock();
  let lastErrorLog = 0;
  client.on("error", (error: Error) => {
    // ioredis reconnects on its own; say so once every 10 s rather than for every attempt.
    if (Date.now() - lastErrorLog < 10_000) return;
    lastErrorLog = Date.now();
    log.warn("rate_limit_redis_error", { error: error.message });
  });
  return {
    kind: backend.kind,
    redis: ioredisAdapter(client),
    ready: () => untilReady(client, FIRST_CONNECTION_WAIT_MS),
    async close() {
      client.disconnect();
    },
  };
}
