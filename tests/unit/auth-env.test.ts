import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { GENERATED_ADMIN_EMAIL, ensureAuthSettings } from "@/scripts/env";

const NAMES = ["NEXTAUTH_SECRET", "NEXTAUTH_URL", "ADMIN_EMAIL", "ADMIN_PASSWORD"] as const;
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
});
afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("sign-in settings for a shop started with nothing configured", () => {
  it("generates the session secret and the first admin once into .env.local (owner-only), and a NEXTAUTH_URL for this port that it does not save", async () => {
    const envLocal = path.join(mkdtempSync(path.join(tmpdir(), "auth-env-")), ".env.local");
    const first = await ensureAuthSettings(3000, envLocal);
    expect(first.generated).toEqual(["NEXTAUTH_SECRET", "ADMIN_EMAIL", "ADMIN_PASSWORD"]);
    expect(first).toMatchObject({ url: "http://localhost:3000", adminEmail: GENERATED_ADMIN_EMAIL });
    const file = readFileSync(envLocal, "utf8");
    expect(file).toContain(`NEXTAUTH_SECRET=${process.env.NEXTAUTH_SECRET}`);
    expect(file).toContain(`ADMIN_PASSWORD=${process.env.ADMIN_PASSWORD}`);
    expect(file).not.toContain("NEXTAUTH_URL");
    expect(statSync(envLocal).mode & 0o777).toBe(0o600);

    // What it generated passes the configuration's own checks.
    const config = parseConfig({ ...process.env, DATABASE_URL: "postgresql://localhost/shop", RAZORPAY_KEY_ID: "rzp_test_AbCdEfGh123456", RAZORPAY_KEY_SECRET: "secret-secret", RAZORPAY_WEBHOOK_SECRET: "webhook-secret" });
    expect(config.auth.firstAdmin?.email).toBe(GENERATED_ADMIN_EMAIL);

    // The next start reads them back (as loadEnvFiles does) and generates nothing.
    delete process.env.NEXTAUTH_URL;
    const second = await ensureAuthSettings(3001, envLocal);
    expect(second.generated).toEqual([]);
    expect(second.url).toBe("http://localhost:3001");
    expect(readFileSync(envLocal, "utf8")).toBe(file);
  });

  it("leaves settings a person chose alone", async () => {
    const envLocal = path.join(mkdtempSync(path.join(tmpdir(), "auth-env-")), ".env.local");
    Object.assign(process.env, { NEXTAUTH_SECRET: "y".repeat(40), NEXTAUTH_URL: "https://shop.example.com", ADMIN_EMAIL: "owner@example.com", ADMIN_PASSWORD: "chosen password" });
    const settings = await ensureAuthSettings(3000, envLocal);
    expect(settings).toMatchObject({ generated: [], url: "https://shop.example.com", adminEmail: "owner@example.com" });
    expect(() => statSync(envLocal)).toThrow();
  });
});
