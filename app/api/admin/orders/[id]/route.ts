import { NextResponse, type NextRequest } from "next/server";
import { adminOrderDetail } from "@/lib/admin/order-detail";
import { adminFromRequest } from "@/lib/auth/guards";
import { route } from "@/lib/http";

/** One order as the admin's order page shows it: payments, refunds, webhooks (masked) and timeline. */
export const GET = route(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  await adminFromRequest(request);
  return NextResponse.json(await adminOrderDetail((await params).id), { headers: { "cache-control": "no-store" } });
});
