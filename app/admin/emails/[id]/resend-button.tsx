"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/styles";

/** Sends the email again through POST /api/admin/emails/{id}/resend, then shows the page as it now stands. */
export function ResendButton({ emailId }: { emailId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function resend() {
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/admin/emails/${emailId}/resend`, { method: "POST" });
      const body = (await response.json().catch(() => null)) as { delivered?: boolean; error?: { message: string } } | null;
      if (!response.ok) setMessage(body?.error?.message ?? `The resend failed (${response.status}).`);
      else setMessage(body?.delivered ? "Sent again." : "Queued: the mail server did not take it yet, it will be retried.");
      router.refresh();
    } catch {
      setMessage("The shop could not be reached. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex items-center gap-3">
      <button type="button" className={buttonStyles.secondary} onClick={resend} disabled={busy}>
        {busy ? "Sending…" : "Resend"}
      </button>
      {message && (
        <p role="status" className="text-sm text-stone-700">
          {message}
        </p>
      )}
    </div>
  );
}
