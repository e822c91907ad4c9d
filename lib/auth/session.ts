import { decode } from "next-auth/jwt";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/ids";
import type { UserRole } from "@/lib/generated/prisma/enums";

/** Admin sessions end 8 hours after the password was typed, however active they were. */
export const ADMIN_SESSION_SECONDS = 8 * 60 * 60;
/** Shoppers stay signed in for 30 days (the session cookie's lifetime). */
export const SHOPPER_SESSION_SECONDS = 30 * 24 * 60 * 60;

/** What we put in next-auth's JWT at sign-in (lib/auth/options.ts) and rely on here. */
export const sessionClaims = z.object({
  sub: z.string(),
  /** The user's session version when the token was issued: a bumped version revokes the token. */
  sv: z.number().int().nonnegative(),
  /** How the person proved who they are: only a password sign-in ever grants admin rights. */
  via: z.enum(["credentials", "email"]),
  /** When they signed in (Unix seconds). */
  authTime: z.number().int(),
});
export type SessionClaims = z.output<typeof sessionClaims>;

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  emailVerified: Date | null;
  /** True when this session carries admin rights: an admin who signed in with a password less than 8 hours ago. */
  isAdmin: boolean;
}

export type SessionState = { status: "anonymous" } | { status: "revoked" } | { status: "expired" } | { status: "signed_in"; user: SignedInUser };

/** next-auth's session cookie: `__Secure-` prefixed when the shop is served over https, as next-auth names it. */
export function sessionCookieName(): string {
  return config().auth.url.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** Reads a request's cookies by name: a Request's Cookie header, or next/headers' cookie store. */
export type CookieReader = (name: string) => string | undefined;

export function cookieReaderOf(request: Request): CookieReader {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && !cookies.has(part.slice(0, index).trim())) cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  return (name) => cookies.get(name);
}

/** The claims of the session token, or null when there is none or it does not decrypt (wrong secret, tampered, expired). */
export async function readClaims(cookie: CookieReader): Promise<SessionClaims | null> {
  const name = sessionCookieName();
  // next-auth splits tokens over 4 kB into name.0, name.1, ...; ours are far smaller, but read both forms.
  let token = cookie(name);
  if (!token) {
    const chunks: string[] = [];
    for (let i = 0; cookie(`${name}.${i}`); i++) chunks.push(cookie(`${name}.${i}`)!);
    token = chunks.join("") || undefined;
  }
  if (!token) return null;
  try {
    const claims = sessionClaims.safeParse(await decode({ token: decodeURIComponent(token), secret: config().auth.secret }));
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}

/**
 * The one check behind every guard: the token must name a user who still exists and whose
 * session version is still the one in the token (signing out everywhere and role changes bump
 * it), read from the database on every request. Roles come from the database, never the token.
 */
export async function sessionState(claims: SessionClaims | null, now = Date.now()): Promise<SessionState> {
  if (!claims || !isUuid(claims.sub)) return { status: "anonymous" };
  const user = await db().user.findUnique({ where: { id: claims.sub } });
  if (!user || user.sessionVersion !== claims.sv) return { status: "revoked" };
  const adminSession = user.role === "admin" && claims.via === "credentials";
  if (adminSession && claims.authTime + ADMIN_SESSION_SECONDS < now / 1000) return { status: "expired" };
  return { status: "signed_in", user: { id: user.id, email: user.email, name: user.name, role: user.role, emailVerified: user.emailVerified, isAdmin: adminSession } };
}
