import { NextResponse } from "next/server";
import { health } from "@/lib/health/health";
import { route } from "@/lib/http";

/** Retry-After on a 503: a load balancer or a person asks again after this many seconds. */
const RETRY_AFTER_SECONDS = 5;

/** For load balancers: 200 while the shop can serve (`ok` or `degraded`), 503 without its database. Not rate limited: probes come every few seconds from one address. */
export const GET = route(async () => {
  const report = await health();
  if (report.status !== "down") return NextResponse.json(report, { headers: { "cache-control": "no-store" } });
  return NextResponse.json(
    { ...report, error: { code: "database_unavailable", message: "The shop cannot reach its database" } },
    { status: 503, headers: { "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) } },
  );
});
