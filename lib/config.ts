import { z } from "zod";
import { DEVELOPMENT_MULTIPLIER } from "./ratelimit/limits";
import { parseEncryptionKeys } from "./security/encryption";
import { shopDetails } from "./shop/details";

/**
 * Server configuration, read from the environment once and validated, so that a missing or
 * wrong setting stops the server at start-up with a message naming the variable to set.
 */
/** What every page may show, even the ones prerendered at build time, when no secrets are around. */
const publicSchema = z.object({
  SHOP_NAME: z.string().min(1).default("Chai & Chaat Co."),
  /** ISO 3166-1 alpha-2 codes the shop delivers to, comma-separated. */
  SHIP_TO_COUNTRIES: z
    .string()
    .default("IN")
    .transform((list) => list.split(",").map((code) => code.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, "SHIP_TO_COUNTRIES must list two-letter country codes, e.g. IN or IN,NP")).min(1, "SHIP_TO_COUNTRIES must name at least one country")),
});

/** Connections each server process keeps to PostgreSQL unless DATABASE_POOL_SIZE says otherwise. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

/** Page renders each server process runs at once (lib/server/page-admission.ts); more wait their turn. */
export const DEFAULT_PAGE_RENDER_CONCURRENCY = 4;

const schema = publicSchema
  .extend({
    DATABASE_URL: z.string({ error: "DATABASE_URL is not set: point it at PostgreSQL (for a demo shop on an embedded database: `npm run dev`, or `SHOP_MODE=demo npm start`)" }).url("DATABASE_URL must be a URL such as postgresql://user:password@host:5432/shop"),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(DEFAULT_DATABASE_POOL_SIZE),
    RAZORPAY_KEY_ID: z.string({ error: "RAZORPAY_KEY_ID is not set: use your Razorpay key id (for sandbox keys: `npm run dev`, or `SHOP_MODE=demo npm start`)" }).regex(/^rzp_(test|live)_[A-Za-z0-9]+$/, "RAZORPAY_KEY_ID must look like rzp_test_... or rzp_live_..."),
    RAZORPAY_KEY_SECRET: z.string({ error: "RAZORPAY_KEY_SECRET is not set" }).min(8, "RAZORPAY_KEY_SECRET is too short"),
    RAZORPAY_WEBHOOK_SECRET: z.string({ error: "RAZORPAY_WEBHOOK_SECRET is not set: it is the secret you entered for the webhook in the Razorpay dashboard" }).min(8, "RAZORPAY_WEBHOOK_SECRET is too short"),
    RAZORPAY_SANDBOX_URL: z.string().url("RAZORPAY_SANDBOX_URL must be a URL such as http://127.0.0.1:4010").optional(),
    CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters").optional(),
    ORDER_TTL_MINUTES: z.coerce.number().int().positive().default(30),
    RECONCILE_AFTER_MINUTES: z.coerce.number().int().nonnegative().default(5),
    PAGE_RENDER_CONCURRENCY: z.coerce.number().int().min(1, "PAGE_RENDER_CONCURRENCY must be at least 1").max(64, "PAGE_RENDER_CONCURRENCY must be at most 64").default(DEFAULT_PAGE_RENDER_CONCURRENCY),
    WORKERS: z.enum(["internal", "external"], { error: 'WORKERS must be "internal" (the app works the job queue) or "external" (`npm run worker` does; the app only enqueues)' }).default("internal"),
    SHOP_MODE: z.enum(["live", "demo"], { error: 'SHOP_MODE must be "live" or "demo"' }).default("live"),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // A production server pointed at the sandbox takes orders it can never be paid for: only a
    // shop that says it is a demo may do that.
    if (env.RAZORPAY_SANDBOX_URL && env.NODE_ENV === "production" && env.SHOP_MODE !== "demo") {
      ctx.addIssue({
        code: "custom",
        path: ["SHOP_MODE"],
        message: "SHOP_MODE must be demo when RAZORPAY_SANDBOX_URL is set in production: set SHOP_MODE=demo to run the sandbox shop, or unset RAZORPAY_SANDBOX_URL to take real payments",
      });
    }
    if (env.SHOP_MODE === "demo" && env.RAZORPAY_KEY_ID.startsWith("rzp_live_")) {
      ctx.addIssue({ code: "custom", path: ["SHOP_MODE"], message: "SHOP_MODE=demo cannot be used with live keys (rzp_live_...): a demo shop takes no real payments" });
    }
    if (env.RAZORPAY_SANDBOX_URL && env.RAZORPAY_KEY_ID.startsWith("rzp_live_")) {
      ctx.addIssue({
        code: "custom",
        path: ["RAZORPAY_SANDBOX_URL"],
        message: "RAZORPAY_SANDBOX_URL cannot be used with live keys (rzp_live_...): unset it to take real payments",
      });
    }
  });

