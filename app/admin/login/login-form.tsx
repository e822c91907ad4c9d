"use client";

import { useState, type FormEvent } from "react";
import { postToNextAuth } from "@/lib/auth/client";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** Posts through next-auth's credentials flow; on success follows next-auth's redirect to where the admin was going. */
export function AdminLoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await postToNextAuth("callback/credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), callbackUrl });
      if (!result.ok) {
        setError(result.message ?? (result.error === "CredentialsSignin" ? "That email and password do not match an admin account." : "Sign-in is not available right now. Try again in a moment."));
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setError("Sign-in is not available right now. Try again in a moment.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <label className="block text-sm font-medium text-stone-800">
        Email
        <input name="email" type="email" autoComplete="username" required className={`${inputStyles} mt-1 w-full`} aria-invalid={error ? true : undefined} />
      </label>
      <label className="block text-sm font-medium text-stone-800">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={`${inputStyles} mt-1 w-full`} aria-invalid={error ? true : undefined} />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttonStyles.primary} w-full`} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
