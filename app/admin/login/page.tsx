import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentAdmin } from "@/lib/auth/guards";
import { cardStyles } from "@/components/ui/styles";
import { AdminLoginForm } from "./login-form";

export const metadata: Metadata = { title: "Admin sign-in", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const notices: Record<string, string> = {
  forbidden: "This account is not an admin. Sign in with an admin account.",
  revoked: "You were signed out everywhere. Sign in again.",
  expired: "Admin sessions last 8 hours. Sign in again.",
};

/** Only paths inside the admin: anything else (another site, a scheme) goes to the dashboard. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && /^\/admin(\/|\?|$)/.test(value) && !value.startsWith("//") ? value : "/admin";
}

export default async function AdminLoginPage({ searchParams }: Props) {
  const query = await searchParams;
  // Already signed in as an admin: straight on to where they were going.
  if (await currentAdmin()) redirect(safeCallback(query.callbackUrl));
  const notice = typeof query.reason === "string" ? notices[query.reason] : undefined;
  return (
    <div className={`${cardStyles} mx-auto mt-6 max-w-sm p-6 sm:p-8`}>
      <h1 className="font-display text-2xl font-semibold">Admin sign-in</h1>
      {notice && <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">{notice}</p>}
      <AdminLoginForm callbackUrl={safeCallback(query.callbackUrl)} />
    </div>
  );
}
