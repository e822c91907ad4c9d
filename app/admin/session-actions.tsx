"use client";

import { useState } from "react";
import { postToNextAuth } from "@/lib/auth/client";
import { buttonStyles } from "@/components/ui/styles";

/** Sign out (this browser), and sign out everywhere (revokes every session of this admin, then this one). */
export function SessionActions() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut(everywhere: boolean) {
    setPending(true);
    setError(null);
    try {
      if (everywhere) {
        const response = await fetch("/api/admin/session/revoke", { method: "POST" });
        if (!response.ok && response.status !== 401) throw new Error(String(response.status));
      }
      await postToNextAuth("signout", { callbackUrl: "/admin/login" });
      window.location.assign(everywhere ? "/admin/login?reason=revoked" : "/admin/login");
    } catch {
      setError("Could not sign out. Try again.");
      setPending(false);
    }
  }

  return (
    <div className="flex items-center gap-3">
      <button type="button" className={buttonStyles.quiet} disabled={pending} onClick={() => void signOut(false)}>
        Sign out
      </button>
      <button type="button" className={buttonStyles.quiet} disabled={pending} onClick={() => void signOut(true)}>
        Sign out everywhere
      </button>
      {error && <span role="alert" className="text-sm text-red-700">{error}</span>}
    </div>
  );
}
