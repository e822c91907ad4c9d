import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";

/**
 * Signing in against a running shop through next-auth's real endpoints, as a browser does:
 * a CSRF token (and its cookie) from /api/auth/csrf, then the credentials callback or the
 * magic-link flow. Works against the integration tests' app server and against `next start`.
 */
export const E2E_ADMIN = { email: "e2e-admin@example.com", password: "e2e-admin-password-0001" };

/** Where the browser tests' shop (tests/e2e/server.ts) writes sign-in emails, per port. */
export function e2eMailDirectory(port: number): string {
  return path.join(tmpdir(), `storefront-e2e-mail-${port}`);
}

/** A cookie jar keyed by name, fed from Set-Cookie headers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      // next-auth clears cookies by setting them empty with an expiry in the past.
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

async function csrf(baseUrl: string, jar: CookieJar): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.absorb(response);
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}

async function postForm(baseUrl: string, path: string, jar: CookieJar, fields: Record<string, string>): Promise<Response> {
  const csrfToken = await csrf(baseUrl, jar);
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ ...fields, csrfToken, json: "true" }),
  });
  jar.absorb(response);
  return response;
}

/** POST /api/auth/callback/credentials as next-auth documents it; returns the jar holding the session cookie. */
export async function signInWithPassword(baseUrl: string, email: string, password: string): Promise<{ jar: CookieJar; ok: boolean; url: string }> {
  const jar = new CookieJar();
  const response = await postForm(baseUrl, "/api/auth/callback/credentials", jar, { email, password, callbackUrl: `${baseUrl}/admin` });
  const { url = "" } = (await response.json().catch(() => ({}))) as { url?: string };
  return { jar, ok: response.ok && !url.includes("error=") && Boolean(jar.get("next-auth.session-token")), url };
}

/** Signs in as an admin and returns the Cookie header for its session; fails the test if refused. */
export async function adminCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const { jar, ok, url } = await signInWithPassword(baseUrl, email, password);
  if (!ok) throw new Error(`admin sign-in refused: ${url}`);
  return jar.header();
}

/** The newest development mail (lib/auth/mail.ts) sent to `to`, waiting for it to appear. */
export async function latestMailTo(directory: string, to: string, timeoutMs = 10_000): Promise<{ subject: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith(".json")).sort().reverse();
    for (const file of files) {
      const message = JSON.parse(await readFile(path.join(directory, file), "utf8")) as { to: string; subject: string; text: string };
      if (message.to === to) return message;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${directory}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The shopper's whole magic-link flow: ask for a link (POST /api/auth/signin/email), read it from
 * the development mail folder, open it (GET /api/auth/callback/email?...), keep the session cookie.
 */
export async function signInByMagicLink(baseUrl: string, email: string, mailDirectory: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const asked = await postForm(baseUrl, "/api/auth/signin/email", jar, { email, callbackUrl: `${baseUrl}/account/orders` });
  if (!asked.ok) throw new Error(`magic link refused: ${asked.status} ${await asked.text()}`);
  const mail = await latestMailTo(mailDirectory, email.toLowerCase());
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no sign-in link in: ${mail.text}`);
  const opened = await fetch(link, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.absorb(opened);
  if (!jar.get("next-auth.session-token")) throw new Error(`the magic link did not sign in: ${opened.status} ${opened.headers.get("location")}`);
  return jar;
}

/** A session cookie minted the way next-auth mints it (its own `encode`), with chosen claims: for stale or forged-looking sessions. */
export async function mintedSessionCookie(secret: string, claims: { sub: string; sv: number; via: "credentials" | "email"; authTime?: number; email?: string }): Promise<string> {
  const token = await encode({ secret, token: { email: claims.email, ...claims, authTime: claims.authTime ?? Math.floor(Date.now() / 1000) } });
  return `next-auth.session-token=${token}`;
}
