import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const base = {
  DATABASE_URL: "postgresql://localhost/shop",
  RAZORPAY_KEY_ID: "rzp_test_AbCdEfGh123456",
  RAZORPAY_KEY_SECRET: "secret-secret",
  RAZORPAY_WEBHOOK_SECRET: "webhook-secret",
  NEXTAUTH_SECRET: "x".repeat(32),
  NEXTAUTH_URL: "https://shop.example.com",
};
const message = { to: "asha@example.com", subject: "Sign in", text: "Open https://shop.example.com/api/auth/callback/email?token=t", html: "<p>link</p>", link: "https://shop.example.com/api/auth/callback/email?token=t" };
const original = { ...process.env };

/** lib/auth/mail.ts with a fresh configuration read from `env`. */
async function mailWith(env: Record<string, string>) {
  for (const name of Object.keys(process.env)) if (!(name in original)) delete process.env[name];
  Object.assign(process.env, base, env);
  vi.resetModules();
  return import("@/lib/auth/mail");
}

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in original)) delete process.env[name];
  Object.assign(process.env, original);
});

describe("sign-in mail without SMTP_URL", () => {
  it("is written to the development mail folder in a demo shop", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "auth-mail-"));
    const { sendSignInMail } = await mailWith({ NODE_ENV: "production", SHOP_MODE: "demo", RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010", DEV_MAIL_DIR: directory });
    await sendSignInMail(message);
    const [file] = readdirSync(directory);
    expect(JSON.parse(readFileSync(path.join(directory, file), "utf8"))).toMatchObject({ to: message.to, subject: message.subject, text: message.text });
  });

  it("is refused by a live production shop, which must send real mail", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "auth-mail-"));
    const { sendSignInMail } = await mailWith({ NODE_ENV: "production", SHOP_MODE: "live", DEV_MAIL_DIR: directory });
    await expect(sendSignInMail(message)).rejects.toThrow(/SMTP_URL is not set/);
    expect(readdirSync(directory)).toEqual([]);
  });
});
