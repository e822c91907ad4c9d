"use client";

import { useState, type FormEvent } from "react";
import { postToNextAuth } from "@/lib/auth/client";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** Asks next-auth's Email provider for a magic link, then shows where to look for it. */
export function ShopperSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      setError("Enter the email address you used for your orders.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await postToNextAuth("signin/email", { email, callbackUrl });
      if (result.message) {
        setError(result.message);
        setPending(false);
        return;
      }
      if (!result.ok) throw new Error(result.error ?? "failed");
      window.location.assign(`/account/sign-in/check-email?email=${encodeURIComponent(email)}`);
    } catch {
      setError("We could not send the sign-in link. Try again in a moment.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <label className="block text-sm font-medium text-stone-800">
        Email
        <input name="email" type="email" autoComplete="email" required className={`${inputStyles} mt-1 w-full`} aria-invalid={error ? true : undefined} />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={pending}>
        {pending ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
