"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, sendJson } from "@/components/api";
import { buttonStyles } from "@/components/ui/styles";
import type { ReplayResult } from "@/lib/admin/webhooks";

/** Puts a dead-lettered webhook back in the queue and processes it now. */
export function ReplayWebhookButton({ eventId }: { eventId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function replay() {
    setBusy(true);
    try {
      const result = await sendJson<ReplayResult>(`/api/admin/webhooks/${encodeURIComponent(eventId)}/replay`, { method: "POST" });
      setMessage(!result.replayed ? `Not replayed: it is ${result.status}.` : result.status === "processed" ? "Replayed and processed." : `Replayed; it failed again (${result.lastError ?? result.status}) and will be retried.`);
      router.refresh();
    } catch (caught) {
      setMessage(caught instanceof ApiError ? caught.message : "The replay could not be sent");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" onClick={replay} disabled={busy} className={`${buttonStyles.secondary} px-3 py-1 text-xs`}>
        {busy ? "Replaying…" : "Replay"}
      </button>
      {message && (
        <span role="status" className="text-xs text-stone-700">
          {message}
        </span>
      )}
    </span>
  );
}
