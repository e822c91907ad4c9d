import type { NextRequest } from "next/server";
import { exportFileName, exportOrdersCsv } from "@/lib/admin/export";
import { parseOrderFilter } from "@/lib/admin/orders";
import { adminFromRequest } from "@/lib/auth/guards";
import { route } from "@/lib/http";

/** The current filter of /admin/orders as a CSV download, streamed in batches (sort kept, page ignored). */
export const GET = route(async (request: NextRequest) => {
  await adminFromRequest(request);
  const { filter } = parseOrderFilter(request.nextUrl.searchParams);
  return new Response(exportOrdersCsv(filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${exportFileName()}"`,
      "cache-control": "no-store",
    },
  });
});
