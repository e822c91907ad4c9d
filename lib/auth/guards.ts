import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { cookieReaderOf, readClaims, sessionState, type SessionState, type SignedInUser } from "./session";

/**
 * Authorization, checked on the server for every admin page and route (never by hiding links,
 * and not only by proxy.ts, which is a first line): each call reads the session token and checks
 * it against the database (lib/auth/session.ts).
 */
export interface Admin {
  id: string;
  email: string;
  name: string | null;
}

const asAdmin = (user: SignedInUser): Admin => ({ id: user.id, email: user.email, name: user.name });

function adminOrError(state: SessionState): Admin {
  if (state.status === "revoked") throw new AppError("unauthorized", "This session was signed out: sign in again as an admin");
  if (state.status === "expired") throw new AppError("unauthorized", "Admin sessions last 8 hours: sign in again");
  if (state.status !== "signed_in") throw new AppError("unauthorized", "Sign in as an admin to use this");
  if (!state.user.isAdmin) throw new AppError("forbidden", "This account is not an admin");
  return asAdmin(state.user);
}

/** For admin route handlers: the signed-in admin, else 401 (anonymous, signed out, expired) or 403 (signed in, not an admin). */
export async function adminFromRequest(request: Request): Promise<Admin> {
  return adminOrError(await sessionState(await readClaims(cookieReaderOf(request))));
}

/** The session of the page being rendered (server components only). */
async function pageSession(): Promise<SessionState> {
  const cookieStore = await cookies();
  return sessionState(await readClaims((name) => cookieStore.get(name)?.value));
}

/** The page's own path, passed on by proxy.ts, to come back to after signing in; only paths under `prefix`. */
async function returnPath(prefix: string): Promise<string> {
  const path = (await headers()).get("x-shop-path") ?? "";
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`) ? path : prefix;
}

/** For admin pages (server components): the signed-in admin, else a redirect to /admin/login. */
export async function requireAdmin(): Promise<Admin> {
  const state = await pageSession();
  if (state.status === "signed_in" && state.user.isAdmin) return asAdmin(state.user);
  const reason = state.status === "signed_in" ? "forbidden" : state.status === "anonymous" ? null : state.status;
  const query = new URLSearchParams({ callbackUrl: await returnPath("/admin") });
  if (reason) query.set("reason", reason);
  redirect(`/admin/login?${query}`);
}

/** The signed-in admin for the admin shell, or null (the login page renders without the shell). */
export async function currentAdmin(): Promise<Admin | null> {
  const state = await pageSession();
  return state.status === "signed_in" && state.user.isAdmin ? asAdmin(state.user) : null;
}

export interface Shopper {
  id: string;
  email: string;
  name: string | null;
  /** Orders are theirs only once they proved the address (a magic link). */
  emailVerified: boolean;
}

/** For account pages: whoever is signed in (admins too, as shoppers of their own orders), or null. */
export async function currentShopper(): Promise<Shopper | null> {
  const state = await pageSession();
  if (state.status !== "signed_in") return null;
  return { id: state.user.id, email: state.user.email, name: state.user.name, emailVerified: state.user.emailVerified !== null };
}

/** For account pages: the signed-in shopper, else a redirect to the sign-in page. */
export async function requireShopper(): Promise<Shopper> {
  const shopper = await currentShopper();
  if (shopper) return shopper;
  redirect(`/account/sign-in?${new URLSearchParams({ callbackUrl: await returnPath("/account") })}`);
}
