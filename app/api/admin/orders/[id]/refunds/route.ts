import { NextResponse, type NextRequest } from "next/server";
import { idempotencyKeyOf, refundAsAdmin, refundInput } from "@/lib/admin/actions";
import { adminFromRequest } from "@/lib/auth/guards";
import { readJson, route } from "@/lib/http";

/**
 * POST { amount, reason, restock? } with an Idempotency-Key → 201 with the new refund; the same
 * key again → 200 with the refund it made (nothing new happened).
 */
export const POST = route(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const admin = await adminFromRequest(request);
  const key = idempotencyKeyOf(request);
  const input = await readJson(request, refundInput);
  const { refund, replayed } = await refundAsAdmin((await params).id, input, key, admin);
  return NextResponse.json({ refund }, { status: replayed ? 200 : 201 });
}, { limit: "adminRefund", sameOrigin: true });
