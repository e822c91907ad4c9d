import { db, isUniqueViolation, type Tx } from "@/lib/db";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { recordAuthEvent } from "./audit";
import { hashPassword, passwordMatches } from "./passwords";

/** One address is one account: the same rule next-auth's Email provider applies to identifiers. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Revokes every session of a user: tokens carry the version they were issued with, and the
 * guards refuse any token whose version is no longer the user's (lib/auth/session.ts).
 */
export async function revokeSessions(userId: string, actor: string, reason: string, tx?: Tx): Promise<void> {
  const work = async (t: Tx) => {
    await t.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAuthEvent({ userId, actor, action: "sessions_revoked", data: { reason } }, t);
  };
  if (tx) await work(tx);
  else await db().$transaction(work);
}

/** Changes a role and revokes the user's sessions in the same transaction, so no token keeps the old rights. */
export async function changeRole(userId: string, role: UserRole, actor: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.role === role) return;
    await tx.user.update({ where: { id: userId }, data: { role, sessionVersion: { increment: 1 }, passwordHash: role === "admin" ? user.passwordHash : null } });
    await recordAuthEvent({ userId, actor, action: "role_changed", data: { from: user.role, to: role } }, tx);
  });
}

/**
 * The first admin, from ADMIN_EMAIL / ADMIN_PASSWORD, made or brought up to date at start-up:
 * created if missing, promoted if it was a shopper (its sessions revoked), and its password
 * replaced only when the configured one no longer matches (so a restart does not re-hash).
 */
export async function ensureAdmin(email: string, password: string): Promise<"created" | "updated" | "unchanged"> {
  try {
    return await upsertAdmin(email, password);
  } catch (error) {
    // Two servers starting at once both try to create the admin: the second sees the first's row on a retry.
    if (isUniqueViolation(error)) return upsertAdmin(email, password);
    throw error;
  }
}

async function upsertAdmin(email: string, password: string): Promise<"created" | "updated" | "unchanged"> {
  const address = normalizeEmail(email);
  const existing = await db().user.findUnique({ where: { email: address } });
  if (existing?.role === "admin" && (await passwordMatches(existing.passwordHash, password))) return "unchanged";
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: address },
      create: { email: address, role: "admin", passwordHash },
      update: { role: "admin", passwordHash, ...(existing && existing.role !== "admin" ? { sessionVersion: { increment: 1 } } : {}) },
    });
    const outcome = existing ? "updated" : "created";
    await recordAuthEvent({ userId: user.id, actor: "system", action: "admin_bootstrapped", data: { outcome, promoted: existing ? existing.role !== "admin" : false } }, tx);
    return outcome;
  });
}
