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

/** Where the browser tests' shop (tests/e2e/server.ts) writes the emails its SMTP catcher receives, per port. */
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

const SIGN_IN_LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/;

/** Waits for `find` to return a value, or fails naming what was awaited. */
async function waitFor<T>(what: string, find: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no ${what} in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The newest sign-in link mailed to `to` by a shop whose route handlers run in this process (the
 * integration tests' app server) with no SMTP server: the development transport keeps what it
 * "sent" (lib/email/send's recentDevMail, newest first).
 */
export async function signInLinkSentInProcess(to: string): Promise<string> {
  const { recentDevMail } = await import("@/lib/email/send");
  return waitFor(`sign-in link for ${to}`, () => {
    const mail = recentDevMail().find((message) => message.to === to && SIGN_IN_LINK.test(message.text));
    return mail ? SIGN_IN_LINK.exec(mail.text)![0] : undefined;
  });
}

/** The newest sign-in link the browser tests' shop sent to `to`, from the folder its SMTP catcher writes to (tests/e2e/server.ts). */
export async function signInLinkFromFolder(directory: string, to: string): Promise<string> {
  return waitFor(`sign-in link for ${to} in ${directory}`, async () => {
    const files = (await readdir(directory).catch(() => [] as string[])).filter((file) => file.endsWith(".json")).sort().reverse();
    for (const file of files) {
      const mail = JSON.parse(await readFile(path.join(directory, file), "utf8")) as { to: string[]; text: string };
      if (mail.to.includes(to) && SIGN_IN_LINK.test(mail.text)) return SIGN_IN_LINK.exec(mail.text)![0];
    }
    return undefined;
  });
}

/** An SMTP message's body as text: quoted-printable soft breaks and escapes undone (enough to find a link). */
export function decodedBody(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The shopper's whole magic-link flow: ask for a link (POST /api/auth/signin/email), find it in
 * what the shop mailed, open it (GET /api/auth/callback/email?...), keep the session cookie.
 */
export async function signInByMagicLink(baseUrl: string, email: string, findLink: (to: string) => Promise<string> = signInLinkSentInProcess): Promise<CookieJar> {
  const jar = new CookieJar();
  const asked = await postForm(baseUrl, "/api/auth/signin/email", jar, { email, callbackUrl: `${baseUrl}/account/orders` });
  if (!asked.ok) throw new Error(`magic link refused: ${asked.status} ${await asked.text()}`);
  const link = await findLink(email.toLowerCase());
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
