import { NextResponse, type NextRequest } from "next/server";
import { adminFromRequest } from "@/lib/auth/guards";
import { dashboardMetrics, parsePeriod } from "@/lib/admin/metrics";
import { route } from "@/lib/http";

/** The dashboard's figures as JSON: `GET /api/admin/metrics?from=&to=` (default: the last 7 days). */
export const GET = route(async (request: NextRequest) => {
  await adminFromRequest(request);
  const { searchParams } = request.nextUrl;
  const period = parsePeriod({ from: searchParams.get("from"), to: searchParams.get("to") });
  return NextResponse.json(await dashboardMetrics(period), { headers: { "cache-control": "no-store" } });
});
