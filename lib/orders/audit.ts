import type { Prisma, Tx } from "@/lib/db";

/** Who or what caused a change: every fact and decision in the audit trail names its source. */
export type Actor = "checkout" | "callback" | "webhook" | "reconciliation" | "admin" | "system";

export interface Source {
  actor: Actor;
  /** The actor's own reference, e.g. the webhook event id. */
  ref?: string;
}

export interface AuditEntry {
  action: string;
  paymentId?: string;
  fromState?: string;
  toState?: string;
  reason?: string;
  data?: Prisma.InputJsonValue;
}

/** Appends one row to the order's audit trail, inside the caller's transaction. */
export async function audit(tx: Tx, orderId: string, source: Source, entry: AuditEntry): Promise<void> {
  await tx.orderEvent.create({ data: { orderId, actor: source.actor, actorRef: source.ref, ...entry } });
}
