import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";

const base = {
  DATABASE_URL: "postgresql://localhost/shop",
  RAZORPAY_KEY_ID: "rzp_test_AbCdEfGh123456",
  RAZORPAY_KEY_SECRET: "secret-secret",
  RAZORPAY_WEBHOOK_SECRET: "webhook-secret",
  NEXTAUTH_SECRET: "x".repeat(32),
  NEXTAUTH_URL: "https://shop.example.com/",
};

describe("sign-in configuration", () => {
  it("reads the session secret, the shop's address and the first admin", () => {
    const { auth } = parseConfig({ ...base, ADMIN_EMAIL: "Owner@Example.com", ADMIN_PASSWORD: "twelve chars!" });
    expect(auth.url).toBe("https://shop.example.com");
    expect(auth.firstAdmin).toEqual({ email: "owner@example.com", password: "twelve chars!" });
  });

  it("names NEXTAUTH_SECRET and NEXTAUTH_URL when they are missing, alongside the other variables", () => {
    expect(() => parseConfig({ DATABASE_URL: base.DATABASE_URL })).toThrow(/RAZORPAY_KEY_ID[\s\S]*NEXTAUTH_SECRET is not set[\s\S]*NEXTAUTH_URL is not set/);
  });

  it("refuses a session secret under 32 characters and an address that is not a URL", () => {
    expect(() => parseConfig({ ...base, NEXTAUTH_SECRET: "x".repeat(31) })).toThrow(/NEXTAUTH_SECRET must be at least 32 characters/);
    expect(() => parseConfig({ ...base, NEXTAUTH_URL: "shop.example.com" })).toThrow(/NEXTAUTH_URL must be the shop's public address/);
  });

  it("wants ADMIN_EMAIL and ADMIN_PASSWORD together, with a password of 12 characters or more", () => {
    expect(() => parseConfig({ ...base, ADMIN_EMAIL: "owner@example.com" })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD go together/);
    expect(() => parseConfig({ ...base, ADMIN_EMAIL: "owner@example.com", ADMIN_PASSWORD: "short" })).toThrow(/at least 12 characters/);
    expect(() => parseConfig({ ...base, ADMIN_EMAIL: "not an email", ADMIN_PASSWORD: "twelve chars!" })).toThrow(/ADMIN_EMAIL must be an email address/);
  });
});
