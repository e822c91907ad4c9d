"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { ApiError, sendJson } from "@/components/api";
import { Spinner } from "@/components/ui/spinner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

interface Props {
  /** The line's variant: the cart line URL names it. */
  variantId: string;
  name: string;
  quantity: number;
  /** The most the shopper may choose now: stock and the per-line limit, never below what they have. */
  maxQuantity: number;
}

/**
 * Quantity and remove for one cart line. The parent keys it by the server's quantity, so the
 * local selection starts over whenever the cart is re-read.
 */
export function CartLineControls({ variantId, name, quantity, maxQuantity }: Props) {
  const router = useRouter();
  const errorId = useId();
  const [selected, setSelected] = useState(quantity);
  const [pending, setPending] = useState<"update" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const busy = pending !== null || refreshing;
  const url = `/api/cart/items/${encodeURIComponent(variantId)}`;

  async function change(kind: "update" | "remove", request: () => Promise<unknown>) {
    setPending(kind);
    setError(null);
    try {
      await request();
      startRefresh(() => router.refresh());
    } catch (failure) {
      setSelected(quantity);
      setError(failure instanceof ApiError ? failure.message : "Could not update your cart. Please try again.");
    } finally {
      setPending(null);
    }
  }

  return (
    <div>
      <div className="flex items-center gap-3">
        <label htmlFor={`${errorId}-quantity`} className="sr-only">
          Quantity of {name}
        </label>
        <select
          id={`${errorId}-quantity`}
          value={selected}
          disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            const next = Number(event.target.value);
            setSelected(next);
            void change("update", () => sendJson(url, { method: "PATCH", body: { quantity: next } }));
          }}
          className={`${inputStyles} w-20`}
        >
          {Array.from({ length: maxQuantity }, (_, index) => index + 1).map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy} onClick={() => change("remove", () => sendJson(url, { method: "DELETE" }))} className={`${buttonStyles.quiet} inline-flex items-center gap-1.5`} aria-label={`Remove ${name}`}>
          {pending === "remove" && <Spinner className="size-3.5" />}
          Remove
        </button>
        {pending === "update" && (
          <span className="inline-flex items-center gap-1.5 text-xs text-stone-500" role="status">
            <Spinner className="size-3.5" />
            Updating…
          </span>
        )}
      </div>
      {error && (
        <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
