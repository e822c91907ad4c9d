// The logger inside the production build (`next build` + `npm start`): Next bundles server code,
// and a logger that needs a worker thread can break there. This one writes in-process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ensureProductionBuild, startNextShop, type NextShop } from "./next-shop";

let database: TestDatabase;
let shop: NextShop;

beforeAll(async () => {
  await ensureProductionBuild();
  database = await createTestDatabase();
  shop = await startNextShop(database.url, { poolSize: database.concurrent ? 5 : 1 });
}, 600_000);

afterAll(async () => {
  await shop?.stop();
  await database?.drop();
});

describe("logging under next start", () => {
  it("writes one JSON line per event with the request id it returns, and nothing a forged webhook carried", async () => {
    const body = JSON.stringify({ event: "payment.captured", payload: { payment: { entity: { email: "forger@example.com", card: { number: "4111111111111111" } } } } });
    const response = await fetch(`${shop.url}/api/webhooks/razorpay`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-razorpay-signature": "ab".repeat(32), "x-razorpay-event-id": "evt_NextStartForged1", "x-request-id": "next-start-check-01" },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toBe("next-start-check-01");
    const deadline = Date.now() + 10_000;
    let line: Record<string, unknown> | undefined;
    while (!line && Date.now() < deadline) {
      line = shop
        .output()
        .split("\n")
        .filter((text) => text.startsWith("{"))
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((entry) => entry.event === "webhook_rejected" && entry.requestId === "next-start-check-01");
      if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(line).toMatchObject({ level: 40, event: "webhook_rejected", reason: "bad_signature", eventId: "evt_NextStartForged1", requestId: "next-start-check-01" });
    expect(shop.output()).not.toContain("forger@example.com");
    expect(shop.output()).not.toContain("4111111111111111");
  });
});
