"use client";

import { useState } from "react";
import { AddToCartForm } from "@/components/catalog/add-to-cart-form";
import { buttonStyles } from "@/components/ui/styles";

export interface PickerVariant {
  id: string;
  name: string;
  /** Formatted on the server (lib/money.ts). */
  priceLabel: string;
  /** What the shopper can still see: "In stock", "Only 3 left", "Sold out". */
  stockLabel: string;
  /** Stock and the per-line limit; 0 when sold out. */
  maxQuantity: number;
}

/**
 * Sizes or packs as a radio group (arrow keys move between them, sold-out ones are disabled), each
 * with its own price and stock; the add-to-cart form below buys the chosen one. Only for products
 * with several variants: a product with one shows no picker.
 */
export function VariantPicker({ productId, variants }: { productId: string; variants: PickerVariant[] }) {
  const [chosenId, setChosenId] = useState(() => (variants.find((variant) => variant.maxQuantity > 0) ?? variants[0]).id);
  const chosen = variants.find((variant) => variant.id === chosenId) ?? variants[0];

  return (
    <div className="space-y-5">
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-stone-700">
          Size: <span className="font-semibold text-stone-900">{chosen.name}</span>
        </legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {variants.map((variant) => {
            const soldOut = variant.maxQuantity === 0;
            return (
              <label
                key={variant.id}
                className={`relative flex cursor-pointer flex-col rounded-xl border px-3 py-2.5 text-sm transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700 ${
                  variant.id === chosen.id ? "border-brand-700 bg-brand-50 ring-1 ring-brand-700" : "border-stone-300 bg-white hover:border-stone-400"
                } ${soldOut ? "cursor-not-allowed border-dashed bg-stone-50 text-stone-500" : ""}`}
              >
                <input type="radio" name={`variant-${productId}`} value={variant.id} checked={variant.id === chosen.id} disabled={soldOut} onChange={() => setChosenId(variant.id)} className="sr-only" />
                <span className={`font-semibold ${soldOut ? "line-through" : "text-stone-900"}`}>{variant.name}</span>
                <span className="tabular-nums">{variant.priceLabel}</span>
                <span className={`text-xs ${soldOut ? "" : "text-stone-600"}`}>{variant.stockLabel}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {chosen.maxQuantity > 0 ? (
        <AddToCartForm key={chosen.id} productId={productId} variantId={chosen.id} maxQuantity={chosen.maxQuantity} />
      ) : (
        <button type="button" disabled className={`${buttonStyles.primary} w-full py-3 text-base sm:w-auto sm:px-10`}>
          Sold out
        </button>
      )}
    </div>
  );
}
