import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const base = {
  DATABASE_URL: "postgresql://localhost/shop",
  RAZORPAY_KEY_ID: "rzp_test_AbCdEfGh123456",
  RAZORPAY_KEY_SECRET: "secret-secret",
  RAZORPAY_WEBHOOK_SECRET: "webhook-secret",
};

describe("configuration", () => {
  it("uses Razorpay's checkout.js and API unless a sandbox URL is set", () => {
    const config = parseConfig(base);
    expect(config.razorpay.sandboxUrl).toBeUndefined();
    expect(config.razorpay.checkoutScriptUrl).toBe("https://checkout.razorpay.com/v1/checkout.js");
  });

  it("points the checkout script at the sandbox in sandbox mode", () => {
    const config = parseConfig({ ...base, RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010/" });
    expect(config.razorpay.sandboxUrl).toBe("http://127.0.0.1:4010");
    expect(config.razorpay.checkoutScriptUrl).toBe("http://127.0.0.1:4010/v1/checkout.js");
  });

  it("cannot enable the sandbox with live keys", () => {
    expect(() => parseConfig({ ...base, RAZORPAY_KEY_ID: "rzp_live_fake", RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010" })).toThrow(/cannot be used with live keys/);
    expect(parseConfig({ ...base, RAZORPAY_KEY_ID: "rzp_live_fake" }).razorpay.keyId).toBe("rzp_live_fake");
  });

  it("names every missing variable", () => {
    try {
      parseConfig({});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      for (const name of ["DATABASE_URL", "RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET"]) expect((error as Error).message).toContain(name);
    }
  });

  it("treats empty variables as unset", () => {
    expect(parseConfig({ ...base, RAZORPAY_SANDBOX_URL: "" }).razorpay.sandboxUrl).toBeUndefined();
  });

  it("names the variable in every line, even for a generic type error", () => {
    expect(() => parseConfig({ ...base, ORDER_TTL_MINUTES: "half an hour" })).toThrow(/- ORDER_TTL_MINUTES: /);
    expect(() => parseConfig({ ...base, DATABASE_URL: "not a url" })).toThrow(/- DATABASE_URL must be a URL/);
    expect(() => parseConfig({ ...base, SHOP_MODE: "staging" })).toThrow(/SHOP_MODE must be "live" or "demo"/);
  });

  it("refuses the sandbox in production unless the shop says it is a demo", () => {
    const sandbox = { ...base, RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010", NODE_ENV: "production" };
    expect(() => parseConfig(sandbox)).toThrow(/SHOP_MODE must be demo when RAZORPAY_SANDBOX_URL is set in production/);
    expect(parseConfig({ ...sandbox, SHOP_MODE: "demo" })).toMatchObject({ shopMode: "demo", razorpay: { sandboxUrl: "http://127.0.0.1:4010" } });
    // next dev and the tests run the sandbox without saying so.
    expect(parseConfig({ ...sandbox, NODE_ENV: "development" }).shopMode).toBe("live");
  });

  it("is live unless told otherwise, and a demo never takes live keys", () => {
    expect(parseConfig({ ...base, NODE_ENV: "production" }).shopMode).toBe("live");
    expect(() => parseConfig({ ...base, RAZORPAY_KEY_ID: "rzp_live_fake", SHOP_MODE: "demo" })).toThrow(/SHOP_MODE=demo cannot be used with live keys/);
  });
});
