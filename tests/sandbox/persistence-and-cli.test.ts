import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sandboxClient, sdkFor, startTestSandbox } from "./harness";

const directory = mkdtempSync(path.join(tmpdir(), "razorpay-sandbox-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("state file", () => {
  it("keeps orders, payments and refunds across a restart", async () => {
    const stateFile = path.join(directory, "state.json");
    const first = await startTestSandbox({ stateFile });
    const order = await sdkFor(first).orders.create({ amount: 2_000, currency: "INR", receipt: "persisted-1" });
    const { body } = await sandboxClient(first).pay(order.id, { outcome: "success" });
    const refund = await sdkFor(first).payments.refund(body.razorpay_payment_id, { amount: 500 });
    await first.close();
    const orderIds = readFileSync(stateFile, "utf8").trim().split("\n").map((line) => JSON.parse(line).orders?.order.id).filter(Boolean);
    expect(new Set(orderIds)).toEqual(new Set([order.id]));

    const second = await startTestSandbox({ stateFile });
    try {
      const rzp = sdkFor(second);
      expect(await rzp.orders.fetch(order.id)).toMatchObject({ status: "paid", amount_paid: 2_000 });
      expect((await rzp.orders.all({ receipt: "persisted-1" })).items[0].id).toBe(order.id);
      expect(await rzp.payments.fetch(body.razorpay_payment_id)).toMatchObject({ amount_refunded: 500, refund_status: "partial" });
      expect((await rzp.refunds.fetch(refund.id)).amount).toBe(500);
    } finally {
      await second.close();
    }
  });
});

function runCli(env: Record<string, string>, untilOutput?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/cli.ts"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", ...env },
    });
    let output = "";
    let signalled = false;
    // One SIGTERM only: output arriving after it must not send a second signal mid-shutdown.
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (untilOutput && !signalled && output.includes(untilOutput)) {
        signalled = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("cli", () => {
  it("names every missing or malformed variable and exits non-zero", async () => {
    const { code, output } = await runCli({ RAZORPAY_KEY_ID: "rzp_test_x", RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010/v1" });
    expect(code).toBe(1);
    expect(output).toContain("RAZORPAY_KEY_SECRET: is not set");
    expect(output).toContain("RAZORPAY_WEBHOOK_SECRET: is not set");
    expect(output).toContain('RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010/v1" has a path');
    expect(output).not.toContain("RAZORPAY_KEY_ID");
  });

  it("listens where RAZORPAY_SANDBOX_URL says and stops on SIGTERM", async () => {
    const { code, output } = await runCli(
      {
        RAZORPAY_KEY_ID: "rzp_test_x",
        RAZORPAY_KEY_SECRET: "secret",
        RAZORPAY_WEBHOOK_SECRET: "whsec",
        RAZORPAY_SANDBOX_URL: "http://127.0.0.1:0",
      },
      "checkout script:",
    );
    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(code).toBe(0);
  });
});
