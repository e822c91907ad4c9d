import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCookie, mintedSessionCookie, signInByMagicLink } from "@/tests/support/auth";
import { startNextServer, type NextServer } from "@/tests/support/next-server";
import { call, startShop, type TestShop } from "@/tests/support/shop";
import { redirectTarget } from "../support/redirects";

/**
 * Every admin page (app/admin/**\/page.tsx) and admin route (app/api/admin/**\/route.ts), listed
 * from the file system, so a new one is covered the day it is added: each must refuse an
 * anonymous visitor and a signed-in shopper, and let an admin through (which proves the refusals
 * are the guard's, not a broken page). Routes run under the integration tests' app server;
 * pages under the real `next start`, proxy.ts included.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const SAMPLE_ID = "3f1c2a9e-8b7d-4c6e-9a5f-0e1d2c3b4a59";

async function filesNamed(directory: string, name: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, directory), { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => path.basename(entry) === name).map((entry) => path.join(directory, entry));
}

/** app/api/admin/orders/[orderId]/refunds/route.ts → /api/admin/orders/<uuid>/refunds; route groups vanish. */
function urlOf(file: string, suffix: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((segment) => !/^\(.+\)$/.test(segment))
    .map((segment) => (/^\[\.\.\..+\]$/.test(segment) ? "any" : /^\[.+\]$/.test(segment) ? SAMPLE_ID : segment));
  return `/${segments.join("/")}${suffix}`;
}

const adminRouteFiles = await filesNamed("app/api/admin", "route.ts");
const adminRoutes: { file: string; url: string; method: string }[] = [];
for (const file of adminRouteFiles) {
  const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
  for (const method of METHODS) if (typeof module[method] === "function") adminRoutes.push({ file, url: urlOf(file, ""), method });
}
const adminPages = (await filesNamed("app/admin", "page.tsx")).filter((file) => !file.startsWith(path.join("app/admin/login"))).map((file) => ({ file, url: urlOf(file, "") }));

let shop: TestShop;
let next: NextServer;
const admin = { email: "authz-admin@example.com", password: "authz admin password" };
const cookies = {} as Record<"shopper" | "shopperPastProxy" | "revokedAdmin", string>;

beforeAll(async () => {
  shop = await startShop();
  const { ensureAdmin, revokeSessions } = await import("@/lib/auth/users");
  const { db } = await import("@/lib/db");
  await ensureAdmin(admin.email, admin.password);
  cookies.shopper = (await signInByMagicLink(shop.url, "authz-shopper@example.com")).header();
  // A shopper's token that claims a password sign-in gets past proxy.ts (it cannot see roles): only the server's check stops it.
  const shopper = await db().user.findUniqueOrThrow({ where: { email: "authz-shopper@example.com" } });
  cookies.shopperPastProxy = await mintedSessionCookie(process.env.NEXTAUTH_SECRET!, { sub: shopper.id, sv: shopper.sessionVersion, via: "credentials" });
  const other = "authz-revoked@example.com";
  await ensureAdmin(other, admin.password);
  cookies.revokedAdmin = await adminCookie(shop.url, other, admin.password);
  await revokeSessions((await db().user.findUniqueOrThrow({ where: { email: other } })).id, "system", "test");
  next = await startNextServer();
}, 600_000);
afterAll(async () => {
  await next?.stop();
  await shop.close();
});

describe("every admin route refuses everyone but an admin", () => {
  it("finds the admin routes on disk", () => {
    expect(adminRoutes.map((route) => `${route.method} ${route.url}`)).toContain("POST /api/admin/session/revoke");
  });

  it.each(adminRoutes)("$method $url: 401 anonymous, 401 revoked, 403 shopper, not refused for an admin", async ({ url, method }) => {
    const send = (cookie?: string) =>
      call(shop, url, { method, headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID(), ...(cookie ? { cookie } : {}) }, body: method === "GET" ? undefined : "{}" });
    for (const [cookie, status, code] of [
      [undefined, 401, "unauthorized"],
      [cookies.revokedAdmin, 401, "unauthorized"],
      [cookies.shopper, 403, "forbidden"],
      [cookies.shopperPastProxy, 403, "forbidden"],
    ] as const) {
      const reply = await send(cookie);
      expect(reply.status, `${method} ${url} with ${cookie ? "a session" : "no session"}`).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    // A fresh session each time: the revoke route signs the admin out everywhere.
    expect([401, 403]).not.toContain((await send(await adminCookie(shop.url, admin.email, admin.password))).status);
  });
});

describe("every admin page refuses everyone but an admin (through next start)", () => {
  it("finds the admin pages on disk", () => {
    expect(adminPages.map((page) => page.url)).toContain("/admin/security");
  });

  it.each(adminPages)("$url sends anonymous visitors, shoppers and revoked sessions to /admin/login", async ({ url }) => {
    const fresh = await adminCookie(shop.url, admin.email, admin.password);
    for (const cookie of [undefined, cookies.shopper, cookies.shopperPastProxy, cookies.revokedAdmin]) {
      const response = await fetch(`${next.url}${url}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
      const redirect = await redirectTarget(response, next.url);
      expect(redirect, `${url} with ${cookie ?? "no session"} answered ${response.status} without redirecting`).not.toBeNull();
      expect(redirect!.url.pathname).toBe("/admin/login");
      expect(redirect!.url.searchParams.get("callbackUrl")).toBe(url);
      expect(redirect!.body).not.toContain("Recent activity on this account");
    }
    const allowed = await fetch(`${next.url}${url}`, { redirect: "manual", headers: { cookie: fresh } });
    expect([200, 404], `${url} as an admin`).toContain(allowed.status);
  });

  it("sends an admin who is already signed in from /admin/login on to where they were going, inside the admin only", async () => {
    const fresh = await adminCookie(shop.url, admin.email, admin.password);
    for (const [callbackUrl, expected] of [["/admin/security", "/admin/security"], ["https://evil.example.com/", "/admin"], ["//evil.example.com", "/admin"]]) {
      const response = await fetch(`${next.url}/admin/login?callbackUrl=${encodeURIComponent(callbackUrl)}`, { redirect: "manual", headers: { cookie: fresh } });
      expect((await redirectTarget(response, next.url))?.url.href).toBe(`${next.url}${expected}`);
    }
    expect((await fetch(`${next.url}/admin/login`, { redirect: "manual" })).status).toBe(200);
  });

  it("renders the admin shell with its navigation and the admin's email for an admin", async () => {
    const fresh = await adminCookie(shop.url, admin.email, admin.password);
    const html = await (await fetch(`${next.url}/admin/security`, { headers: { cookie: fresh } })).text();
    for (const text of ['href="/admin"', 'href="/admin/orders"', 'href="/admin/emails"', admin.email, "Sign out everywhere"]) expect(html).toContain(text);
  });
});
