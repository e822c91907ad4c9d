"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { ApiError, sendJson } from "@/components/api";
import { MiniCart } from "@/components/cart/mini-cart";
import { announce } from "@/components/ui/announcer";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Spinner } from "@/components/ui/spinner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { CartView } from "@/lib/cart/cart";

type AddState = { kind: "idle" } | { kind: "adding" } | { kind: "failed"; message: string };

/** Client side only for the quantity and the request's progress; the cart itself lives on the server. */
export function AddToCartForm({ productId, variantId, maxQuantity }: { productId: string; variantId?: string; maxQuantity: number }) {
  const router = useRouter();
  const trigger = useRef<HTMLButtonElement>(null);
  const [quantity, setQuantity] = useState(1);
  const [state, setState] = useState<AddState>({ kind: "idle" });
  const [openCart, setOpenCart] = useState<CartView | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const busy = state.kind === "adding" || refreshing;

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setState({ kind: "adding" });
    try {
      const { cart } = await sendJson<{ cart: CartView }>("/api/cart/items", { method: "POST", body: { productId, variantId, quantity } });
      setState({ kind: "idle" });
      setOpenCart(cart);
      const line = cart.lines.find((candidate) => (variantId ? candidate.variantId === variantId : candidate.productId === productId));
      const label = line ? (line.variantName ? `${line.name}, ${line.variantName}` : line.name) : "item";
      announce(`Added ${quantity} × ${label} to your cart. ${cart.count} ${cart.count === 1 ? "item" : "items"} in your cart.`);
      // Re-render the server components so the header's count and the stock note catch up.
      startRefresh(() => router.refresh());
    } catch (error) {
      setState({ kind: "failed", message: error instanceof ApiError ? error.message : "Could not add this to your cart. Please try again." });
    }
  }

  return (
    <>
      <form onSubmit={add} className="space-y-4">
        <div className="flex items-end gap-3">
          <div className="w-24">
            <label htmlFor="quantity" className="mb-1.5 block text-sm font-medium text-stone-700">
              Quantity
            </label>
            <select id="quantity" value={quantity} onChange={(event) => setQuantity(Number(event.target.value))} className={`${inputStyles} w-full`}>
              {Array.from({ length: maxQuantity }, (_, index) => index + 1).map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          {/* aria-disabled, not disabled, while busy: a disabled button drops keyboard focus to the page. */}
          <button ref={trigger} type="submit" aria-disabled={busy} aria-busy={busy} className={`${buttonStyles.primary} flex-1 py-3 text-base aria-disabled:cursor-wait sm:flex-none sm:px-10`}>
            {busy && <Spinner />}
            Add to cart
          </button>
        </div>
        {state.kind === "failed" && <ErrorNotice>{state.message}</ErrorNotice>}
      </form>
      <MiniCart
        cart={openCart}
        onClose={() => {
          setOpenCart(null);
          trigger.current?.focus();
        }}
      />
    </>
  );
}
