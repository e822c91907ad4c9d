"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiError, sendJson } from "@/components/api";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { RefundView } from "@/lib/admin/actions";
import { formatMoney, money, parseDecimalAmount, toDecimalString } from "@/lib/money";

/**
 * An admin's refund of this order. One Idempotency-Key per intended refund: kept when the answer
 * was lost (a retry must not refund twice), replaced once the shop has answered.
 */
export function RefundForm({ orderId, refundable, currency }: { orderId: string; refundable: number; currency: string }) {
  const router = useRouter();
  const id = useId();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [restock, setRestock] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [done, setDone] = useState<RefundView | null>(null);
  const format = (paise: number) => formatMoney(money(paise, currency));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const paise = parseDecimalAmount(amount, currency);
    if (paise === null || paise <= 0) return setError({ message: "Enter an amount in rupees, e.g. 250 or 249.50", field: "amount" });
    if (paise > refundable) return setError({ message: `At most ${format(refundable)} can be refunded`, field: "amount" });
    setBusy(true);
    setError(null);
    try {
      const { refund } = await sendJson<{ refund: RefundView }>(`/api/admin/orders/${orderId}/refunds`, { method: "POST", body: { amount: paise, reason, restock }, headers: { "idempotency-key": key } });
      setDone(refund);
      setAmount("");
      setReason("");
      setRestock(false);
      setKey(crypto.randomUUID());
      router.refresh();
    } catch (caught) {
      const apiError = caught instanceof ApiError ? caught : new ApiError(0, "network_error", "The refund could not be sent");
      // Answered: the key is spent either way. Unanswered: keep it, so retrying cannot refund twice.
      if (!apiError.outcomeUnknown) setKey(crypto.randomUUID());
      setError({ message: apiError.outcomeUnknown ? `${apiError.message} Retrying is safe: it will not refund twice.` : apiError.message, field: Object.keys(apiError.fields)[0] });
    } finally {
      setBusy(false);
    }
  }

  if (refundable <= 0 && !done) return <p className="text-sm text-stone-600">Nothing left to refund.</p>;
  return (
    <form onSubmit={submit} className="space-y-3" aria-describedby={`${id}-left`}>
      <p id={`${id}-left`} className="text-sm text-stone-700">
        Up to <strong className="tabular-nums">{format(refundable)}</strong> can still be refunded.
      </p>
      <div>
        <label htmlFor={`${id}-amount`} className="block text-xs font-medium text-stone-600">
          Amount (₹)
        </label>
        <input id={`${id}-amount`} name="amount" inputMode="decimal" autoComplete="off" required value={amount} onChange={(event) => setAmount(event.target.value)} aria-invalid={error?.field === "amount" || undefined} className={`${inputStyles} mt-1 w-full`} placeholder={toDecimalString(money(refundable, currency))} />
        <button type="button" className={`${buttonStyles.quiet} mt-1 text-xs`} onClick={() => setAmount(toDecimalString(money(refundable, currency)))}>
          Refund everything left
        </button>
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-stone-600">
          Reason (kept in the audit trail)
        </label>
        <textarea id={`${id}-reason`} name="reason" required minLength={3} maxLength={500} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} aria-invalid={error?.field === "reason" || undefined} className={`${inputStyles} mt-1 w-full`} />
      </div>
      <label className="flex items-center gap-2 text-sm text-stone-700">
        <input type="checkbox" name="restock" checked={restock} onChange={(event) => setRestock(event.target.checked)} className="size-4 accent-brand-700" />
        Put the items back in stock once the order is refunded in full
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error.message}
        </p>
      )}
      {done && (
        <p role="status" className="text-sm text-brand-900">
          Refund of {format(done.amount)}: {done.status === "failed" ? `failed: ${done.failureReason}` : done.status === "processed" ? "processed by Razorpay." : "sent to Razorpay."}
        </p>
      )}
      <button type="submit" disabled={busy} className={buttonStyles.primary}>
        {busy ? "Refunding…" : "Refund"}
      </button>
    </form>
  );
}
