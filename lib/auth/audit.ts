import type { Prisma, Tx } from "@/lib/db";
import { db } from "@/lib/db";

/** What happens to accounts, appended to `auth_events` (append-only, like the orders' audit trail). */
export type AuthAction = "admin_bootstrapped" | "signed_in" | "sign_in_refused" | "sessions_revoked" | "role_changed" | "orders_claimed";

export interface AuthAuditEntry {
  userId: string | null;
  /** The user's own id, another admin's id, or "system". */
  actor: string;
  action: AuthAction;
  data?: Prisma.InputJsonValue;
}

export async function recordAuthEvent(entry: AuthAuditEntry, tx: Tx = db()): Promise<void> {
  await tx.authEvent.create({ data: entry });
}

/** The latest events of one account, newest first, for the admin's own security page. */
export function recentAccountEvents(userId: string, limit = 20) {
  return db().authEvent.findMany({ where: { userId }, orderBy: { id: "desc" }, take: limit });
}
