import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCookie, mintedSessionCookie, signInByMagicLink, signInWithPassword } from "@/tests/support/auth";
import { call, createProduct, customer, pay, placeOrder, shippingAddress, startShop, checkoutRequest, eventually, type TestShop } from "@/tests/support/shop";

let shop: TestShop;
const admin = { email: "owner@example.com", password: "correct horse battery staple" };

beforeAll(async () => {
  shop = await startShop();
  const { ensureAdmin } = await import("@/lib/auth/users");
  await ensureAdmin(admin.email, admin.password);
});
afterAll(() => shop.close());

const revoke = (cookie?: string) => call(shop, "/api/admin/session/revoke", { method: "POST", headers: cookie ? { cookie } : {} });

describe("admin sign-in with next-auth's credentials provider", () => {
  it("signs an admin in through POST /api/auth/callback/credentials, whatever the email's case", async () => {
    const cookie = await adminCookie(shop.url, "Owner@Example.com", admin.password);
    expect(cookie).toContain("next-auth.session-token=");
    const session = await call(shop, "/api/auth/session", { headers: { cookie } });
    expect(session.body.user.email).toBe(admin.email);
  });

  it("refuses a wrong password and an unknown email alike, and audits both", async () => {
    const wrong = await signInWithPassword(shop.url, admin.email, "not the password");
    const unknown = await signInWithPassword(shop.url, "nobody@example.com", admin.password);
    for (const attempt of [wrong, unknown]) {
      expect(attempt.ok).toBe(false);
      expect(attempt.url).toContain("error=CredentialsSignin");
      expect(attempt.jar.get("next-auth.session-token")).toBeUndefined();
    }
    const { db } = await import("@/lib/db");
    const refused = await db().authEvent.findMany({ where: { action: "sign_in_refused" } });
    expect(refused.map((event) => (event.data as { why: string }).why).sort()).toEqual(["unknown_email", "wrong_password"]);
  });

  it("refuses a shopper's email with a password: only admins sign in with one", async () => {
    const { db } = await import("@/lib/db");
    const { hashPassword } = await import("@/lib/auth/passwords");
    // A shopper cannot hold a password (a CHECK constraint), so even a hash planted by mistake is refused by the database.
    await expect(db().user.create({ data: { email: "planted@example.com", passwordHash: await hashPassword("planted password 1") } })).rejects.toThrow();
    await db().user.create({ data: { email: "shopper-with-no-password@example.com" } });
    expect((await signInWithPassword(shop.url, "shopper-with-no-password@example.com", "anything at all")).ok).toBe(false);
  });

  it("signing out everywhere revokes every session of that admin, and is audited", async () => {
    const laptop = await adminCookie(shop.url, admin.email, admin.password);
    const phone = await adminCookie(shop.url, admin.email, admin.password);
    expect((await revoke(laptop)).status).toBe(200);
    for (const cookie of [laptop, phone]) {
      const reply = await revoke(cookie);
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe("unauthorized");
    }
    const fresh = await adminCookie(shop.url, admin.email, admin.password);
    expect((await revoke(fresh)).status).toBe(200);
    const { db } = await import("@/lib/db");
    expect(await db().authEvent.count({ where: { action: "sessions_revoked" } })).toBe(2);
  });

  it("answers 401 JSON to an anonymous request and to a forged token", async () => {
    const anonymous = await revoke();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    const { db } = await import("@/lib/db");
    const owner = await db().user.findUniqueOrThrow({ where: { email: admin.email } });
    const forged = await mintedSessionCookie("a-different-secret-of-at-least-32-chars", { sub: owner.id, sv: owner.sessionVersion, via: "credentials" });
    expect((await revoke(forged)).status).toBe(401);
  });
});

describe("shoppers sign in by magic link", () => {
  it("signs a shopper in, verifies the email, and claims the guest orders placed with it (and no one else's)", async () => {
    const product = await createProduct({ price: 25_000 });
    const mine = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    const theirsReply = await checkoutRequest(shop, [{ productId: product.id, quantity: 1 }], {
      body: { customer: { ...customer, email: "someone.else@example.com" }, shippingAddress, items: [{ productId: product.id, quantity: 1 }] },
    });
    expect(theirsReply.status).toBe(201);

    const jar = await signInByMagicLink(shop.url, customer.email.toUpperCase());
    const { db } = await import("@/lib/db");
    const user = await db().user.findUniqueOrThrow({ where: { email: customer.email } });
    expect(user.emailVerified).not.toBeNull();
    expect(user.role).toBe("shopper");
    expect((await db().order.findUniqueOrThrow({ where: { id: mine.orderId } })).userId).toBe(user.id);
    expect((await db().order.findUniqueOrThrow({ where: { id: theirsReply.body.orderId } })).userId).toBeNull();

    // A shopper's session is not an admin's: 403, not 401.
    const reply = await revoke(jar.header());
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe("forbidden");
  });

  it("an account whose email is not verified claims no orders", async () => {
    const { db } = await import("@/lib/db");
    const product = await createProduct({ price: 15_000 });
    const email = "unverified@example.com";
    const reply = await checkoutRequest(shop, [], { body: { customer: { ...customer, email }, shippingAddress, items: [{ productId: product.id, quantity: 1 }] } });
    expect(reply.status).toBe(201);
    const user = await db().user.create({ data: { email } });
    const { claimOrdersOfVerifiedEmail } = await import("@/lib/auth/ownership");
    expect(await claimOrdersOfVerifiedEmail(user.id)).toBe(0);
    expect((await db().order.findUniqueOrThrow({ where: { id: reply.body.orderId } })).userId).toBeNull();
  });

  it("a magic link works once", async () => {
    const email = "once@example.com";
    await signInByMagicLink(shop.url, email);
    const { signInLinkSentInProcess } = await import("@/tests/support/auth");
    const link = await signInLinkSentInProcess(email);
    const again = await fetch(link, { redirect: "manual" });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toContain("error=Verification");
    expect(again.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token=") && !line.startsWith("next-auth.session-token=;"))).toBe(false);
  });

  it("an admin's email signed in by magic link gets a shopper's session, never admin rights", async () => {
    const jar = await signInByMagicLink(shop.url, admin.email);
    expect((await revoke(jar.header())).status).toBe(403);
  });

  it("an order placed after signing in becomes the shopper's when their account next claims its orders, paid or not", async () => {
    const product = await createProduct({ price: 10_000 });
    const order = await placeOrder(shop, [{ productId: product.id, quantity: 1 }]);
    await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const { db } = await import("@/lib/db");
    await eventually(async () => (await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status === "paid");
    const { claimOrdersOfVerifiedEmail } = await import("@/lib/auth/ownership");
    const user = await db().user.findUniqueOrThrow({ where: { email: customer.email } });
    expect(await claimOrdersOfVerifiedEmail(user.id)).toBe(1);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).userId).toBe(user.id);
  });
});
