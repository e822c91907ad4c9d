import { createHash } from "node:crypto";
import { Ratelimit } from "@upstash/ratelimit";
import { rateLimitConfig, type RateLimitConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { createBackend, type Backend } from "./backends";
import { LIMITS, type LimitName } from "./limits";

/** The limiter's own timeout: past it, the route's outage policy decides (ioredis gives up at 100 ms before that). */
export const LIMITER_TIMEOUT_MS = 150;

export type Outcome = "allowed" | "limited" | "fail_open" | "fail_closed";

export interface LimitResult {
  limit: number;
  remaining: number;
  /** When the window frees a request again, epoch milliseconds. */
  reset: number;
}

/**
 * One limiter over one backend: a @upstash/ratelimit sliding window per entry of LIMITS, scaled
 * by the configured multiplier. The algorithms are the library's; this only applies the policy.
 */
export class RateLimiter {
  private readonly limiters = new Map<LimitName, Ratelimit>();
  private readonly counts = new Map<string, number>();

  constructor(
    readonly backend: Backend,
    private readonly options: { multiplier: number; prefix: string; timeoutMs?: number },
  ) {}

  limitOf(name: LimitName): number {
    return LIMITS[name].requests * this.options.multiplier;
  }

  private limiter(name: LimitName): Ratelimit {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.backend.redis,
        limiter: Ratelimit.slidingWindow(this.limitOf(name), LIMITS[name].window),
        prefix: `${this.options.prefix}:${name}`,
        timeout: this.options.timeoutMs ?? LIMITER_TIMEOUT_MS,
        analytics: false,
        // No in-process cache of blocked clients: several instances must agree, and tests see Redis's answer.
        ephemeralCache: false,
      });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private count(name: LimitName, outcome: Outcome) {
    const key = `${name}.${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** How many checks ended each way, per limit ("checkout.fail_open": 3): for the dashboard and the audit. */
  counters(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * Counts one request of `identity` against `name`. Throws a 429 AppError (with the headers) over
   * the limit, a 503 when the limiter cannot answer and the limit fails closed; returns the
   * counts otherwise. Identities are hashed, so no email or address is stored in Redis or logged.
   */
  async check(name: LimitName, identity: string): Promise<LimitResult | undefined> {
    const client = createHash("sha256").update(identity).digest("base64url").slice(0, 22);
    let result: Awaited<ReturnType<Ratelimit["limit"]>> | undefined;
    let failure: string | undefined;
    try {
      result = await this.limiter(name).limit(client);
      if (result.reason === "timeout") failure = `no answer within ${this.options.timeoutMs ?? LIMITER_TIMEOUT_MS} ms`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure !== undefined || !result) {
      const policy = LIMITS[name].onOutage;
      this.count(name, policy === "open" ? "fail_open" : "fail_closed");
      log.warn(policy === "open" ? "rate_limit_fail_open" : "rate_limit_fail_closed", { limit: name, backend: this.backend.kind, error: failure });
      if (policy === "open") return undefined;
      throw new AppError("rate_limiter_unavailable", "This action is paused for a moment because a safety check is unavailable. Please try again in a minute.", undefined, { "retry-after": "30" });
    }
    const counts = { limit: result.limit, remaining: Math.max(0, result.remaining), reset: result.reset };
    if (result.success) {
      this.count(name, "allowed");
      return counts;
    }
    this.count(name, "limited");
    const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
    log.warn("rate_limited", { limit: name, client, retryAfterSeconds: retryAfter });
    const wait = retryAfter < 120 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`;
    throw new AppError("rate_limited", `Too many requests: please wait ${wait} and try again.`, undefined, { "retry-after": String(retryAfter), ...rateLimitHeaders(counts) });
  }

  async close() {
    await this.backend.close();
  }
}

export function rateLimitHeaders({ limit, remaining, reset }: LimitResult): Record<string, string> {
  return { "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": String(Math.ceil(reset / 1000)) };
}

/** In process there is no network to wait for, only a Lua interpreter in JavaScript (p99 ≈ 50 ms here, more on a script's first run). */
const IN_PROCESS_TIMEOUT_MS = 1_000;

export function createRateLimiter(settings: Pick<RateLimitConfig, "backend" | "multiplier" | "prefix">, timeoutMs?: number): RateLimiter {
  const timeout = timeoutMs ?? (settings.backend.kind === "memory" ? IN_PROCESS_TIMEOUT_MS : LIMITER_TIMEOUT_MS);
  return new RateLimiter(createBackend(settings.backend), { multiplier: settings.multiplier, prefix: settings.prefix, timeoutMs: timeout });
}

let shared: RateLimiter | undefined;

/** The process's limiter, from the configuration (lib/config.ts), made on first use. */
export function rateLimiter(): RateLimiter {
  if (!shared) {
    const settings = rateLimitConfig();
    shared = createRateLimiter(settings);
    if (settings.backend.kind === "memory" && process.env.NODE_ENV === "production") {
      log.warn("rate_limit_in_process", { note: "no REDIS_URL or UPSTASH_REDIS_REST_URL: each server instance counts on its own" });
    }
  }
  return shared;
}

/** Connects at start-up (instrumentation.ts), so the first request after boot finds the limiter ready. */
export async function warmUpRateLimiter(): Promise<void> {
  await rateLimiter().backend.ready();
}

/** Fail-open, fail-closed, limited and allowed checks since start, per limit: read by the dashboard or the audit. */
export function rateLimitCounters(): Record<string, number> {
  return shared ? shared.counters() : {};
}

