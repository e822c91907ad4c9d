import { NextResponse, type NextRequest } from "next/server";
import { listOrders, parseOrderFilter } from "@/lib/admin/orders";
import { adminFromRequest } from "@/lib/auth/guards";
import { route } from "@/lib/http";

/** The admin's order list as JSON: the same filter, sort and pages as /admin/orders. */
export const GET = route(async (request: NextRequest) => {
  await adminFromRequest(request);
  const { filter } = parseOrderFilter(request.nextUrl.searchParams);
  return NextResponse.json(await listOrders(filter), { headers: { "cache-control": "no-store" } });
});
