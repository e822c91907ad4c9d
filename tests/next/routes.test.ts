// Every route handler in app/api, called at least once through the real Next.js server
// (`npm start` on the production build), with what only that server does: its router and
// proxy (malformed percent-encoding), instrumentation (configuration at start-up) and bodies.
import { readdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { call, deliverWebhook, envelope, pay, postJson, type Reply, type TestShop } from "../support/shop";
import { adminCookie } from "../support/auth";
import { pdfTextRuns } from "../support/pdf-text";
import { ensureProductionBuild, NEXT_SHOP_ADMIN, ROOT, runNextStart, runNpmStart, startNextShop, type NextShop } from "./next-shop";

/** "app/api/orders/[id]/status/route.ts" → "GET /api/orders/[id]/status", for each exported method. */
function routeHandlers(): string[] {
  const apiDir = path.join(ROOT, "app/api");
  const handlers: string[] = [];
  for (const file of readdirSync(apiDir, { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const routePath = `/api/${path.dirname(file).split(path.sep).join("/")}`;
    const source = readFileSync(path.join(apiDir, file), "utf8");
    for (const [, method] of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) {
      handlers.push(`${method} ${routePath}`);
    }
    // `export { handler as GET, handler as POST }` (next-auth's route) counts too.
    for (const [, names] of source.matchAll(/export \{([^}]*)\}/g)) {
      for (const [, method] of names.matchAll(/\bas (GET|POST|PUT|PATCH|DELETE)\b/g)) handlers.push(`${method} ${routePath}`);
    }
  }
  return handlers.sort();
}

const covered = new Set<string>();
/** Records that a test called `handler` through the real server, so the last test can check every handler was. */
function through(handler: string, reply: Reply): Reply {
  covered.add(handler);
  return reply;
}

let database: TestDatabase;
let shop: NextShop;
let asTestShop: TestShop;
let productId: string;
let cookie: string;

const checkoutBody = (overrides: { name?: string; line1?: string } = {}) => ({
  customer: { name: overrides.name ?? "Asha Verma", email: "asha@example.com", phone: "+91 98765 43210" },
  shippingAddress: { line1: overrides.line1 ?? "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560038", country: "IN" },
});

beforeAll(async () => {
  await ensureProductionBuild();
  database = await createTestDatabase();
  shop = await startNextShop(database.url, { poolSize: database.concurrent ? 5 : 1 });
  // The support helpers read only the shop's URL, the sandbox's URL and the keys.
  asTestShop = shop as unknown as TestShop;
}, 600_000);

afterAll(async () => {
  await shop?.stop();
  await database?.drop();
});

describe("every route handler through next start", () => {
  it("GET /api/products lists the seeded catalogue", async () => {
    const reply = through("GET /api/products", await call(asTestShop, "/api/products"));
    expect(reply.status).toBe(200);
    expect(reply.body.products.length).toBeGreaterThan(0);
    expect(reply.body.products[0]).toEqual({ id: expect.any(String), slug: expect.any(String), name: expect.any(String), price: expect.any(Number), currency: "INR", stock: expect.any(Number), image: expect.any(String) });
    // A product sold in one size, so its id alone names what goes in the cart (no variantId needed).
    productId = reply.body.products.find((product: { slug: string }) => product.slug === "garam-masala").id;
  });

  it("POST /api/cart/items adds to a new cart and sets its cookie", async () => {
    const reply = through("POST /api/cart/items", await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 }));
    expect(reply.status).toBe(201);
    expect(reply.body.cart.lines).toHaveLength(1);
    cookie = (reply.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/=/);
  });

  it("PATCH /api/cart/items/[productId] changes the quantity", async () => {
    const reply = through("PATCH /api/cart/items/[productId]", await call(asTestShop, `/api/cart/items/${productId}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ quantity: 2 }) }));
    expect(reply.status).toBe(200);
    expect(reply.body.cart.lines[0].quantity).toBe(2);
  });

  it("GET /api/cart shows the cookie's cart", async () => {
    const reply = through("GET /api/cart", await call(asTestShop, "/api/cart", { headers: { cookie } }));
    expect(reply.status).toBe(200);
    expect(reply.body.cart.lines[0]).toMatchObject({ quantity: 2 });
  });

  let order: { orderId: string; razorpayOrderId: string; statusUrl: string; amount: number };
  it("POST /api/checkout creates the order and its Razorpay order", async () => {
    const reply = through("POST /api/checkout", await postJson(asTestShop, "/api/checkout", checkoutBody(), { cookie, "idempotency-key": crypto.randomUUID() }));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ orderId: expect.any(String), razorpayOrderId: expect.stringMatching(/^order_/), amount: expect.any(Number), currency: "INR", keyId: shop.keys.keyId, statusUrl: expect.stringContaining("token=") });
    order = reply.body;
  });

  it("POST /api/payments/verify credits a payment made in the sandbox", async () => {
    const payment = await pay(asTestShop, order.razorpayOrderId, { outcome: "success" });
    const reply = through("POST /api/payments/verify", await postJson(asTestShop, "/api/payments/verify", { razorpay_order_id: payment.razorpay_order_id, razorpay_payment_id: payment.razorpay_payment_id, razorpay_signature: payment.razorpay_signature }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "paid" });
  });

  it("GET /api/orders/[id]/status reports the paid order", async () => {
    const reply = through("GET /api/orders/[id]/status", await call(asTestShop, new URL(order.statusUrl, shop.url).pathname + new URL(order.statusUrl, shop.url).search));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: "paid", amount: order.amount, amountPaid: order.amount, currency: "INR" });
    expect(reply.headers.get("cache-control")).toContain("no-store");
  });

  it("GET /api/orders/[id]/invoice sends the paid order's tax invoice as a PDF from the production build (pdfkit and its built-in fonts bundled)", async () => {
    const token = new URL(order.statusUrl, shop.url).searchParams.get("token")!;
    const invoiceUrl = `/api/orders/${order.orderId}/invoice?token=${encodeURIComponent(token)}`;
    const reply = through("GET /api/orders/[id]/invoice", await call(asTestShop, invoiceUrl));
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/pdf");
    expect(reply.headers.get("content-disposition")).toMatch(/^attachment; filename="INV-\d\d-\d\d-\d{6}\.pdf"$/);
    const pdf = Buffer.from(await (await fetch(new URL(invoiceUrl, shop.url))).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfTextRuns(pdf)).toContain("TAX INVOICE");
    const wrongToken = await call(asTestShop, `/api/orders/${order.orderId}/invoice?token=${encodeURIComponent(token.slice(1))}`);
    expect({ status: wrongToken.status, code: wrongToken.body.error.code }).toEqual({ status: 404, code: "not_found" });
  });

  it("GET /api/orders/[id]/credit-notes/[creditNoteId] answers a JSON 404 for a credit note the order does not have", async () => {
    const token = new URL(order.statusUrl, shop.url).searchParams.get("token")!;
    const reply = through("GET /api/orders/[id]/credit-notes/[creditNoteId]", await call(asTestShop, `/api/orders/${order.orderId}/credit-notes/00000000-0000-4000-8000-000000000000?token=${encodeURIComponent(token)}`));
    expect({ status: reply.status, code: reply.body.error.code }).toEqual({ status: 404, code: "not_found" });
  });

  it("POST /api/webhooks/razorpay acknowledges a signed event once", async () => {
    const event = envelope("payment.failed", { payment: { id: "pay_NextServer00001", entity: "payment", order_id: order.razorpayOrderId, amount: order.amount, currency: "INR", status: "failed" } });
    const first = through("POST /api/webhooks/razorpay", await deliverWebhook(asTestShop, event, { eventId: "evt_NextServer0001" }));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    expect((await deliverWebhook(asTestShop, event, { eventId: "evt_NextServer0001" })).body).toEqual({ received: true, duplicate: true });
    expect((await deliverWebhook(asTestShop, event, { secret: "not-the-webhook-secret" })).body.error.code).toBe("invalid_signature");
  });

  it("GET /api/health reports the database, the job queue and Razorpay (judged from the calls just made) for a load balancer", async () => {
    const reply = through("GET /api/health", await call(asTestShop, "/api/health"));
    expect(reply.status).toBe(200);
    expect(reply.headers.get("cache-control")).toContain("no-store");
    expect(reply.body).toMatchObject({
      status: "ok",
      checks: { database: { status: "ok" }, queue: { status: "ok", workers: "internal" }, razorpay: { status: "ok", unavailableInARow: 0, lastAnsweredAt: expect.any(String) } },
    });
  });

  it("GET and POST /api/cron/reconcile run one reconciliation for the scheduler, and refuse without the secret", async () => {
    const authorization = `Bearer ${shop.cronSecret}`;
    const get = through("GET /api/cron/reconcile", await call(asTestShop, "/api/cron/reconcile", { headers: { authorization } }));
    const post = through("POST /api/cron/reconcile", await call(asTestShop, "/api/cron/reconcile", { method: "POST", headers: { authorization } }));
    for (const reply of [get, post]) {
      expect(reply.status).toBe(200);
      expect(typeof reply.body).toBe("object");
    }
    const refused = await call(asTestShop, "/api/cron/reconcile");
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
  });

  it("DELETE /api/cart/items/[productId] removes the line", async () => {
    await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 }, { cookie });
    const reply = through("DELETE /api/cart/items/[productId]", await call(asTestShop, `/api/cart/items/${productId}`, { method: "DELETE", headers: { cookie } }));
    expect(reply.status).toBe(200);
    expect(reply.body.cart.lines).toHaveLength(0);
  });

  it("GET and POST /api/auth/[...nextauth] sign the first admin in (CSRF token, then the credentials callback), and POST /api/admin/session/revoke signs them out everywhere", async () => {
    const csrf = through("GET /api/auth/[...nextauth]", await call(asTestShop, "/api/auth/csrf"));
    expect(csrf.status).toBe(200);
    expect(csrf.body.csrfToken).toEqual(expect.any(String));
    // adminCookie posts to /api/auth/callback/credentials through this server.
    const session = await adminCookie(shop.url, NEXT_SHOP_ADMIN.email, NEXT_SHOP_ADMIN.password);
    covered.add("POST /api/auth/[...nextauth]");
    const revoke = () => call(asTestShop, "/api/admin/session/revoke", { method: "POST", headers: { cookie: session } });
    const first = through("POST /api/admin/session/revoke", await revoke());
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ revoked: true });
    expect((await revoke()).status).toBe(401);
  });

  it("every /api/admin route refuses an anonymous caller with a JSON 401", async () => {
    const adminHandlers = routeHandlers().filter((handler) => handler.split(" ")[1].startsWith("/api/admin/"));
    expect(adminHandlers.length).toBeGreaterThan(0);
    for (const handler of adminHandlers) {
      const [method, routePath] = handler.split(" ");
      // Dynamic segments get a well-formed id that names nothing: the guard answers before any lookup.
      const url = routePath.replace(/\[[^\]]+\]/g, "00000000-0000-4000-8000-000000000000");
      const reply = through(handler, await call(asTestShop, url, { method, headers: { "content-type": "application/json", origin: shop.url }, body: method === "GET" ? undefined : "{}" }));
      expect({ handler, status: reply.status, code: reply.body?.error?.code }).toEqual({ handler, status: 401, code: "unauthorized" });
    }
  });

  it("covers every route handler in app/api (a new route needs a test here)", () => {
    expect([...covered].sort()).toEqual(routeHandlers());
  });
});

describe("limits and malformed input through next start", () => {
  it("answers 413 with the JSON error to a JSON body over 32 kB, declared by Content-Length", async () => {
    const reply = await postJson(asTestShop, "/api/payments/verify", { razorpay_order_id: "x".repeat(64 * 1024) });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ error: { code: "payload_too_large", message: expect.stringContaining("32 kB") } });
  });

  it("answers 413 to a streamed body with no Content-Length as soon as it passes the limit, while the client is still sending", async () => {
    // Node's client sees the response while it is still writing: count what was sent by then.
    const { status, body, sentBeforeAnswer } = await new Promise<{ status: number; body: string; sentBeforeAnswer: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const request = httpRequest(`${shop.url}/api/checkout`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID(), cookie } }, (response) => {
        answered = true;
        const sentBeforeAnswer = sent;
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => {
          request.destroy();
          resolve({ status: response.statusCode ?? 0, body: text, sentBeforeAnswer });
        });
      });
      request.on("error", (error) => (answered ? undefined : reject(error)));
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const writeMore = () => {
        while (!answered && sent < 20 * 1024 * 1024) {
          sent += chunk.length;
          if (!request.write(chunk)) return void request.once("drain", writeMore);
        }
        if (!answered) request.end();
      };
      writeMore();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe("payload_too_large");
    expect(sentBeforeAnswer).toBeLessThan(4 * 1024 * 1024); // of 20 MB: the server answered long before the end
  });

  it("answers 413 to a webhook over 1 MB, and accepts one of 100 kB", async () => {
    const big = await deliverWebhook(asTestShop, undefined, { rawBody: JSON.stringify({ padding: "x".repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    const event = { ...(envelope("payment.failed", { payment: { id: "pay_NextServer00002", entity: "payment", order_id: "order_Unknown000001", amount: 100, currency: "INR", status: "failed" } }) as object), padding: "x".repeat(100 * 1024) };
    expect((await deliverWebhook(asTestShop, event)).status).toBe(200);
  });

  it("refuses a NUL byte in a name or an address as a 400 naming the field", async () => {
    await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 }, { cookie });
    for (const [body, field] of [
      [checkoutBody({ name: "Asha\u0000Verma" }), "customer.name"],
      [checkoutBody({ line1: "12 MG\u0000 Road" }), "shippingAddress.line1"],
    ] as const) {
      const reply = await postJson(asTestShop, "/api/checkout", body, { cookie, "idempotency-key": crypto.randomUUID() });
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatchObject({ code: "invalid_request", field });
    }
  });

  it("answers a JSON 400, not a plain-text 500, to malformed percent-encoding in a route parameter", async () => {
    for (const pathname of ["/api/orders/%/status", "/api/orders/%E0%A4/status?token=x", "/api/cart/items/%zz"]) {
      const reply = await call(asTestShop, pathname, pathname.startsWith("/api/cart") ? { method: "DELETE" } : {});
      expect(reply.status, pathname).toBe(400);
      expect(reply.headers.get("content-type")).toContain("application/json");
      expect(reply.body.error).toMatchObject({ code: "invalid_request", field: "path" });
    }
  });
});

describe("start-up configuration", () => {
  it("next start with a bad configuration exits non-zero, naming each variable", async () => {
    const { code, output } = await runNextStart({ DATABASE_URL: "not-a-url", RAZORPAY_KEY_ID: "bogus", RAZORPAY_KEY_SECRET: "s3cret-s3cret", RAZORPAY_WEBHOOK_SECRET: "whsec-whsec", ORDER_TTL_MINUTES: "soon" });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull(); // it exited by itself, not by the test's timeout
    for (const line of ["DATABASE_URL must be a URL", "RAZORPAY_KEY_ID must look like rzp_test_", "ORDER_TTL_MINUTES: "]) expect(output).toContain(line);
  });

  it("next start refuses the sandbox in production unless SHOP_MODE=demo", async () => {
    const { code, output } = await runNextStart({ DATABASE_URL: database.url, RAZORPAY_KEY_ID: "rzp_test_AbCdEf123456", RAZORPAY_KEY_SECRET: "s3cret-s3cret", RAZORPAY_WEBHOOK_SECRET: "whsec-whsec", RAZORPAY_SANDBOX_URL: "http://127.0.0.1:4010" });
    expect(code).toBe(1);
    expect(output).toContain("SHOP_MODE must be demo when RAZORPAY_SANDBOX_URL is set");
  });

  it("npm start with nothing configured is production: it exits non-zero naming each variable instead of starting a sandbox shop", async () => {
    // Set but empty (= unset): a developer's .env.local cannot fill them in, as explicit variables win.
    const blank = { DATABASE_URL: "", RAZORPAY_KEY_ID: "", RAZORPAY_KEY_SECRET: "", RAZORPAY_WEBHOOK_SECRET: "", RAZORPAY_SANDBOX_URL: "", SHOP_MODE: "" };
    const { code, output } = await runNpmStart(blank);
    expect(code).toBe(1);
    for (const name of ["DATABASE_URL", "RAZORPAY_KEY_ID", "RAZORPAY_KEY_SECRET", "RAZORPAY_WEBHOOK_SECRET"]) expect(output).toContain(`${name} is not set`);
    expect(output).not.toContain("embedded PostgreSQL");
    expect(output).not.toContain("generated sandbox keys");
  });
});
