/**
 * The shop's security headers, in one place: the per-page Content-Security-Policy that proxy.ts
 * sends with a fresh nonce, and the headers every response carries (next.config.ts). The
 * policies are written out whole so a reviewer reads them, not a builder; the test
 * tests/next/security-headers.test.ts holds the reviewed copy of the checkout page's.
 */

/** Razorpay's hosted checkout: the script the page loads, and the API whose frames draw the popup. */
export const RAZORPAY_CHECKOUT_ORIGINS = ["https://checkout.razorpay.com", "https://api.razorpay.com"] as const;

/**
 * The pages that open Razorpay's popup: checkout, and an order page's "Complete payment". The
 * cart only links to the order page, so it gets the plain policy like every other page.
 */
export function pageTakesPayment(pathname: string): boolean {
  return pathname === "/checkout" || /^\/orders\/[^/]+\/?$/.test(pathname);
}

export interface PolicyOptions {
  nonce: string;
  /** The page opens Razorpay's popup (see pageTakesPayment). */
  payment: boolean;
  /** The local Razorpay stand-in's origin, only when the sandbox is on; it replaces Razorpay's origins. */
  sandboxOrigin?: string;
  /** `next dev`: React's dev tooling evaluates code (eval); never in production. */
  development: boolean;
}

/**
 * - script-src: our own files and the inline scripts Next renders with this request's nonce (Next
 *   reads the nonce from the request's policy header). No 'strict-dynamic', so the Razorpay host is
 *   what lets its checkout.js load, on the payment pages only.
 * - style-src 'unsafe-inline': React renders `style` attributes (the free-shipping bar's width) and
 *   Razorpay's checkout.js styles its popup inline; a nonce cannot cover attributes. Styles cannot
 *   run code; the stylesheet itself comes from 'self'.
 * - connect-src: the shop's own API; on payment pages the popup's API (the sandbox takes the
 *   payment by fetch from the page itself).
 * - frame-src: Razorpay draws its popup in frames from its own origins; nothing else is framed.
 * - form-action 'self': the sign-in forms post to the shop; nothing is form-posted elsewhere.
 */
export function contentSecurityPolicy({ nonce, payment, sandboxOrigin, development }: PolicyOptions): string {
  const paymentOrigins = payment ? (sandboxOrigin ? [sandboxOrigin] : [...RAZORPAY_CHECKOUT_ORIGINS]) : [];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, ...(development ? ["'unsafe-eval'"] : []), ...paymentOrigins],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...paymentOrigins],
    ["frame-src", ...(paymentOrigins.length > 0 ? paymentOrigins : ["'none'"])],
    ["worker-src", "'none'"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((directive) => directive.join(" ")).join("; ");
}

/** A fresh, unguessable nonce per request: 16 random bytes, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Features the shop never uses are denied to it and to any frame. `payment` stays open to
 * Razorpay's frames only (its popup may use the Payment Request API for wallets and UPI).
 */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "bluetooth=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=(self \"https://api.razorpay.com\" \"https://checkout.razorpay.com\")",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
].join(", ");

/** Headers for every response, pages and API alike (next.config.ts). HSTS only in production: `next dev` runs on plain http. */
export function responseHeaders(production: boolean): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Also said by the CSP's frame-ancestors; kept for browsers and scanners that read only this.
    { key: "X-Frame-Options", value: "DENY" },
    // Order links carry their access token in the query string: never send it to other sites.
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** API answers are data, never documents: a policy that lets nothing run if one is opened as a page. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
