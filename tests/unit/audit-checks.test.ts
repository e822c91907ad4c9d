import { describe, expect, it } from "vitest";
import { evaluateHealth } from "@/lib/admin/health";
import type { DashboardMetrics } from "@/lib/admin/metrics";
import { checkConfiguration } from "@/lib/audit/config-checks";
import { exitCodeFor, type Finding } from "@/lib/audit/findings";
import { checkSecurityHeaders, MIN_HSTS_MAX_AGE_SECONDS } from "@/lib/audit/headers";
import { luhnValid, scanLogText } from "@/lib/audit/log-scan";
import { checkOperations, type OperationsReadings } from "@/lib/audit/operations";
import { checkMetrics } from "@/lib/audit/payment-metrics";
import { renderMarkdown, renderText } from "@/lib/audit/report";

const LIVE_ENV = {
  DATABASE_URL: "postgresql://shop:s3cret-password@db.internal:5432/shop",
  RAZORPAY_KEY_ID: "rzp_live_fake",
  RAZORPAY_KEY_SECRET: "k".repeat(24),
  RAZORPAY_WEBHOOK_SECRET: "w".repeat(32),
  CRON_SECRET: "c".repeat(32),
  NEXTAUTH_SECRET: "n".repeat(40),
  NEXTAUTH_URL: "https://shop.example",
};

const bySeverity = (findings: Finding[], severity: Finding["severity"]) => findings.filter((finding) => finding.severity === severity).map((finding) => finding.check);

