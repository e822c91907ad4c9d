"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { ApiError, sendJson } from "@/components/api";
import { announce } from "@/components/ui/announcer";
import { requestFocus } from "@/components/ui/focus-request";
import { Spinner } from "@/components/ui/spinner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { CartView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";

interface Props {
  /** The line's variant: the cart line URL names it. */
  variantId: string;
  name: string;
  quantity: number;
  /** The most the shopper may choose now: stock and the per-line limit, never below what they have. */
  maxQuantity: number;
}

/** Where the cart page's heading is, for focus after the last line goes (cart page, both states). */
export const CART_HEADING_ID = "cart-heading";
/** The quantity select of the line after (or else before) this one, if any line is left. */
function neighbourQuantity(from: HTMLElement): HTMLElement | null {
  const line = from.closest("li");
  for (const sibling of [line?.nextElementSibling, line?.previousElementSibling]) {
    const select = sibling?.querySelector<HTMLElement>("[data-cart-quantity]");
    if (select) return select;
  }
  return null;
}

/**
 * Quantity and remove for one cart line. Nothing here is ever disabled while a change is under
 * way (a disabled control drops keyboard focus): changes are refused while busy instead. The
 * select stays mounted across the refresh, so focus stays on it; removing a line moves focus to
 * a neighbouring line, or to the heading when the cart is empty. Each outcome is announced.
 */
export function CartLineControls({ variantId, name, quantity, maxQuantity }: Props) {
  const router = useRouter();
  const errorId = useId();
  const removeButton = useRef<HTMLButtonElement>(null);
  const [selected, setSelected] = useState(quantity);
  const [shown, setShown] = useState(quantity);
  const [pending, setPending] = useState<"update" | "remove" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();
  const busy = pending !== null || refreshing;
  const url = `/api/cart/items/${encodeURIComponent(variantId)}`;

  // The server's quantity changed (this refresh, another tab): the selection follows it.
  if (quantity !== shown) {
    setShown(quantity);
    setSelected(quantity);
  }

  async function change(kind: "update" | "remove", request: () => Promise<{ cart: CartView }>, said: (cart: CartView) => string) {
    setPending(kind);
    setError(null);
    try {
      const { cart } = await request();
      if (kind === "remove" && removeButton.current) {
        const next = neighbourQuantity(removeButton.current);
        if (next) next.focus();
        else requestFocus(CART_HEADING_ID);
      }
      announce(said(cart));
      startRefresh(() => router.refresh());
    } catch (failure) {
      setSelected(quantity);
      setError(failure instanceof ApiError ? failure.message : "Could not update your cart. Please try again.");
    } finally {
      setPending(null);
    }
  }

  const subtotal = (cart: CartView) => (cart.lines.length === 0 ? "Your cart is empty." : `Subtotal ${formatMoney(cart.totals.subtotal)}.`);
  return (
    <div>
      <div className="flex items-center gap-3">
        <label htmlFor={`${errorId}-quantity`} className="sr-only">
          Quantity of {name}
        </label>
        <select
          id={`${errorId}-quantity`}
          data-cart-quantity=""
          value={selected}
          aria-disabled={busy}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            if (busy) return;
            const next = Number(event.target.value);
            setSelected(next);
            void change("update", () => sendJson(url, { method: "PATCH", body: { quantity: next } }), (cart) => `${name}: quantity ${next}. ${subtotal(cart)}`);
          }}
          className={`${inputStyles} w-20`}
        >
          {Array.from({ length: maxQuantity }, (_, index) => index + 1).map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button
          ref={removeButton}
          type="button"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) void change("remove", () => sendJson(url, { method: "DELETE" }), (cart) => `Removed ${name} from your cart. ${subtotal(cart)}`);
          }}
          className={`${buttonStyles.quiet} inline-flex items-center gap-1.5`}
          aria-label={`Remove ${name}`}
        >
          {pending === "remove" && <Spinner className="size-3.5" />}
          Remove
        </button>
        {pending === "update" && (
          <span className="inline-flex items-center gap-1.5 text-xs text-stone-600" aria-hidden="true">
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
