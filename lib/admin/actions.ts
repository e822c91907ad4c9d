import { z } from "zod";
import type { Admin } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import type { Refund } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import { refundOrder } from "@/lib/refunds/admin";

/** What the admin's action routes accept. Amounts are integer paise. */
export const refundInput = z.object({
  amount: z.number({ error: "must be a number of paise" }).int("must be a whole number of paise").positive("must be more than 0"),
  reason: z.string({ error: "is required" }).trim().min(3, "must be at least 3 characters").max(500, "must be at most 500 characters"),
  restock: z.boolean({ error: "must be true or false" }).default(false),
});

export const resolveInput = z.object({
  note: z.string({ error: "is required" }).trim().min(3, "must be at least 3 characters").max(1000, "must be at most 1000 characters"),
});

/** The refund as the admin API returns it. */
export interface RefundView {
  id: string;
  amount: number;
  currency: string;
  status: Refund["status"];
  reason: Refund["reason"];
  note: string | null;
  failureReason: string | null;
  restock: boolean;
  requestedBy: string | null;
  createdAt: Date;
}

export function refundView(refund: Refund): RefundView {
  const { id, amount, currency, status, reason, note, failureReason, restock, requestedBy, createdAt } = refund;
  return { id, amount, currency, status, reason, note, failureReason, restock, requestedBy, createdAt };
}

/** Idempotency-Key: required, printable, at most 200 characters (it is stored with the refund). */
export function idempotencyKeyOf(request: Request): string {
  const key = request.headers.get("idempotency-key")?.trim();
  if (!key) throw new AppError("idempotency_key_missing", "The Idempotency-Key header is required: send a new random key per refund, and the same key when retrying it");
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) throw new AppError("invalid_request", "Idempotency-Key must be 1 to 200 printable characters", { "Idempotency-Key": "must be 1 to 200 printable characters" });
  return key;
}

/** An admin's refund of an order: the request's reason is kept as the refund's note. */
export async function refundAsAdmin(orderId: string, input: z.output<typeof refundInput>, idempotencyKey: string, admin: Admin) {
  if (!isUuid(orderId)) throw new AppError("not_found", "No such order");
  const { refund, replayed } = await refundOrder({ orderId, amount: input.amount, note: input.reason, restock: input.restock, idempotencyKey, admin: { email: admin.email } });
  return { refund: refundView(refund), replayed };
}