describe("configuration checks", () => {
  it("passes a live configuration with strong, distinct secrets", () => {
    const { findings } = checkConfiguration(LIVE_ENV);
    expect(bySeverity(findings, "critical")).toEqual([]);
    expect(bySeverity(findings, "warning")).toEqual([]);
    expect(exitCodeFor(findings)).toBe(0);
  });

  it("reports the app's own refusals as critical: live keys with the sandbox, demo mode with live keys, a short NEXTAUTH_SECRET", () => {
    for (const [change, words] of [
      [{ RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010" }, /RAZORPAY_SANDBOX_URL cannot be used with live keys/],
      [{ SHOP_MODE: "demo" }, /SHOP_MODE=demo cannot be used with live keys/],
      [{ NEXTAUTH_SECRET: "short" }, /NEXTAUTH_SECRET must be at least 32/],
      [{ RAZORPAY_WEBHOOK_SECRET: undefined }, /RAZORPAY_WEBHOOK_SECRET is not set/],
    ] as const) {
      const { findings, config } = checkConfiguration({ ...LIVE_ENV, ...change });
      expect(config).toBeUndefined();
      expect(findings.some((finding) => finding.severity === "critical" && words.test(finding.message))).toBe(true);
    }
  });

  it("is critical when the webhook secret is the API key secret", () => {
    const { findings } = checkConfiguration({ ...LIVE_ENV, RAZORPAY_WEBHOOK_SECRET: LIVE_ENV.RAZORPAY_KEY_SECRET });
    expect(bySeverity(findings, "critical")).toEqual(["config.webhook-secret"]);
  });

  it("warns about short secrets, a missing CRON_SECRET, a password-less database with live keys and test keys", () => {
    expect(bySeverity(checkConfiguration({ ...LIVE_ENV, RAZORPAY_KEY_SECRET: "k".repeat(12), RAZORPAY_WEBHOOK_SECRET: "w".repeat(12), CRON_SECRET: "c".repeat(16) }).findings, "warning")).toEqual([
      "config.key-secret",
      "config.webhook-secret",
      "config.cron-secret",
    ]);
    expect(bySeverity(checkConfiguration({ ...LIVE_ENV, CRON_SECRET: undefined }).findings, "warning")).toEqual(["config.cron-secret"]);
    expect(bySeverity(checkConfiguration({ ...LIVE_ENV, CRON_SECRET: undefined, WORKERS: "external" }).findings, "warning")).toEqual(["config.cron-secret"]);
    expect(bySeverity(checkConfiguration({ ...LIVE_ENV, DATABASE_URL: "postgresql://postgres@db.internal:5432/shop" }).findings, "warning")).toEqual(["config.database-url"]);
    expect(bySeverity(checkConfiguration({ ...LIVE_ENV, RAZORPAY_KEY_ID: "rzp_test_ABCDEFGHIJKLMN", DATABASE_URL: "postgresql://postgres@localhost/shop" }).findings, "warning")).toEqual(["config.keys"]);
  });
});

const GOOD_PAGE = {
  "content-security-policy": "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "strict-transport-security": `max-age=${MIN_HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

describe("security header checks", () => {
  it("passes the reviewed set of headers on a page over https", () => {
    expect(bySeverity(checkSecurityHeaders("/checkout", "page", true, new Headers(GOOD_PAGE)), "ok").length).toBeGreaterThan(5);
    expect(exitCodeFor(checkSecurityHeaders("/checkout", "page", true, new Headers(GOOD_PAGE)))).toBe(0);
  });

  it("is critical without a CSP, without frame-ancestors, or without HSTS over https", () => {
    const without = (name: string) => new Headers(Object.fromEntries(Object.entries(GOOD_PAGE).filter(([key]) => key !== name)));
    expect(bySeverity(checkSecurityHeaders("/", "page", true, without("content-security-policy")), "critical")).toEqual(["headers./.csp"]);
    expect(bySeverity(checkSecurityHeaders("/", "page", true, without("strict-transport-security")), "critical")).toEqual(["headers./.hsts"]);
    expect(bySeverity(checkSecurityHeaders("/", "page", false, without("strict-transport-security")), "critical")).toEqual([]);
    const noFrameAncestors = new Headers({ ...GOOD_PAGE, "content-security-policy": "default-src 'self'; object-src 'none'" });
    expect(bySeverity(checkSecurityHeaders("/", "page", true, noFrameAncestors), "critical")).toEqual(["headers./.csp.frame-ancestors"]);
  });

  it("warns about object-src, unsafe-inline scripts, a short HSTS, and missing nosniff, Referrer-Policy or Permissions-Policy", () => {
    const weak = new Headers({ "content-security-policy": "script-src 'self' 'unsafe-inline'; frame-ancestors 'self'", "strict-transport-security": "max-age=300" });
    expect(bySeverity(checkSecurityHeaders("/", "page", true, weak), "warning")).toEqual([
      "headers./.csp.object-src",
      "headers./.csp.script-src",
      "headers./.hsts",
      "headers./.nosniff",
      "headers./.referrer-policy",
      "headers./.permissions-policy",
    ]);
  });

  it("asks an API route for nosniff and Referrer-Policy but not for a CSP", () => {
    const api = new Headers({ "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" });
    expect(exitCodeFor(checkSecurityHeaders("/api/products", "api", false, api))).toBe(0);
  });
});

describe("log scan", () => {
  it("finds Luhn-valid card numbers, grouped or not, and shows only their last four digits", () => {
    const leaks = scanLogText('{"msg":"paid","card":"4111 1111 1111 1111"}\n{"number":"5555-5555-5555-4444"}\ncard 378282246310005 ok');
    expect(leaks.map((leak) => [leak.line, leak.kind, leak.excerpt])).toEqual([
      [1, "card_number", "************1111"],
      [2, "card_number", "************4444"],
      [3, "card_number", "***********0005"],
    ]);
  });

  it("ignores timestamps, amounts, Razorpay ids and numbers that fail Luhn", () => {
    expect(luhnValid("4111111111111112")).toBe(false);
    const text = ['{"level":30,"time":1764140000000,"amount":129900,"orderId":"order_4111111111111111x"}', "payment pay_41111111111111114 for 4111111111111112", "reference 9876543210123"].join("\n");
    expect(scanLogText(text)).toEqual([]);
  });

  it("finds CVV-like fields, configured secrets and unmasked emails, but not masked ones", () => {
    const leaks = scanLogText(['{"cvv":"123"}', "card_code=4321", "signature with topsecretvalue42 inside", "sent to shopper@example.com", "sent to s***@example.com"].join("\n"), { secrets: ["topsecretvalue42", "short"] });
    expect(leaks.map((leak) => [leak.line, leak.kind])).toEqual([
      [1, "cvv"],
      [2, "cvv"],
      [3, "secret"],
      [4, "email"],
    ]);
    expect(JSON.stringify(leaks)).not.toContain("topsecretvalue42");
    expect(JSON.stringify(leaks)).not.toContain("shopper@");
  });
});

const quiet: OperationsReadings = { deadWebhooks: { count: 0, oldest: null }, stuckRefunds: { count: 0, amount: 0 }, unhandledFailedRefunds: { count: 0, amount: 0 }, failedEmails: 0, flaggedOrders: 0 };

describe("operations checks", () => {
  it("is clean with no backlog", () => expect(exitCodeFor(checkOperations(quiet))).toBe(0));

  it("is critical for dead webhooks, stuck or unhandled failed refunds; warns about failed emails and flagged orders", () => {
    expect(bySeverity(checkOperations({ ...quiet, deadWebhooks: { count: 2, oldest: new Date() } }), "critical")).toEqual(["ops.dead-webhooks"]);
    expect(bySeverity(checkOperations({ ...quiet, stuckRefunds: { count: 1, amount: 5000 } }), "critical")).toEqual(["ops.stuck-refunds"]);
    expect(bySeverity(checkOperations({ ...quiet, unhandledFailedRefunds: { count: 1, amount: 5000 } }), "critical")).toEqual(["ops.failed-refunds"]);
    expect(bySeverity(checkOperations({ ...quiet, failedEmails: 3, flaggedOrders: 1 }), "warning")).toEqual(["ops.failed-emails", "ops.flagged-orders"]);
  });
});

describe("metrics checks", () => {
  const metricsWith = (readings: Parameters<typeof evaluateHealth>[0]) => ({ health: evaluateHealth(readings) }) as DashboardMetrics;
  const calm = { recentSucceeded: 10, recentFailed: 1, oldestPendingWebhookSeconds: null, deadWebhooks: 0, flaggedLastHour: 0, uncapturedAuthorized: 0 };

  it("maps the dashboard's health rules: healthy ok, degraded warning, unhealthy critical", () => {
    expect(exitCodeFor(checkMetrics(metricsWith(calm)))).toBe(0);
    expect(bySeverity(checkMetrics(metricsWith({ ...calm, recentSucceeded: 5, recentFailed: 5 })), "warning")).toEqual(["metrics.payment_failure_rate"]);
    expect(bySeverity(checkMetrics(metricsWith({ ...calm, recentSucceeded: 1, recentFailed: 9 })), "critical")).toEqual(["metrics.payment_failure_rate"]);
  });
});

describe("report", () => {
  it("renders findings as text and as a Markdown table, escaping pipes", () => {
    const sections = [{ title: "Configuration", details: ["a | b"], findings: [{ severity: "critical" as const, check: "config.x", message: "bad | worse" }] }];
    expect(renderText(sections)).toContain("CRITICAL config.x: bad | worse");
    expect(renderText(sections)).toContain("Result: CRITICAL (1 critical, 0 warning(s), 0 ok).");
    const markdown = renderMarkdown(sections, new Date("2026-11-26T00:00:00Z"));
    expect(markdown).toContain("| CRITICAL | `config.x` | bad \\| worse |");
    expect(markdown).toContain("## Configuration");
  });
});
