import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";

function decodes(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path with malformed percent-encoding (`/api/orders/%/status`) makes Next's router throw while
 * matching dynamic segments, and it answers a plain-text 500. It is the client's mistake: refuse
 * it here, before routing, with the shop's JSON 400 (plain text for pages).
 */
export function proxy(request: NextRequest) {
  const rawPath = new URL(request.url).pathname;
  if (rawPath.split("/").every(decodes)) return NextResponse.next();
  if (!rawPath.startsWith("/api/")) return new NextResponse("Bad Request: the address is not valid percent-encoding.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return errorResponse(new AppError("invalid_request", "The URL path is not valid percent-encoding", { path: "Malformed percent-encoding (e.g. a lone %)" }));
}

export const config = {
  // Only paths holding a % can be malformed. Narrow on purpose: for every request a proxy sees,
  // Next reads the whole body (buffering up to proxyClientMaxBodySize) before the route runs,
  // which would defeat the route's own body limit (lib/http.ts). No route takes a body at a path
  // with an encoded character, so nothing legitimate is buffered here.
  matcher: ["/(.*%.*)"],
};
