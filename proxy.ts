import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse } from "next/server";
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
function malformedPath(rawPath: string): NextResponse | null {
  if (rawPath.split("/").every(decodes)) return null;
  if (!rawPath.startsWith("/api/")) return new NextResponse("Bad Request: the address is not valid percent-encoding.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return errorResponse(new AppError("invalid_request", "The URL path is not valid percent-encoding", { path: "Malformed percent-encoding (e.g. a lone %)" }));
}

const isAdminArea = (path: string) => path === "/admin" || path.startsWith("/admin/");
const isAccountArea = (path: string) => path === "/account" || path.startsWith("/account/");
const ACCOUNT_SIGN_IN = "/account/sign-in";

/**
 * For /admin/** and /account/**, a first line only: sends people without a session to the right
 * sign-in page before a page renders. It cannot see roles or revoked sessions (that needs the
 * database), so every admin and account page and route checks again on the server
 * (lib/auth/guards.ts). It also passes the page's path on, for the guards' "come back here after
 * signing in".
 */
function proxy(request: NextRequestWithAuth) {
  const malformed = malformedPath(new URL(request.url).pathname);
  if (malformed) return malformed;
  const { pathname, search } = request.nextUrl;
  if (!isAdminArea(pathname) && !isAccountArea(pathname)) return NextResponse.next();
  if (isAccountArea(pathname) && !pathname.startsWith(ACCOUNT_SIGN_IN) && !request.nextauth.token) {
    const signIn = new URL(ACCOUNT_SIGN_IN, request.nextUrl.origin);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set("x-shop-path", `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export default withAuth(proxy, {
  pages: { signIn: "/admin/login" },
  callbacks: {
    // Admin pages need a password sign-in (a magic-link session is never an admin's); everything else is decided above.
    authorized: ({ token, req }) => !isAdminArea(req.nextUrl.pathname) || token?.via === "credentials",
  },
});

export const config = {
  // Paths holding a % (only those can be malformed), and the admin and account pages. Narrow on
  // purpose: for every request a proxy sees, Next reads the whole body (buffering up to
  // proxyClientMaxBodySize) before the route runs, which would defeat the route's own body limit
  // (lib/http.ts). No API route takes a body at a path with an encoded character, and /api/admin
  // is not matched (its routes check the session themselves).
  matcher: ["/(.*%.*)", "/admin/:path*", "/account/:path*"],
};
