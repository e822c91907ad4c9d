import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as exportOrders } from "@/app/admin/orders/export/route";
import { db } from "@/lib/db";
import { MAX_ATTEMPTS } from "@/lib/webhooks/inbox";
import { seedOrder } from "../support/admin-seed";
import { call, postJson, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
let orderId: string;
beforeAll(async () => {
  shop = await startShop();
  const order = await seedOrder({ status: "paid", subtotal: 100_000, createdAt: new Date(), flagReason: "test flag", payments: [{ id: "pay_AnonPaid000001", status: "captured", method: "card", credited: true }] });
  orderId = order.id;
  await db().webhookEvent.create({ data: { id: "evt_AnonDead000001", event: "payment.captured", rawBody: "{}", status: "dead", attempts: MAX_ATTEMPTS } });
});
afterAll(() => shop?.close());

/**
 * Every admin route asks the guard first: an anonymous request is refused with 401 JSON before its
 * input is even read (bad input included), and nothing changes. Signed-in behaviour is in
 * admin-routes.test.ts.
 */
describe("the admin's routes, to someone not signed in", () => {
  it("answer 401 JSON to reads, even with a malformed filter", async () => {
    for (const path of ["/api/admin/orders", "/api/admin/orders?pageSize=5000", `/api/admin/orders/${orderId}`, "/api/admin/orders/not-a-uuid"]) {
      const reply = await call(shop, path);
      expect(reply.status, path).toBe(401);
      expect(reply.body.error.code, path).toBe("unauthorized");
    }
  });

  it("refuse the CSV export with 401 JSON and no CSV", async () => {
    const response = await exportOrders(new NextRequest(`${shop.url}/admin/orders/export?status=paid`));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect((await response.json()).error.code).toBe("unauthorized");
  });

  it("refuse every action with 401 and change nothing", async () => {
    const refund = await postJson(shop, `/api/admin/orders/${orderId}/refunds`, { amount: 100, reason: "anonymous refund" }, { "idempotency-key": randomUUID() });
    const badRefund = await postJson(shop, `/api/admin/orders/${orderId}/refunds`, { amount: -1 });
    const resolve = await postJson(shop, `/api/admin/orders/${orderId}/resolve`, { note: "anonymous resolve" });
    const replay = await postJson(shop, "/api/admin/webhooks/evt_AnonDead000001/replay", {});
    for (const reply of [refund, badRefund, resolve, replay]) {
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe("unauthorized");
    }
    expect(await db().refund.count({ where: { orderId } })).toBe(0);
    expect((await db().order.findUniqueOrThrow({ where: { id: orderId } })).flagReason).toBe("test flag");
    expect((await db().webhookEvent.findUniqueOrThrow({ where: { id: "evt_AnonDead000001" } })).status).toBe("dead");
  });
});
