import { expect, it } from "vitest";

// Its own file: config() caches its first parse for the process, so this test owns the process
// environment and imports the module only after setting it.
it("the server's configuration check (config(), which instrumentation runs at start) refuses a wrong SHOP_* value, naming it", async () => {
  Object.assign(process.env, {
    DATABASE_URL: "postgresql://localhost/shop",
    RAZORPAY_KEY_ID: "rzp_test_AbCdEfGh123456",
    RAZORPAY_KEY_SECRET: "secret-secret",
    RAZORPAY_WEBHOOK_SECRET: "webhook-secret",
    NEXTAUTH_SECRET: "a-session-secret-of-at-least-32-characters",
    NEXTAUTH_URL: "https://shop.example.com",
    SHOP_GSTIN: "29-not-a-gstin",
  });
  const { config, ConfigError } = await import("@/lib/config");
  // Only the first call checks (it is the one at start-up, which stops the server).
  const refusal = (() => {
    try {
      config();
    } catch (error) {
      return error;
    }
  })();
  expect(refusal).toBeInstanceOf(ConfigError);
  expect((refusal as Error).message).toMatch(/SHOP_GSTIN must be a 15-character GSTIN/);
});
