import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";

/**
 * Authorization, checked on the server for every admin page and route (never by hiding links).
 * The sign-in itself (next-auth) is being built on branch `auth`; until it lands, nobody is an admin:
 * every admin page and route refuses everyone.
 */
export interface Admin {
  id: string;
  email: string;
  name: string | null;
}

/** For admin route handlers: the signed-in admin, else 401 (anonymous) or 403 (signed in, not an admin). */
export async function adminFromRequest(_request: Request): Promise<Admin> {
  throw new AppError("unauthorized", "Sign in as an admin to use this");
}

/** For admin pages (server components): the signed-in admin, else a redirect to /admin/login. */
export async function requireAdmin(): Promise<Admin> {
  redirect("/admin/login");
}