export interface Config {
  databaseUrl: string;
  /** Connections per process. The embedded PGlite needs 1: its socket server mixes up concurrent connections' queries. */
  databasePoolSize: number;
  shopName: string;
  /** Page renders run at once in this process (PAGE_RENDER_CONCURRENCY); more wait their turn. */
  pageRenderConcurrency: number;
  razorpay: {
    keyId: string;
    keySecret: string;
    webhookSecret: string;
    /** Set only in sandbox mode: the local Razorpay stand-in the SDK and the checkout script talk to. */
    sandboxUrl: string | undefined;
    checkoutScriptUrl: string;
  };
  cronSecret: string | undefined;
  orderTtlMinutes: number;
  reconcileAfterMinutes: number;
  /** "internal": the app works the job queue itself; "external": `npm run worker` processes do, the app only enqueues. */
  workers: "internal" | "external";
  /** "demo": a sandbox shop (test keys, the local Razorpay stand-in, demo products). */
  shopMode: "live" | "demo";
  auth: AuthConfig;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Empty variables count as unset, as they do in most .env files. */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(withoutBlanks(env));
  const authResult = authSchema.safeParse(withoutBlanks(env));
  if (!result.success || !authResult.success) {
    const issues = [...(result.error?.issues ?? []), ...(authResult.error?.issues ?? [])];
    const lines = issues.map((issue) => {
      const variable = String(issue.path[0] ?? "");
      // Every line names its variable, even for zod's generic messages ("expected number").
      return `- ${issue.message.startsWith(variable) ? issue.message : `${variable}: ${issue.message}`}`;
    });
    throw new ConfigError(`The shop's configuration is incomplete:\n${lines.join("\n")}\nSee .env.example and the README.`);
  }
  const e = result.data;
  const sandboxUrl = e.RAZORPAY_SANDBOX_URL?.replace(/\/+$/, "");
  return {
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    shopName: e.SHOP_NAME,
    razorpay: {
      keyId: e.RAZORPAY_KEY_ID,
      keySecret: e.RAZORPAY_KEY_SECRET,
      webhookSecret: e.RAZORPAY_WEBHOOK_SECRET,
      sandboxUrl,
      checkoutScriptUrl: sandboxUrl ? `${sandboxUrl}/v1/checkout.js` : "https://checkout.razorpay.com/v1/checkout.js",
    },
    cronSecret: e.CRON_SECRET,
    orderTtlMinutes: e.ORDER_TTL_MINUTES,
    reconcileAfterMinutes: e.RECONCILE_AFTER_MINUTES,
    pageRenderConcurrency: e.PAGE_RENDER_CONCURRENCY,
    workers: e.WORKERS,
    shopMode: e.SHOP_MODE,
    auth: authConfigFrom(authResult.data),
  };
}

// ---- Sign-in (next-auth, issue 7). Kept in a block of its own, parsed beside the schema above. ----

const authSchema = z
  .object({
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is not set: it signs and encrypts sign-in sessions (`openssl rand -base64 32`; `npm run dev` generates one)" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters (`openssl rand -base64 32`)"),
    NEXTAUTH_URL: z.string({ error: "NEXTAUTH_URL is not set: the shop's public address, e.g. https://shop.example.com (sign-in links point there)" }).url("NEXTAUTH_URL must be the shop's public address, such as https://shop.example.com"),
    ADMIN_EMAIL: z.email("ADMIN_EMAIL must be an email address").optional(),
    ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must be at least 12 characters").optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["ADMIN_PASSWORD"], message: "ADMIN_EMAIL and ADMIN_PASSWORD go together: set both to create the first admin, or neither" });
    }
  });

