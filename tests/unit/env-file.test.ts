import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureSandboxCredentials } from "@/scripts/env";

const directory = mkdtempSync(path.join(tmpdir(), "storefront-env-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const GENERATED = ["RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET", "RAZORPAY_SANDBOX_URL", "CRON_SECRET"];
let saved: Record<string, string | undefined>;
beforeEach(() => {
  saved = Object.fromEntries(GENERATED.map((name) => [name, process.env[name]]));
  for (const name of GENERATED) delete process.env[name];
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe(".env.local with generated sandbox keys", () => {
  it("is created readable and writable by its owner only", async () => {
    const file = path.join(directory, "new.env.local");
    expect(await ensureSandboxCredentials(file)).toBe(true);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^RAZORPAY_KEY_ID=rzp_test_\w+$/m);
  });

  it("is made owner-only when the keys are appended to a file others could read", async () => {
    const file = path.join(directory, "existing.env.local");
    writeFileSync(file, "SHOP_NAME=Mine\n", { mode: 0o644 });
    expect(mode(file)).toBe(0o644);
    await ensureSandboxCredentials(file);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, "utf8")).toMatch(/^SHOP_NAME=Mine\n[\s\S]*RAZORPAY_KEY_SECRET=/);
  });
});
