import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, pageTakesPayment, responseHeaders } from "@/lib/security/headers";

// The policies a live shop sends (real Razorpay, no sandbox); tests/next/security-headers.test.ts
// checks the sandbox shop's through next start.
describe("the Content-Security-Policy", () => {
  it("on a live shop's payment pages allows Razorpay's checkout script, API and frames, and nothing else from outside", () => {
    expect(contentSecurityPolicy({ nonce: "N", payment: true, development: false }).split("; ")).toEqual([
      "default-src 'self'",
      "script-src 'self' 'nonce-N' https://checkout.razorpay.com https://api.razorpay.com",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self' https://checkout.razorpay.com https://api.razorpay.com",
      "frame-src https://checkout.razorpay.com https://api.razorpay.com",
      "worker-src 'none'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ]);
  });

  it("on every other page allows no outside origin and no frames", () => {
    const policy = contentSecurityPolicy({ nonce: "N", payment: false, sandboxOrigin: "http://127.0.0.1:4010", development: false });
    expect(policy).not.toMatch(/razorpay|127\.0\.0\.1/);
    expect(policy).toContain("script-src 'self' 'nonce-N';");
    expect(policy).toContain("frame-src 'none';");
  });

  it("allows the sandbox instead of Razorpay when the sandbox is on", () => {
    const policy = contentSecurityPolicy({ nonce: "N", payment: true, sandboxOrigin: "http://127.0.0.1:4010", development: false });
    expect(policy).toContain("script-src 'self' 'nonce-N' http://127.0.0.1:4010;");
    expect(policy).not.toContain("razorpay.com");
  });

  it("allows eval only in development (React's dev tooling)", () => {
    expect(contentSecurityPolicy({ nonce: "N", payment: false, development: true })).toContain("script-src 'self' 'nonce-N' 'unsafe-eval';");
    expect(contentSecurityPolicy({ nonce: "N", payment: true, development: false })).not.toContain("unsafe-eval");
  });

  it("is sent with the Razorpay origins on checkout and order pages only", () => {
    expect(["/checkout", "/orders/5af157b0-b2cc-4e36-9ccb-dadc9bd2f5d7"].map(pageTakesPayment)).toEqual([true, true]);
    expect(["/", "/cart", "/checkout/x", "/orders", "/orders/a/b", "/account/orders", "/admin/orders/x", "/products/tea"].map(pageTakesPayment)).toEqual(Array(8).fill(false));
  });

  it("uses a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the headers on every response", () => {
  it("send HSTS in production only", () => {
    expect(responseHeaders(true).find((header) => header.key === "Strict-Transport-Security")?.value).toBe("max-age=63072000; includeSubDomains");
    expect(responseHeaders(false).map((header) => header.key)).not.toContain("Strict-Transport-Security");
  });
});