export interface AuthConfig {
  secret: string;
  url: string;
  /** The admin made (or updated) at start-up; unset once the shop has its admins. */
  firstAdmin: { email: string; password: string } | undefined;
}

function authConfigFrom(e: z.output<typeof authSchema>): AuthConfig {
  return {
    secret: e.NEXTAUTH_SECRET,
    url: e.NEXTAUTH_URL.replace(/\/+$/, ""),
    firstAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD } : undefined,
  };
}

// ---- End of the sign-in block. ----

// ---- Encryption at rest (issue 8): its own block; the keys are parsed in lib/security/encryption. ----

/**
 * A production server does not start without ENCRYPTION_KEY (or with a malformed one): it would
 * fail at the first webhook instead. Elsewhere the key is checked when first used, and
 * `npm run dev` generates one.
 */
export function checkEncryptionConfig(env: Record<string, string | undefined>): void {
  if (env.NODE_ENV !== "production" && !env.ENCRYPTION_KEY) return;
  try {
    parseEncryptionKeys(withoutBlanks(env));
  } catch (error) {
    throw new ConfigError(`The shop's encryption configuration is incomplete:\n- ${(error as Error).message}\nSee .env.example and the README.`); // parseEncryptionKeys throws only Errors
  }
}

// ---- End of the encryption block. ----

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function config(): Config {
  if (!cached) {
    cached = parseConfig(process.env);
    mailConfig(); // email settings (block below) are validated at start-up with the rest
    checkEncryptionConfig(process.env);
    rateLimitConfig(); // and so are the rate limiter's (issue 8)
    shopDetails(); // and the shop's identity (legal name, GSTIN, address), which policy pages and invoices print
  }
  return cached;
}

/** The countries the shop delivers to (public: the checkout form lists them). */
export function shipToCountries(): string[] {
  return publicSchema.parse(withoutBlanks(process.env)).SHIP_TO_COUNTRIES;
}

/** The shop's name, which needs none of the secrets (the layout renders at build time too). */
export function shopName(): string {
  return publicSchema.parse(withoutBlanks(process.env)).SHOP_NAME;
}

// ---- Email (issue 7): the outbox's transport, sender and the shop's public address for links. ----

const MAIL_FROM_PATTERN = /^(?:"?([^"<>]*?)"?\s*<([^<>\s@]+@([^<>\s@]+))>|([^<>\s@"]+@([^<>\s@"]+)))$/;

const mailSchema = publicSchema
  .extend({
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465")
      .optional(),
    MAIL_FROM: z.string().regex(MAIL_FROM_PATTERN, 'MAIL_FROM must be an address such as orders@example.com or "Chai & Chaat Co." <orders@example.com>').optional(),
    SHOP_URL: z.string().url("SHOP_URL must be the shop's public address, such as https://shop.example.com").optional(),
    NEXTAUTH_URL: z.string().url().optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.SMTP_URL) return;
    if (!env.MAIL_FROM) ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "MAIL_FROM is not set: with SMTP_URL set, emails need a sender such as \"Chai & Chaat Co.\" <orders@example.com>" });
    // Real emails must not link shoppers to localhost.
    if (!env.SHOP_URL && !env.NEXTAUTH_URL) ctx.addIssue({ code: "custom", path: ["SHOP_URL"], message: "SHOP_URL is not set: with SMTP_URL set, emails link to order pages; set it to the shop's public address, such as https://shop.example.com" });
  });

export interface MailConfig {
  /** Unset: nothing is sent; messages go to the development mail viewer (the admin's Emails page). */
  smtpUrl: string | undefined;
  from: string;
  /** The right-hand side of every Message-ID we generate. */
  messageIdDomain: string;
  /** Absolute base for links in emails, without a trailing slash. */
  shopUrl: string;
}

