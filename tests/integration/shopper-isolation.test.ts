import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInByMagicLink } from "@/tests/support/auth";
import { startNextServer, type NextServer } from "@/tests/support/next-server";
import { isNotFound, redirectTarget } from "@/tests/support/redirects";
import { call, checkoutRequest, createProduct, eventually, pay, postJson, shippingAddress, startShop, type TestShop } from "@/tests/support/shop";

/**
 * Two shoppers, each signed in by magic link: the account page lists each one's own orders
 * (newest first, paginated, with items, payments, refunds and status history), and no page or
 * route, listed from the file system and called with the other shopper's session and this
 * shopper's order id in every path parameter, shows anything of the other's orders.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
let shop: TestShop;
let next: NextServer;
const alice = { name: "Alice Iyer", email: "alice.iyer@example.com", phone: "+91 99887 76655" };
const bob = { name: "Bob Menon", email: "bob.menon@example.com", phone: "+91 91234 56780" };
const aliceOrders: { orderId: string; orderNumber: number; razorpayOrderId: string }[] = [];
let bobOrder: { orderId: string; orderNumber: number };
let aliceCookie: string;
let bobCookie: string;
let aliceToken: string;

async function orderAs(person: typeof alice, productId: string) {
  const reply = await checkoutRequest(shop, [], { body: { customer: person, shippingAddress, items: [{ productId, quantity: 1 }] } });
  if (reply.status !== 201) throw new Error(`checkout failed: ${reply.status} ${reply.text}`);
  return reply.body as { orderId: string; orderNumber: number; razorpayOrderId: string };
}

beforeAll(async () => {
  shop = await startShop();
  const product = await createProduct({ price: 30_000, stock: 100, name: "Masala chai tin" });
  // Twelve guest orders for Alice (two pages), one paid then partly refunded; one for Bob.
  for (let i = 0; i < 12; i++) aliceOrders.push(await orderAs(alice, product.id));
  bobOrder = await orderAs(bob, product.id);
  const paidOrder = aliceOrders[11];
  const paid = await pay(shop, paidOrder.razorpayOrderId, { outcome: "success" });
  await postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature });
  const { db } = await import("@/lib/db");
  await eventually(async () => (await db().order.findUniqueOrThrow({ where: { id: paidOrder.orderId } })).status === "paid");
  const { refundOrder } = await import("@/lib/refunds/admin");
  await refundOrder({ orderId: paidOrder.orderId, amount: 10_000, note: "One tin arrived dented", restock: false, idempotencyKey: randomUUID(), admin: { email: "owner@example.com" } });
  aliceToken = (await db().order.findUniqueOrThrow({ where: { id: aliceOrders[0].orderId } })).accessToken;

  aliceCookie = (await signInByMagicLink(shop.url, alice.email)).header();
  bobCookie = (await signInByMagicLink(shop.url, bob.email)).header();
  next = await startNextServer();
}, 600_000);
afterAll(async () => {
  await next?.stop();
  await shop.close();
});

const page = async (url: string, cookie?: string) => {
  const response = await fetch(`${next.url}${url}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  // React separates adjacent text with <!-- -->; drop it so assertions read as the page does.
  return { status: response.status, location: response.headers.get("location"), html: (await response.text()).replaceAll("<!-- -->", "") };
};
const orderNumbersIn = (html: string) => [...html.matchAll(/Order #(\d+)<\/a>/g)].map((match) => Number(match[1]));

describe("/account/orders", () => {
  it("lists the shopper's own orders, newest first, ten a page", async () => {
    const first = await page("/account/orders", aliceCookie);
    expect(first.status).toBe(200);
    const newestFirst = aliceOrders.map((order) => order.orderNumber).reverse();
    expect(orderNumbersIn(first.html)).toEqual(newestFirst.slice(0, 10));
    expect(first.html).toContain("Page 1 of 2");
    const second = await page("/account/orders?page=2", aliceCookie);
    expect(orderNumbersIn(second.html)).toEqual(newestFirst.slice(10));
  });

  it("shows each order's items, payments, refunds and status history", async () => {
    const html = (await page("/account/orders", aliceCookie)).html;
    for (const text of ["Masala chai tin", "Payment attempts", "Successful", "Refunds", "Status history", "Awaiting payment", "Paid"]) expect(html).toContain(text);
    expect(html).toMatch(/₹100\.00/);
  });

  it("shows another shopper nothing of these orders", async () => {
    const bobs = await page("/account/orders", bobCookie);
    expect(orderNumbersIn(bobs.html)).toEqual([bobOrder.orderNumber]);
    for (const leak of [alice.email, alice.name, alice.phone]) expect(bobs.html).not.toContain(leak);
    expect(orderNumbersIn((await page("/account/orders?page=2", bobCookie)).html)).toEqual([bobOrder.orderNumber]);
  });

  it("sends a session the server no longer honours (signed out everywhere) to the sign-in page, though it gets past proxy.ts", async () => {
    const { db } = await import("@/lib/db");
    const { revokeSessions } = await import("@/lib/auth/users");
    const { mintedSessionCookie } = await import("@/tests/support/auth");
    const carol = await db().user.create({ data: { email: "carol@example.com", emailVerified: new Date() } });
    const cookie = await mintedSessionCookie(process.env.NEXTAUTH_SECRET!, { sub: carol.id, sv: carol.sessionVersion, via: "email" });
    expect((await page("/account/orders", cookie)).status).toBe(200);
    await revokeSessions(carol.id, carol.id, "test");
    const revoked = await redirectTarget(await fetch(`${next.url}/account/orders`, { redirect: "manual", headers: { cookie } }), next.url);
    expect(revoked?.url.pathname).toBe("/account/sign-in");
    expect(revoked?.body).not.toContain("carol@example.com");
  });

  it("sends visitors without a session to the sign-in page", async () => {
    const anonymous = await page("/account/orders");
    expect(anonymous.status).toBeGreaterThanOrEqual(300);
    expect(new URL(anonymous.location!, next.url).pathname).toBe("/account/sign-in");
  });
});

describe("no page or route shows one shopper's order to another", () => {
  const aliceSecrets = () => [alice.email, alice.name, alice.phone, aliceToken];

  async function filesNamed(directory: string, name: string) {
    return (await readdir(path.join(ROOT, directory), { recursive: true })).filter((entry) => path.basename(entry) === name).map((entry) => path.dirname(entry).split(path.sep).filter((s) => s !== "." && !/^\(.+\)$/.test(s)));
  }
  /** Every dynamic segment filled with Alice's order id (the only id Bob could have learnt). */
  const fill = (segments: string[], orderId: string) => segments.map((segment) => (/^\[.+\]$/.test(segment) ? orderId : segment)).join("/");

  it("through every page", async () => {
    const pages = await filesNamed("app", "page.tsx");
    expect(pages.length).toBeGreaterThan(5);
    for (const segments of pages) {
      for (const query of ["", `?page=2`, `?token=wrong-${aliceToken.slice(6)}`]) {
        const url = `/${fill(segments, aliceOrders[0].orderId)}${query}`;
        const { html } = await page(url, bobCookie);
        for (const secret of aliceSecrets()) expect(html, `${url} as Bob`).not.toContain(secret);
      }
    }
  });

  it("through every route", async () => {
    const routes = await filesNamed("app/api", "route.ts");
    expect(routes.length).toBeGreaterThan(5);
    for (const segments of routes) {
      const url = `/api/${fill(segments, aliceOrders[0].orderId)}`;
      for (const method of ["GET", "POST"]) {
        const reply = await call(shop, url, { method, headers: { cookie: bobCookie, "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined });
        for (const secret of aliceSecrets()) expect(reply.text, `${method} ${url} as Bob`).not.toContain(secret);
      }
    }
  });

  it("the order's own page still needs its private link, whoever is signed in", async () => {
    const withoutLink = await page(`/orders/${aliceOrders[0].orderId}`, bobCookie);
    expect(isNotFound(withoutLink.status, withoutLink.html)).toBe(true);
    for (const secret of aliceSecrets()) expect(withoutLink.html).not.toContain(secret);
    const withLink = await page(`/orders/${aliceOrders[0].orderId}?token=${encodeURIComponent(aliceToken)}`, aliceCookie);
    expect(withLink.html).toContain(alice.email);
  });
});

describe("ownership", () => {
  it("belongs to the shopper whose verified email placed it, and only theirs", async () => {
    const { db } = await import("@/lib/db");
    const owners = await db().order.findMany({ where: { id: { in: [...aliceOrders.map((order) => order.orderId), bobOrder.orderId] } }, select: { id: true, user: { select: { email: true } } } });
    for (const order of owners) expect(order.user?.email).toBe(order.id === bobOrder.orderId ? bob.email : alice.email);
  });
});
