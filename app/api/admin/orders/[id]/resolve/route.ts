import { NextResponse, type NextRequest } from "next/server";
import { resolveInput } from "@/lib/admin/actions";
import { resolveFlaggedOrder } from "@/lib/admin/order-detail";
import { adminFromRequest } from "@/lib/auth/guards";
import { readJson, route } from "@/lib/http";

/** POST { note } → clears the order's flag, audited with the note; `resolved: false` if it was not flagged. */
export const POST = route(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const admin = await adminFromRequest(request);
  const { note } = await readJson(request, resolveInput);
  return NextResponse.json(await resolveFlaggedOrder({ orderId: (await params).id, note, admin }));
}, { limit: "adminAction", sameOrigin: true });
