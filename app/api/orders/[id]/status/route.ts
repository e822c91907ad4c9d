import { NextResponse, type NextRequest } from "next/server";
import { route } from "@/lib/http";
import { findOrderForToken, orderStatusView } from "@/lib/orders/status";
import { checkOrderWithGateway } from "@/lib/reconciliation/on-demand";

export const GET = route(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const id = (await params).id;
  const token = request.nextUrl.searchParams.get("token");
  let order = await findOrderForToken(id, token);
  // An unpaid order with a payment attempt asks Razorpay itself (throttled) rather than wait for reconciliation.
  if (await checkOrderWithGateway(order)) order = await findOrderForToken(id, token);
  return NextResponse.json(orderStatusView(order), { headers: { "cache-control": "no-store" } });
}, { limit: "orderStatus" });
