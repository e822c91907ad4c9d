import { NextResponse, type NextRequest } from "next/server";
import { route } from "@/lib/http";
import { findOrderForToken, orderStatusView } from "@/lib/orders/status";

export const GET = route(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const order = await findOrderForToken((await params).id, request.nextUrl.searchParams.get("token"));
  return NextResponse.json(orderStatusView(order), { headers: { "cache-control": "no-store" } });
});
