import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { config, mailConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { authAdapter } from "./adapter";
import { recordAuthEvent } from "./audit";
import { sendSignInMail } from "./mail";
import { claimOrdersOfVerifiedEmail } from "./ownership";
import { hashPassword, passwordMatches } from "./passwords";
import { SHOPPER_SESSION_SECONDS, type SessionClaims } from "./session";
import { normalizeEmail } from "./users";

/** A shopper's sign-in link works once, for this long. */
export const MAGIC_LINK_SECONDS = 15 * 60;

/** Verified against when the email is unknown, so a wrong address takes as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** Admins only: a shopper's email with any password is refused like a wrong password. */
async function authorizeAdmin(credentials: Record<"email" | "password", string> | undefined): Promise<{ id: string; email: string; name: string | null; sessionVersion: number } | null> {
  const email = normalizeEmail(credentials?.email ?? "");
  const password = credentials?.password ?? "";
  if (!email || !password || password.length > 1024) return null;
  const user = await db().user.findUnique({ where: { email } });
  const admin = user?.role === "admin" ? user : null;
  decoyHash ??= hashPassword("not the password of anyone");
  const matches = await passwordMatches(admin?.passwordHash ?? (await decoyHash), password);
  if (!admin || !matches) {
    await recordAuthEvent({ userId: user?.id ?? null, actor: user?.id ?? "anonymous", action: "sign_in_refused", data: { email, why: !user ? "unknown_email" : !admin ? "not_admin" : "wrong_password" } });
    log.warn("admin_sign_in_refused", { email });
    return null;
  }
  return { id: admin.id, email: admin.email, name: admin.name, sessionVersion: admin.sessionVersion };
}

function magicLinkMessage(url: string, shopName: string) {
  const text = `Sign in to ${shopName}\n\nOpen this link to sign in and see your orders (it works once, for ${MAGIC_LINK_SECONDS / 60} minutes):\n${url}\n\nIf you did not ask for it, ignore this email.\n`;
  const html = `<p>Sign in to ${shopName}</p><p><a href="${url}">Sign in and see your orders</a> (the link works once, for ${MAGIC_LINK_SECONDS / 60} minutes).</p><p>If you did not ask for it, ignore this email.</p>`;
  return { text, html };
}

let options: NextAuthOptions | undefined;

/**
 * next-auth's configuration, built on first use (the adapter needs the database configuration,
 * which `next build` does not have). Both kinds of sign-in issue JWT sessions: next-auth's
 * Credentials provider works only with them. Revocation and the admins' 8-hour limit are enforced
 * by lib/auth/session.ts against the database on every request.
 */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  const { auth, shopName } = config();
  const mail = mailConfig();
  options = {
    secret: auth.secret,
    adapter: authAdapter(),
    session: { strategy: "jwt", maxAge: SHOPPER_SESSION_SECONDS },
    pages: { signIn: "/account/sign-in", verifyRequest: "/account/sign-in/check-email", error: "/account/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Admin password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeAdmin,
      }),
      EmailProvider({
        // next-auth requires these, for its own sender; delivery goes through sendSignInMail (lib/email/send).
        server: mail.smtpUrl ?? "smtp://127.0.0.1:25",
        from: mail.from,
        maxAge: MAGIC_LINK_SECONDS,
        normalizeIdentifier: normalizeEmail,
        async sendVerificationRequest({ identifier, url }) {
          await sendSignInMail({ to: identifier, subject: `Sign in to ${shopName}`, ...magicLinkMessage(url, shopName) });
        },
      }),
    ],
    callbacks: {
      jwt({ token, user, account }) {
        if (!user || !account) return token;
        // Sign-in: the only moment claims are written; later requests only read them.
        const sessionVersion = (user as { sessionVersion?: unknown }).sessionVersion;
        const claims: SessionClaims = {
          sub: user.id,
          sv: typeof sessionVersion === "number" ? sessionVersion : 0,
          via: account.provider === "credentials" ? "credentials" : "email",
          authTime: Math.floor(Date.now() / 1000),
        };
        return { ...token, ...claims };
      },
      // next-auth's default, except that a callbackUrl (form field, query or cookie, all client-sent) that is
      // not a URL goes home instead of throwing `Invalid URL` out of the handler as a 500.
      redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${url}`;
        return URL.canParse(url) && new URL(url).origin === baseUrl ? url : baseUrl;
      },
      session({ session, token }) {
        return { ...session, user: { name: token.name, email: token.email } };
      },
    },
    // next-auth's own messages go through our logger (redacted), not straight to the console.
    logger: {
      error: (code, metadata) => log.error("next_auth_error", { code, error: metadata instanceof Error ? metadata.message : String((metadata as { message?: unknown })?.message ?? "") }),
      warn: (code) => log.warn("next_auth_warning", { code }),
      debug: (code) => log.debug("next_auth_debug", { code }),
    },
    events: {
      async signIn({ user, account }) {
        log.info("signed_in", { userId: user.id, via: account?.provider === "credentials" ? "credentials" : "email" });
        if (account?.provider === "credentials") await recordAuthEvent({ userId: user.id, actor: user.id, action: "signed_in", data: { via: "credentials" } });
        else await claimOrdersOfVerifiedEmail(user.id);
      },
    },
  };
  return options;
}
