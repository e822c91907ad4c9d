import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { AppError } from "@/lib/errors";
import { config as shopConfig } from "@/lib/config";
import { errorResponse } from "@/lib/http";
import { contentSecurityPolicy, newNonce, pageTakesPayment } from "@/lib/security/headers";

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
 * Every page gets a Content-Security-Policy with a fresh nonce: on the response for the browser,
 * and on the request, where Next reads the nonce to put on the scripts it renders (so pages are
 * rendered per request, never prerendered). Pages that render a script of their own read it from
 * `x-nonce` with headers().
 */
function withContentSecurityPolicy(request: NextRequest, headers: Headers): NextResponse {
  const nonce = newNonce();
  const { sandboxUrl } = shopConfig().razorpay;
  const policy = contentSecurityPolicy({
    nonce,
    payment: pageTakesPayment(request.nextUrl.pathname),
    sandboxOrigin: sandboxUrl ? new URL(sandboxUrl).origin : undefined,
    development: process.env.NODE_ENV === "development",
  });
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

/**
 * For /admin/** and /account/**, a first line only: sends people without a session to the right
 * sign-in page before a page renders. It cannot see roles or revoked sessions (that needs the
 * database), so every admin and account page and route checks again on the server
 * (lib/auth/guards.ts). It also passes the page's path on, for the guards' "come back here after
 * signing in".
 */
function signedInAreas(request: NextRequestWithAuth) {
  const { pathname, search } = request.nextUrl;
  if (isAccountArea(pathname) && !pathname.startsWith(ACCOUNT_SIGN_IN) && !request.nextauth.token) {
    const signIn = new URL(ACCOUNT_SIGN_IN, request.nextUrl.origin);
    signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }
  const headers = new Headers(request.headers);
  headers.set("x-shop-path", `${pathname}${search}`);
  return withContentSecurityPolicy(request, headers);
}

const withSession = withAuth(signedInAreas, {
  pages: { signIn: "/admin/login" },
  callbacks: {
    // Admin pages need a password sign-in (a magic-link session is never an admin's); account pages are decided above.
    authorized: ({ token, req }) => !isAdminArea(req.nextUrl.pathname) || token?.via === "credentials",
  },
});

/**
 * The % check comes first, for every path. API routes reach the proxy only for that check; their
 * headers come from next.config.ts. Only the signed-in areas pay for reading the session.
 * next-auth answers nothing for its own sign-in page (/admin/login): that page still gets its policy.
 */
export default async function shopProxy(request: NextRequest, event: NextFetchEvent) {
  const malformed = malformedPath(new URL(request.url).pathname);
  if (malformed) return malformed;
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next();
  if (!isAdminArea(pathname) && !isAccountArea(pathname)) return withContentSecurityPolicy(request, new Headers(request.headers));
  const response = await withSession(request as NextRequestWithAuth, event);
  return response ?? withContentSecurityPolicy(request, new Headers(request.headers));
}

export const config = {
  // Pages (for their Content-Security-Policy, which needs a nonce per request), the admin and
  // account areas, and paths holding a % (only those can be malformed). API routes are left out on
  // purpose: for every request a proxy sees, Next reads the whole body (buffering up to
  // proxyClientMaxBodySize) before the route runs, which would defeat the route's own body limit
  // (lib/http.ts). No API route takes a body at a path with an encoded character, and /api/admin
  // is not matched (its routes check the session themselves). Next's own files and the public
  // folder's files (a dot in the last segment) need no policy.
  matcher: ["/(.*%.*)", "/((?!api/|_next/)(?!.*\\.[^/]*$).*)", "/admin/:path*", "/account/:path*"],
};
