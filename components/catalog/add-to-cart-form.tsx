"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { ApiError, sendJson } from "@/components/api";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

type AddState = { kind: "idle" } | { kind: "adding" } | { kind: "added" } | { kind: "failed"; message: string };

/** Client side only for the quantity and the request's progress; the cart itself lives on the server. */
export function AddToCartForm({ productId, variantId, maxQuantity }: { productId: string; variantId?: string; maxQuantity: number }) {
  const router = useRouter();
  const [quantity, setQuantity] = useState(1);
  const [state, setState] = useState<AddState>({ kind: "idle" });
  const [refreshing, startRefresh] = useTransition();
  const busy = state.kind === "adding" || refreshing;

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: "adding" });
    try {
      await sendJson("/api/cart/items", { method: "POST", body: { productId, variantId, quantity } });
      setState({ kind: "added" });
      // Re-render the server components so the header's count and the stock note catch up.
      startRefresh(() => router.refresh());
    } catch (error) {
      setState({ kind: "failed", message: error instanceof ApiError ? error.message : "Could not add this to your cart. Please try again." });
    }
  }

  return (
    <form onSubmit={add} className="space-y-4">
      <div className="flex items-end gap-3">
        <div className="w-24">
          <label htmlFor="quantity" className="mb-1.5 block text-sm font-medium text-stone-700">
            Quantity
          </label>
          <select id="quantity" value={quantity} onChange={(event) => setQuantity(Number(event.target.value))} disabled={busy} className={`${inputStyles} w-full`}>
            {Array.from({ length: maxQuantity }, (_, index) => index + 1).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} aria-busy={busy} className={`${buttonStyles.primary} flex-1 py-3 text-base sm:flex-none sm:px-10`}>
          {busy && <Spinner />}
          Add to cart
        </button>
      </div>
      {/* Always rendered, so screen readers announce the confirmation when it appears. */}
      <div aria-live="polite">
        {state.kind === "added" && (
          <p className="rounded-xl border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-900">
            <span className="font-semibold">Added to cart.</span>{" "}
            <Link href="/cart" className="font-semibold underline underline-offset-4 hover:text-brand-700">
              View cart
            </Link>
          </p>
        )}
      </div>
      {state.kind === "failed" && <ErrorNotice>{state.message}</ErrorNotice>}
    </form>
  );
}