export function parseMailConfig(env: Record<string, string | undefined>): MailConfig {
  const result = mailSchema.safeParse(withoutBlanks(env));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.message}`);
    throw new ConfigError(`The shop's email configuration is incomplete:\n${lines.join("\n")}\nSee .env.example and the README.`);
  }
  const e = result.data;
  const shopUrl = (e.SHOP_URL ?? e.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const from = e.MAIL_FROM ?? `"${e.SHOP_NAME.replace(/"/g, "")}" <orders@${new URL(shopUrl).hostname}>`;
  const match = MAIL_FROM_PATTERN.exec(from);
  return { smtpUrl: e.SMTP_URL, from, messageIdDomain: match?.[3] ?? match?.[5] ?? new URL(shopUrl).hostname, shopUrl };
}

/** Read on every use (it is cheap), so a process, or a test, sees the current SMTP settings. */
export function mailConfig(): MailConfig {
  return parseMailConfig(process.env);
}

// ---- Rate limits (issue 8): the limiter's backend and scale, validated on their own. ----

const rateLimitSchema = z
  .object({
    UPSTASH_REDIS_REST_URL: z.string().url("UPSTASH_REDIS_REST_URL must be the REST URL from the Upstash console, such as https://eu1-xyz.upstash.io").optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, "REDIS_URL must look like redis://127.0.0.1:6379 or rediss://user:password@host:6380").optional(),
    TRUST_PROXY_HEADERS: z.enum(["0", "1"], { error: "TRUST_PROXY_HEADERS must be 1 (behind a load balancer or on Vercel) or 0" }).default("0"),
    /** For load tests and test suites only: multiplies every limit (and the unpaid-order cap). */
    RATE_LIMIT_MULTIPLIER: z.coerce.number({ error: "RATE_LIMIT_MULTIPLIER must be a whole number of at least 1" }).int("RATE_LIMIT_MULTIPLIER must be a whole number of at least 1").min(1, "RATE_LIMIT_MULTIPLIER must be a whole number of at least 1").max(1_000_000).default(1),
    RATE_LIMIT_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,64}$/, "RATE_LIMIT_PREFIX may hold letters, digits, : _ and - (at most 64)").default("shop:ratelimit"),
    RAZORPAY_KEY_ID: z.string().optional(),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({ code: "custom", path: ["UPSTASH_REDIS_REST_TOKEN"], message: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together: set both (Upstash console, REST API) or neither" });
    }
    if (env.UPSTASH_REDIS_REST_URL && env.REDIS_URL) {
      ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "REDIS_URL and UPSTASH_REDIS_REST_URL are both set: the rate limiter uses one Redis, unset one of them" });
    }
    if (env.RATE_LIMIT_MULTIPLIER > 1 && env.RAZORPAY_KEY_ID?.startsWith("rzp_live_")) {
      ctx.addIssue({ code: "custom", path: ["RATE_LIMIT_MULTIPLIER"], message: "RATE_LIMIT_MULTIPLIER is for load tests and cannot be used with live keys (rzp_live_...): unset it" });
    }
  });

export interface RateLimitConfig {
  backend: { kind: "upstash"; url: string; token: string } | { kind: "redis"; url: string } | { kind: "memory" };
  trustProxyHeaders: boolean;
  /** RATE_LIMIT_MULTIPLIER, times 10 under `npm run dev` (NODE_ENV=development). */
  multiplier: number;
  prefix: string;
}

export function parseRateLimitConfig(env: Record<string, string | undefined>): RateLimitConfig {
  const result = rateLimitSchema.safeParse(withoutBlanks(env));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.message}`);
    throw new ConfigError(`The shop's rate-limit configuration is invalid:\n${lines.join("\n")}\nSee .env.example and the README.`);
  }
  const e = result.data;
  const backend: RateLimitConfig["backend"] =
    e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN ? { kind: "upstash", url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN } : e.REDIS_URL ? { kind: "redis", url: e.REDIS_URL } : { kind: "memory" };
  return { backend, trustProxyHeaders: e.TRUST_PROXY_HEADERS === "1", multiplier: e.RATE_LIMIT_MULTIPLIER * (e.NODE_ENV === "development" ? DEVELOPMENT_MULTIPLIER : 1), prefix: e.RATE_LIMIT_PREFIX };
}

let rateLimitCached: RateLimitConfig | undefined;

export function rateLimitConfig(): RateLimitConfig {
  rateLimitCached ??= parseRateLimitConfig(process.env);
  return rateLimitCached;
}
