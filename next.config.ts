import path from "node:path";
import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, responseHeaders } from "./lib/security/headers";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Catalogue data is rendered from cache ('use cache' in lib/catalog); pages stay per request for the CSP nonce.
  cacheComponents: true,
  // Pages are per request (the nonce), so there is no static shell to prefetch.
  partialPrefetching: false,
  // Next's in-memory cache, plus invalidations every instance reads from the database (issue 9).
  cacheHandlers: { default: path.resolve("lib/catalog/cache-handler.mjs") },
  // Only tests/next/secrets.test.ts sets it: it builds beside the normal build, with sentinel secrets.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The dev server refuses its own HMR connection from 127.0.0.1 unless told it is local too.
  allowedDevOrigins: ["127.0.0.1"],
  // Loaded by Node at run time rather than bundled: pg's optional native binding, the SDK's axios,
  // and pg-boss (one instance per process, shared by instrumentation.ts and the routes).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "razorpay", "pg-boss"],
  experimental: {
    // Next copies the body of every request proxy.ts sees (pages, and paths with a %, none of
    // which take a body); keep that copy as small as the shop's own JSON limit instead of 10 MB.
    proxyClientMaxBodySize: "32kb",
  },
  async headers() {
    return [
      // Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts.
      { source: "/:path*", headers: responseHeaders(process.env.NODE_ENV === "production") },
      // API routes are not seen by proxy.ts (it would buffer their bodies): their policy is static.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
