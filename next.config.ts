import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The dev server refuses its own HMR connection from 127.0.0.1 unless told it is local too.
  allowedDevOrigins: ["127.0.0.1"],
  // Loaded by Node at run time rather than bundled: pg's optional native binding and the SDK's axios.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "razorpay"],
  experimental: {
    // Next copies the body of every request proxy.ts sees (only paths with a %, none of which
    // take a body); keep that copy as small as the shop's own JSON limit instead of 10 MB.
    proxyClientMaxBodySize: "32kb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          // Order links carry their access token in the query string: never send it to other sites.
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
