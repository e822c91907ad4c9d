import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse } from "next/server";

const isAdminArea = (path: string) => path === "/admin" || path.startsWith("/admin/");
const ACCOUNT_SIGN_IN = "/account/sign-in";

/**
 * A first line only: sends people without a session to the right sign-in page before a page
 * renders. It cannot see roles or revoked sessions (that needs the database), so every admin and
 * account page and route checks again on the server (lib/auth/guards.ts). It also passes the
 * page's path on, for the guards' "come back here after signing in".
 */
function proxy(request: NextRequestWithAuth) {
  const { pathname, search } = request.nextUrl;
  const token = request.nextauth.token;
  if (pathname.startsWith("/account") && !pathname.startsWith(ACCOUNT_SIGN_IN) && !token) {
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
    // Admin pages need a password sign-in (a magic-link session is never an admin's); account pages are decided above.
    authorized: ({ token, req }) => !isAdminArea(req.nextUrl.pathname) || token?.via === "credentials",
  },
});

export const config = {
  matcher: ["/admin/:path*", "/account/:path*"],
};
