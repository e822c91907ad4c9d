import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

/**
 * Cross-site request refusal for the state-changing routes the shop's own pages call (cart,
 * checkout, verify, sign-in, admin actions). A browser always says where a request comes from:
 * a foreign `Origin` or `Sec-Fetch-Site: cross-site` is refused with 403. A page elsewhere can
 * only send "simple" requests without CORS, i.e. bodies typed text/plain, form-urlencoded or
 * multipart: those are refused with 415 too (even from browsers old enough to send no Origin),
 * since our routes take JSON. next-auth's own endpoints take form-urlencoded posts from our own
 * pages: with `allowForms`, a form body passes unless the browser says it comes from elsewhere.
 * Clients that are not browsers (curl, the sandbox, the tests) send neither header and pass.
 * Webhook and cron routes are not guarded: their signature and secret are the defence.
 */
const FORM_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

export interface SameOriginOptions {
  /** Form content types are refused with 415 unless allowed; when allowed, only from our own origin (checked first). */
  allowForms?: boolean;
}

/**
 * The hosts the shop is served as: the Host the browser connected to (and X-Forwarded-Host, which
 * a proxy sets; a page elsewhere cannot set either on a victim's request), the request URL's, and
 * the configured public address. Compared by host, as Next's server actions do: behind a proxy
 * that ends TLS the scheme the server sees differs from the browser's.
 */
function ownHosts(request: Request): Set<string> {
  const hosts = new Set([new URL(request.url).host]);
  for (const header of ["host", "x-forwarded-host"]) {
    const value = request.headers.get(header)?.split(",")[0]?.trim();
    if (value) hosts.add(value.toLowerCase());
  }
  try {
    hosts.add(new URL(config().auth.url).host);
  } catch {
    // No configured public address: the request's own hosts are the only ones.
  }
  return hosts;
}

function isOwnOrigin(origin: string, request: Request): boolean {
  try {
    const { protocol, host } = new URL(origin);
    return (protocol === "https:" || protocol === "http:") && ownHosts(request).has(host);
  } catch {
    return false; // "null" (sandboxed frames, some redirects) and anything unparseable.
  }
}

export function refuseCrossSite(request: Request, options: SameOriginOptions = {}): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || (origin !== null && !isOwnOrigin(origin, request))) {
    throw new AppError("cross_site_request", "This request came from another site and was refused. Use the shop's own pages.");
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) return;
  // Foreign origins were refused above; next-auth also checks its own CSRF token on these posts.
  if (options.allowForms) return;
  throw new AppError("unsupported_media_type", `Content-Type ${type} is not accepted here: send application/json`);
}
