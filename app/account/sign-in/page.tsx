import type { Metadata } from "next";
import { cardStyles } from "@/components/ui/styles";
import { ShopperSignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** next-auth sends sign-in errors here (?error=...): an expired or used link is the common one. */
const errors: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  EmailSignin: "We could not send the sign-in link. Try again in a moment.",
};

function safeCallback(value: string | string[] | undefined): string {
  return typeof value === "string" && /^\/account(\/|\?|$)/.test(value) ? value : "/account/orders";
}

export default async function ShopperSignInPage({ searchParams }: Props) {
  const query = await searchParams;
  const error = typeof query.error === "string" ? (errors[query.error] ?? "Sign-in did not work. Ask for a new link.") : null;
  return (
    <div className={`${cardStyles} mx-auto mt-6 max-w-sm p-6 sm:p-8`}>
      <h1 className="font-display text-2xl font-semibold">Your orders</h1>
      <p className="mt-2 text-sm text-stone-600">Sign in with the email you used at checkout. We will email you a link; no password needed.</p>
      {error && (
        <p role="alert" className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error}
        </p>
      )}
      <ShopperSignInForm callbackUrl={safeCallback(query.callbackUrl)} />
    </div>
  );
}
