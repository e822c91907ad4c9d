"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiError, sendJson } from "@/components/api";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** Clears the order's flag once an admin has looked into it, with a note for the audit trail. */
export function ResolveFlagForm({ orderId }: { orderId: string }) {
  const router = useRouter();
  const id = useId();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sendJson(`/api/admin/orders/${orderId}/resolve`, { method: "POST", body: { note } });
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "The flag could not be resolved");
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-3 space-y-2">
      <label htmlFor={`${id}-note`} className="block text-xs font-medium text-red-900">
        What you found and did (kept in the audit trail)
      </label>
      <textarea id={`${id}-note`} required minLength={3} maxLength={1000} rows={2} value={note} onChange={(event) => setNote(event.target.value)} className={`${inputStyles} w-full`} />
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} className={buttonStyles.secondary}>
        {busy ? "Resolving…" : "Mark as resolved"}
      </button>
    </form>
  );
}
