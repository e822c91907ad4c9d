import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintedSessionCookie } from "@/tests/support/auth";
import { startShop, type TestShop } from "@/tests/support/shop";

/** The guards called directly, with session cookies minted by next-auth's own `encode`. */
let shop: TestShop;
let secret: string;
const HOUR = 60 * 60;

beforeAll(async () => {
  shop = await startShop();
  secret = process.env.NEXTAUTH_SECRET!;
});
afterAll(() => shop.close());

async function users() {
  const { db } = await import("@/lib/db");
  const { ensureAdmin } = await import("@/lib/auth/users");
  const email = `admin-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await ensureAdmin(email, "a long enough password");
  const admin = await db().user.findUniqueOrThrow({ where: { email } });
  const shopper = await db().user.create({ data: { email: `shopper-${Math.random().toString(36).slice(2, 8)}@example.com`, emailVerified: new Date() } });
  return { admin, shopper };
}

function requestWith(cookie?: string): Request {
  return new Request("http://127.0.0.1/api/admin/anything", { headers: cookie ? { cookie } : {} });
}

async function outcome(cookie?: string): Promise<string> {
  const { adminFromRequest } = await import("@/lib/auth/guards");
  const { AppError } = await import("@/lib/errors");
  try {
    const admin = await adminFromRequest(requestWith(cookie));
    return `admin:${admin.email}`;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe("adminFromRequest", () => {
  it("returns the admin for a password session of an admin", async () => {
    const { admin } = await users();
    expect(await outcome(await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion, via: "credentials" }))).toBe(`admin:${admin.email}`);
  });

  it("is unauthorized without a session, with a garbled one, or for a user that does not exist", async () => {
    expect(await outcome()).toBe("unauthorized");
    expect(await outcome("next-auth.session-token=not-a-token")).toBe("unauthorized");
    expect(await outcome(await mintedSessionCookie(secret, { sub: "00000000-0000-4000-8000-000000000000", sv: 0, via: "credentials" }))).toBe("unauthorized");
    expect(await outcome(await mintedSessionCookie(secret, { sub: "not-a-uuid", sv: 0, via: "credentials" }))).toBe("unauthorized");
  });

  it("is forbidden for a signed-in shopper, and for an admin who signed in by magic link", async () => {
    const { admin, shopper } = await users();
    expect(await outcome(await mintedSessionCookie(secret, { sub: shopper.id, sv: shopper.sessionVersion, via: "email" }))).toBe("forbidden");
    expect(await outcome(await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion, via: "email" }))).toBe("forbidden");
  });

  it("refuses a stale session version: signed out everywhere", async () => {
    const { admin } = await users();
    const cookie = await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion, via: "credentials" });
    const { revokeSessions } = await import("@/lib/auth/users");
    await revokeSessions(admin.id, admin.id, "test");
    expect(await outcome(cookie)).toBe("unauthorized");
    expect(await outcome(await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion + 1, via: "credentials" }))).toBe(`admin:${admin.email}`);
  });

  it("ends admin sessions 8 hours after the password was typed", async () => {
    const { admin } = await users();
    const now = Math.floor(Date.now() / 1000);
    expect(await outcome(await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion, via: "credentials", authTime: now - 8 * HOUR + 60 }))).toBe(`admin:${admin.email}`);
    expect(await outcome(await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion, via: "credentials", authTime: now - 8 * HOUR - 60 }))).toBe("unauthorized");
  });

  it("a role change revokes the sessions of the old role, and a demoted admin is a shopper", async () => {
    const { admin } = await users();
    const cookie = await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion, via: "credentials" });
    const { changeRole } = await import("@/lib/auth/users");
    await changeRole(admin.id, "shopper", "system");
    expect(await outcome(cookie)).toBe("unauthorized");
    expect(await outcome(await mintedSessionCookie(secret, { sub: admin.id, sv: admin.sessionVersion + 1, via: "credentials" }))).toBe("forbidden");
    const { db } = await import("@/lib/db");
    const demoted = await db().user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(demoted.passwordHash).toBeNull();
    expect(await db().authEvent.count({ where: { userId: admin.id, action: "role_changed" } })).toBe(1);
  });
});

describe("the first admin from ADMIN_EMAIL / ADMIN_PASSWORD", () => {
  it("is created, left alone on a restart, given the new password when it changes, and promoted from shopper with its sessions revoked", async () => {
    const { ensureAdmin } = await import("@/lib/auth/users");
    const { passwordMatches } = await import("@/lib/auth/passwords");
    const { db } = await import("@/lib/db");
    expect(await ensureAdmin("First.Admin@Example.com", "first password 123")).toBe("created");
    expect(await ensureAdmin("first.admin@example.com", "first password 123")).toBe("unchanged");
    expect(await ensureAdmin("first.admin@example.com", "second password 456")).toBe("updated");
    const first = await db().user.findUniqueOrThrow({ where: { email: "first.admin@example.com" } });
    expect(await passwordMatches(first.passwordHash, "second password 456")).toBe(true);
    expect(await passwordMatches(first.passwordHash, "first password 123")).toBe(false);

    const shopper = await db().user.create({ data: { email: "promoted@example.com" } });
    expect(await ensureAdmin("promoted@example.com", "promoted password 1")).toBe("updated");
    const promoted = await db().user.findUniqueOrThrow({ where: { id: shopper.id } });
    expect(promoted.role).toBe("admin");
    expect(promoted.sessionVersion).toBe(shopper.sessionVersion + 1);
  });

  it("keeps the account audit append-only", async () => {
    const { db } = await import("@/lib/db");
    await expect(db().authEvent.deleteMany({})).rejects.toThrow(/append-only/);
  });
});
