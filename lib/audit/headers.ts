import { critical, ok, warning, type Finding } from "./findings";

/**
 * The security headers a reviewer expects on a running shop (issue 8): a Content-Security-Policy
 * with `object-src 'none'` and `frame-ancestors` on pages, HSTS over https, and nosniff,
 * Referrer-Policy and Permissions-Policy everywhere. Pure: it judges headers already fetched.
 */

/** HSTS is worth having for a year at least (the preload list's minimum). */
export const MIN_HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
/** What the audit fetches: the home page, the page that loads Razorpay's checkout, and a JSON API. */
export const AUDITED_PATHS = [
  { path: "/", kind: "page" },
  { path: "/checkout", kind: "page" },
  { path: "/api/products", kind: "api" },
] as const;

export type AuditedKind = (typeof AUDITED_PATHS)[number]["kind"];

export function parseCsp(value: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of value.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

export function checkSecurityHeaders(path: string, kind: AuditedKind, https: boolean, headers: Headers): Finding[] {
  const findings: Finding[] = [];
  const name = (what: string) => `headers.${path}.${what}`;

  if (kind === "page") {
    const csp = headers.get("content-security-policy");
    if (!csp) findings.push(critical(name("csp"), `${path} has no Content-Security-Policy: any injected script runs, and the checkout page can be framed`));
    else {
      const directives = parseCsp(csp);
      const objectSrc = directives.get("object-src");
      findings.push(objectSrc?.length === 1 && objectSrc[0] === "'none'" ? ok(name("csp.object-src"), "object-src 'none'") : warning(name("csp.object-src"), `${path}: the CSP should say object-src 'none' (found ${objectSrc ? objectSrc.join(" ") : "nothing"})`));
      const frameAncestors = directives.get("frame-ancestors");
      if (!frameAncestors) findings.push(critical(name("csp.frame-ancestors"), `${path}: the CSP has no frame-ancestors: another site can frame the page (clickjacking)`));
      else if (frameAncestors.some((source) => source === "*" || source.startsWith("http:") || source === "https:")) findings.push(warning(name("csp.frame-ancestors"), `${path}: frame-ancestors ${frameAncestors.join(" ")} lets other sites frame the page`));
      else findings.push(ok(name("csp.frame-ancestors"), `frame-ancestors ${frameAncestors.join(" ")}`));
      const scriptSrc = directives.get("script-src") ?? directives.get("default-src") ?? [];
      if (scriptSrc.includes("'unsafe-inline'") && !scriptSrc.some((source) => source.startsWith("'nonce-") || source.startsWith("'sha"))) findings.push(warning(name("csp.script-src"), `${path}: script-src allows 'unsafe-inline' without a nonce: the CSP does not stop injected scripts`));
    }
  }

  if (https) {
    const hsts = headers.get("strict-transport-security");
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? "")?.[1] ?? NaN);
    if (!hsts) findings.push(critical(name("hsts"), `${path} is served over https without Strict-Transport-Security: a first visit can be downgraded`));
    else if (!(maxAge >= MIN_HSTS_MAX_AGE_SECONDS)) findings.push(warning(name("hsts"), `${path}: Strict-Transport-Security max-age is ${Number.isNaN(maxAge) ? "missing" : maxAge}; use at least ${MIN_HSTS_MAX_AGE_SECONDS} (one year)`));
    else findings.push(ok(name("hsts"), `Strict-Transport-Security: ${hsts}`));
  }

  const nosniff = headers.get("x-content-type-options");
  findings.push(nosniff?.toLowerCase() === "nosniff" ? ok(name("nosniff"), "X-Content-Type-Options: nosniff") : warning(name("nosniff"), `${path} has no X-Content-Type-Options: nosniff`));
  const referrer = headers.get("referrer-policy");
  findings.push(referrer && !/unsafe-url|no-referrer-when-downgrade/i.test(referrer) ? ok(name("referrer-policy"), `Referrer-Policy: ${referrer}`) : warning(name("referrer-policy"), `${path}: Referrer-Policy is ${referrer ?? "missing"}: order URLs carry their access token and must not leak to other sites`));
  if (kind === "page") {
    const permissions = headers.get("permissions-policy");
    findings.push(permissions ? ok(name("permissions-policy"), "Permissions-Policy set") : warning(name("permissions-policy"), `${path} has no Permissions-Policy`));
  }
  return findings;
}

/** Fetches each audited path (without following redirects: the headers of the answer itself count) and judges its headers. */
export async function auditHeaders(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<Finding[]> {
  const base = new URL(baseUrl);
  const https = base.protocol === "https:";
  const findings: Finding[] = [];
  if (!https && !["localhost", "127.0.0.1", "[::1]"].includes(base.hostname)) findings.push(critical("headers.https", `${baseUrl} is not served over https: card-payment pages must be`));
  for (const { path, kind } of AUDITED_PATHS) {
    try {
      const response = await fetchImpl(new URL(path, base), { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      if (response.status >= 500) findings.push(critical(`headers.${path}.status`, `${path} answered ${response.status}`));
      findings.push(...checkSecurityHeaders(path, kind, https, response.headers));
    } catch (error) {
      findings.push(critical(`headers.${path}.reachable`, `${path} could not be fetched: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error)}`));
    }
  }
  return findings;
}
