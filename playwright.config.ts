import { defineConfig } from "@playwright/test";

/**
 * Browser tests drive Debian's Chromium (Playwright cannot download its own browsers offline)
 * against a production build served by tests/e2e/server.ts, with its own database and sandbox.
 * Set E2E_BASE_URL to run them against a shop that is already running instead.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : { command: `tsx tests/e2e/server.ts --port ${port}`, url: `${baseURL}/api/products`, timeout: 120_000, reuseExistingServer: false, stdout: "pipe", gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 } },
});
