import { afterEach, describe, expect, it, vi } from "vitest";

const base = {
  DATABASE_URL: "postgresql://localhost/shop",
  RAZORPAY_KEY_ID: "rzp_test_AbCdEfGh123456",
  RAZORPAY_KEY_SECRET: "secret-secret",
  RAZORPAY_WEBHOOK_SECRET: "webhook-secret",
  NEXTAUTH_SECRET: "x".repeat(32),
  NEXTAUTH_URL: "https://shop.example.com",
  // Issue 8: a production shop does not start without its encryption key.
  ENCRYPTION_KEY: "ab".repeat(32),
};
const original = { ...process.env };

/** lib/auth/mail.ts with a fresh configuration read from `env`, and a unique recipient to look for. */
async function mailWith(env: Record<string, string>) {
  for (const name of Object.keys(process.env)) if (!(name in original)) delete process.env[name];
  for (const name of ["SMTP_URL", "MAIL_FROM", "SHOP_URL"]) delete process.env[name];
  Object.assign(process.env, base, env);
  vi.resetModules();
  const to = `shopper-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const message = { to, subject: "Sign in", text: "Open https://shop.example.com/api/auth/callback/email?token=t", html: "<p>link</p>" };
  return { ...(await import("@/lib/auth/mail")), ...(await import("@/lib/email/send")), message };
}

afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in original)) delete process.env[name];
  Object.assign(process.env, original);
});

describe("sign-in mail without SMTP_URL", () => {
  it("goes to the development transport (the admin's mail viewer) in a demo shop", async () => {
    const { sendSignInMail, recentDevMail, message } = await mailWith({ NODE_ENV: "production", SHOP_MODE: "demo", RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010" });
    await sendSignInMail(message);
    expect(recentDevMail().find((mail) => mail.to === message.to)).toMatchObject({ subject: "Sign in", text: message.text });
  });

  it("is refused by a live production shop, which must send real mail", async () => {
    const { sendSignInMail, recentDevMail, message } = await mailWith({ NODE_ENV: "production", SHOP_MODE: "live" });
    await expect(sendSignInMail(message)).rejects.toThrow(/SMTP_URL is not set/);
    expect(recentDevMail().some((mail) => mail.to === message.to)).toBe(false);
  });
});
