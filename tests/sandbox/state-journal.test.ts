import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sandboxClient, sdkFor, startTestSandbox } from "./harness";

const directory = mkdtempSync(path.join(tmpdir(), "razorpay-sandbox-journal-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Creates `count` orders, `concurrency` in flight, and returns orders per second. */
async function createOrders(client: ReturnType<typeof sandboxClient>, count: number, offset: number, concurrency = 8): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = offset + next++;
        const { status } = await client.post("/v1/orders", { amount: 1_000 + index, currency: "INR", receipt: `bench-${index}` });
        if (status !== 200) throw new Error(`order ${index}: ${status}`);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

describe("state journal", () => {
  it("creates orders as fast at 4,000 orders as in the first few hundred, because it appends instead of rewriting", async () => {
    const stateFile = path.join(directory, "bench.jsonl");
    const sandbox = await startTestSandbox({ stateFile });
    try {
      const client = sandboxClient(sandbox);
      // Best of three windows on each side: other test files share the CPU, and a window they
      // slow down says nothing about the sandbox.
      const bestOfThree = async (offset: number) => Math.max(...[await createOrders(client, 150, offset), await createOrders(client, 150, offset + 150), await createOrders(client, 150, offset + 300)]);
      await createOrders(client, 300, 0); // warm-up: JIT, sockets
      const early = await bestOfThree(300);
      await createOrders(client, 3_250, 750);
      const late = await bestOfThree(4_000);
      // Rewriting the whole file made this ratio about 0.2 (336/s → 88/s); appending keeps it near 1.
      console.log(`sandbox order creation: ${early.toFixed(0)}/s early, ${late.toFixed(0)}/s at 4,000 orders (ratio ${(late / early).toFixed(2)})`);
      expect(late / early).toBeGreaterThan(0.5);
    } finally {
      await sandbox.close();
    }
    const second = await startTestSandbox({ stateFile });
    try {
      expect((await sandboxClient(second).get("/v1/orders?count=100")).body.items).toHaveLength(100);
      expect((await sdkFor(second).orders.all({ receipt: "bench-4449" })).items).toHaveLength(1);
      expect((await sdkFor(second).orders.all({ receipt: "bench-0" })).items).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 180_000); // the old whole-file rewrite needs minutes here, and should fail on the ratio, not the clock

  it("keeps the latest state of an entity changed many times, and the file stays proportional to the state", async () => {
    const stateFile = path.join(directory, "changes.jsonl");
    const first = await startTestSandbox({ stateFile });
    const client = sandboxClient(first);
    const order = await sdkFor(first).orders.create({ amount: 5_000, currency: "INR", receipt: "many-changes" });
    const { body } = await client.pay(order.id, { outcome: "success" });
    for (let i = 0; i < 5; i++) await sdkFor(first).payments.refund(body.razorpay_payment_id, { amount: 100 });
    await first.close();

    const second = await startTestSandbox({ stateFile });
    try {
      expect(await sdkFor(second).payments.fetch(body.razorpay_payment_id)).toMatchObject({ status: "captured", amount_refunded: 500, refund_status: "partial" });
      expect((await sdkFor(second).payments.fetchMultipleRefund(body.razorpay_payment_id)).items).toHaveLength(5);
      // Loading compacts: one line per entity (order, payment, 5 refunds) after the header.
      expect(readFileSync(stateFile, "utf8").trim().split("\n")).toHaveLength(1 + 1 + 1 + 5);
    } finally {
      await second.close();
    }
  });

  it("ignores a torn last line left by a process killed mid-write, and creates the state file's folder", async () => {
    const stateFile = path.join(directory, "not", "yet", "there.jsonl");
    const first = await startTestSandbox({ stateFile });
    const order = await sdkFor(first).orders.create({ amount: 2_000, currency: "INR", receipt: "before-the-tear" });
    await first.close();
    appendFileSync(stateFile, '{"orders":{"order":{"id":"order_torn"');

    const second = await startTestSandbox({ stateFile });
    try {
      expect(await sdkFor(second).orders.fetch(order.id)).toMatchObject({ receipt: "before-the-tear" });
    } finally {
      await second.close();
    }
  });

  it("reads a state file written in the earlier one-document format", async () => {
    const stateFile = path.join(directory, "v1.json");
    const order = { id: "order_V1Format000001", entity: "order", amount: 700, amount_paid: 0, amount_due: 700, currency: "INR", receipt: "v1", offer_id: null, status: "created", attempts: 0, notes: [], created_at: 1_700_000_000 };
    writeFileSync(stateFile, JSON.stringify({ version: 1, orders: [{ order, settings: { capture: "automatic", partialPayment: false } }], payments: [], refunds: [], refundKeys: [] }, null, 2));
    const sandbox = await startTestSandbox({ stateFile });
    try {
      expect(await sdkFor(sandbox).orders.fetch(order.id)).toMatchObject({ receipt: "v1", amount: 700 });
      expect(statSync(stateFile).size).toBeGreaterThan(0);
      expect(readFileSync(stateFile, "utf8").split("\n")[0]).toBe('{"sandboxJournal":2}');
    } finally {
      await sandbox.close();
    }
  });
});
