import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "../support/auth";
import { call, createProduct, customer, deliverWebhook, envelope, shippingAddress, startShop, type Reply, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

const EVIL = "https://evil.example";

/** The state-changing routes the shop's pages call, with a JSON body each would accept. */
function browserRoutes(productId: string): { method: string; path: string; body: unknown; headers?: Record<string, string> }[] {
  return [
    { method: "POST", path: "/api/cart/items", body: { productId, quantity: 1 } },
    { method: "PATCH", path: `/api/cart/items/${productId}`, body: { quantity: 2 } },
    { method: "DELETE", path: `/api/cart/items/${productId}`, body: undefined },
    { method: "POST", path: "/api/checkout", body: { customer, shippingAddress, items: [{ productId, quantity: 1 }] }, headers: { "idempotency-key": randomUUID() } },
    { method: "POST", path: "/api/payments/verify", body: { razorpay_order_id: "order_x", razorpay_payment_id: "pay_x", razorpay_signature: "0".repeat(64) } },
    { method: "POST", path: `/api/admin/orders/${randomUUID()}/refunds`, body: { amount: 100, reason: "test" }, headers: { "idempotency-key": randomUUID() } },
    { method: "POST", path: `/api/admin/orders/${randomUUID()}/resolve`, body: { note: "checked" } },
    { method: "POST", path: `/api/admin/webhooks/evt_${randomUUID().slice(0, 8)}/replay`, body: {} },
    { method: "POST", path: `/api/admin/emails/${randomUUID()}/resend`, body: {} },
    { method: "POST", path: "/api/admin/session/revoke", body: {} },
  ];
}

async function counts() {
  const { db } = await import("@/lib/db");
  return { carts: await db().cart.count(), items: await db().cartItem.count(), orders: await db().order.count(), refunds: await db().refund.count() };
}

function send(route: ReturnType<typeof browserRoutes>[number], headers: Record<string, string>, rawBody?: string): Promise<Reply> {
  const body = rawBody ?? (route.body === undefined ? undefined : JSON.stringify(route.body));
  return call(shop, route.path, { method: route.method, headers: { ...route.headers, ...headers }, body });
}

describe("cross-site requests to the routes the shop's pages call", () => {
  it("refuses a foreign Origin, Origin: null and Sec-Fetch-Site: cross-site with 403 JSON, and changes nothing", async () => {
    const product = await createProduct();
    const before = await counts();
    for (const route of browserRoutes(product.id)) {
      for (const headers of [{ origin: EVIL }, { origin: "null" }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
        const reply = await send(route, { "content-type": "application/json", ...headers });
        expect(reply.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(403);
        expect(reply.body.error).toEqual({ code: "cross_site_request", message: "This request came from another site and was refused. Use the shop's own pages." });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses the bodies a foreign page can send without CORS (text/plain, form-urlencoded, multipart) with 415 JSON, even without an Origin", async () => {
    const product = await createProduct();
    const before = await counts();
    for (const route of browserRoutes(product.id)) {
      for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
        const reply = await send(route, { "content-type": type }, JSON.stringify(route.body ?? {}));
        expect(reply.status, `${route.method} ${route.path} ${type}`).toBe(415);
        expect(reply.body.error.code).toBe("unsupported_media_type");
        expect(reply.body.error.message).toMatch(/is not accepted here: send application\/json$/);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("serves the same requests from the shop's own origin", async () => {
    const product = await createProduct();
    const reply = await call(shop, "/api/cart/items", { method: "POST", headers: { "content-type": "application/json", origin: shop.url, "sec-fetch-site": "same-origin" }, body: JSON.stringify({ productId: product.id, quantity: 1 }) });
    expect(reply.status).toBe(201);
    const checkout = await call(shop, "/api/checkout", { method: "POST", headers: { "content-type": "application/json", origin: shop.url, "idempotency-key": randomUUID() }, body: JSON.stringify({ customer, shippingAddress, items: [{ productId: product.id, quantity: 1 }] }) });
    expect(checkout.status).toBe(201);
  });
});

describe("next-auth's sign-in endpoints", () => {
  async function magicLinkRequest(origin: string): Promise<Reply> {
    const jar = new CookieJar();
    const csrf = await fetch(`${shop.url}/api/auth/csrf`);
    jar.absorb(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return call(shop, "/api/auth/signin/email", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), origin },
      body: new URLSearchParams({ email: `csrf-${randomUUID().slice(0, 8)}@example.com`, csrfToken, json: "true" }),
    });
  }

  it("accept their form posts from the shop's own pages", async () => {
    const reply = await magicLinkRequest(shop.url);
    expect(reply.status).toBe(200);
    expect(reply.body.url).toMatch(/^http.*\/api\/auth\/verify-request/);
    expect(reply.body.url).not.toContain("error=");
  });

  it("refuse the same form posted from another site", async () => {
    const reply = await magicLinkRequest(EVIL);
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("cross_site_request");
  });
});

describe("routes that are not called by browsers", () => {
  it("leave webhooks and cron to their signature and secret, whatever Origin says", async () => {
    const webhook = await deliverWebhook(shop, envelope("order.paid", {}));
    expect(webhook.status).toBeLessThan(400);
    const cron = await call(shop, "/api/cron/reconcile", { method: "POST", headers: { origin: EVIL, "sec-fetch-site": "cross-site" } });
    expect(cron.status).toBe(401);
  });
});
