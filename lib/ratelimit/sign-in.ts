import { normalizeEmail } from "@/lib/auth/users";
import { clientAddress } from "./client";
import { rateLimiter } from "./limiter";

/**
 * Sign-in limits, counted before next-auth sees the request: every password attempt
 * (callback/credentials) and magic-link request (signin/email) counts per address; password
 * attempts also per account, magic links per address they are sent to. Other next-auth
 * endpoints (csrf, session, signout, the link's own callback) are not counted.
 */
export async function limitSignIn(action: string[] | undefined, body: Record<string, unknown> | undefined, request: Request): Promise<void> {
  const path = action?.join("/");
  if (path !== "callback/credentials" && path !== "signin/email") return;
  const limiter = rateLimiter();
  await limiter.check("signIn", `address:${clientAddress(request)}`);
  const account = `account:${normalizeEmail(typeof body?.email === "string" ? body.email : "")}`;
  await limiter.check(path === "signin/email" ? "magicLink" : "signInAccount", account);
}
