// The security headers as a browser receives them from the real server (`npm start` on the
// production build): the reviewed policy of the checkout page, which fails on any drift, and the
// policy of the pages around it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { call, postJson, type TestShop } from "../support/shop";
import { ensureProductionBuild, startNextShop, type NextShop } from "./next-shop";

let database: TestDatabase;
let shop: NextShop;
let cookie: string;
let orderUrl: string;

beforeAll(async () => {
  await ensureProductionBuild();
  database = await createTestDatabase();
  shop = await startNextShop(database.url, { poolSize: database.concurrent ? 5 : 1 });
  const asTestShop = shop as unknown as TestShop;
  const products = await call(asTestShop, "/api/products");
  // A product sold in one size: its id alone names what goes in the cart.
  const productId = products.body.products.find((product: { slug: string }) => product.slug === "garam-masala").id;
  const added = await postJson(asTestShop, "/api/cart/items", { productId, quantity: 1 }, { origin: shop.url });
  cookie = (added.headers.get("set-cookie") ?? "").split(";")[0];
}, 600_000);

afterAll(async () => {
  await shop?.stop();
  await database?.drop();
});

/** The page's headers a reviewer cares about, with the nonce and the sandbox's port made constant. */
async function pageHeaders(path: string): Promise<{ status: number; headers: Record<string, string>; nonce: string; html: string }> {
  const response = await fetch(shop.url + path, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  const policy = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
  const reviewed = ["content-security-policy", "cross-origin-opener-policy", "permissions-policy", "referrer-policy", "strict-transport-security", "x-content-type-options", "x-frame-options"];
  const headers = Object.fromEntries(
    reviewed.filter((name) => response.headers.has(name)).map((name) => [name, response.headers.get(name)!.replace(`'nonce-${nonce}'`, "'nonce-<nonce>'").replaceAll(shop.sandbox.url, "<sandbox>")]),
  );
  return { status: response.status, headers, nonce, html };
}

const CHECKOUT_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'nonce-<nonce>' <sandbox>",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' <sandbox>",
  "frame-src <sandbox>",
  "worker-src 'none'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const EVERY_RESPONSE = {
  "cross-origin-opener-policy": "same-origin-allow-popups",
  "permissions-policy":
    'accelerometer=(), autoplay=(), bluetooth=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(self "https://api.razorpay.com" "https://checkout.razorpay.com"), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()',
  "referrer-policy": "same-origin",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
};

describe("security headers through next start", () => {
  it("the checkout page sends exactly the reviewed headers (a change here needs a security review)", async () => {
    const page = await pageHeaders("/checkout");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Checkout");
    expect(page.headers).toEqual({ "content-security-policy": CHECKOUT_POLICY, ...EVERY_RESPONSE });
  });

  it("puts the response's nonce on every script of every page (none is prerendered without one), and a fresh one on each request", async () => {
    const first = await pageHeaders("/checkout");
    const second = await pageHeaders("/checkout");
    expect(first.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.nonce).not.toBe(first.nonce);
    for (const path of ["/checkout", "/", "/cart", "/search?q=tea", "/collections/tea", "/account/sign-in", "/account/sign-in/check-email", "/admin/login", "/no-such-page"]) {
      const page = path === "/checkout" ? first : await pageHeaders(path);
      // JSON-LD blocks are data the browser never runs, outside script-src (tests/e2e/seo.spec.ts sees no violation).
      const scripts = [...page.html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag).filter((tag) => !tag.includes('type="application/ld+json"'));
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${page.nonce}"`);
    }
  });

  it("allows the payment origin only on the pages that open the popup (checkout and an order page)", async () => {
    const order = await postJson(shop as unknown as TestShop, "/api/checkout", {
      customer: { name: "Asha Verma", email: "asha@example.com", phone: "+91 98765 43210" },
      shippingAddress: { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560038", country: "IN" },
    }, { cookie, origin: shop.url, "idempotency-key": crypto.randomUUID() });
    expect(order.status).toBe(201);
    orderUrl = new URL(order.body.orderUrl, shop.url).pathname + new URL(order.body.orderUrl, shop.url).search;
    const orderPage = await pageHeaders(orderUrl);
    expect(orderPage.status).toBe(200);
    expect(orderPage.headers["content-security-policy"]).toBe(CHECKOUT_POLICY);

    const plain = CHECKOUT_POLICY.replace("'nonce-<nonce>' <sandbox>", "'nonce-<nonce>'").replace("'self' <sandbox>", "'self'").replace("frame-src <sandbox>", "frame-src 'none'");
    for (const path of ["/", "/cart", "/search?q=tea", "/collections/tea", "/products/no-such-product", "/account/sign-in", "/admin/login"]) {
      const page = await pageHeaders(path);
      expect(page.headers, path).toEqual({ "content-security-policy": plain, ...EVERY_RESPONSE });
    }
  });

  it("API answers carry a policy that lets nothing run, and the same common headers", async () => {
    const response = await fetch(`${shop.url}/api/products`);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const [name, value] of Object.entries(EVERY_RESPONSE)) expect(response.headers.get(name), name).toBe(value);
  });
});
