import { isLowStock } from "@/components/catalog/stock-badge";
import { VariantPicker } from "@/components/catalog/variant-picker";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";
import type { VariantChoice } from "@/lib/inventory/variants";
import { formatMoney, money } from "@/lib/money";

function stockLabel(stock: number): string {
  if (stock === 0) return "Sold out";
  return isLowStock(stock) ? `Only ${stock} left` : "In stock";
}

/** The picker's data, priced and labelled on the server. */
export function VariantChoices({ productId, currency, variants }: { productId: string; currency: string; variants: VariantChoice[] }) {
  return (
    <VariantPicker
      productId={productId}
      variants={variants.map((variant) => ({
        id: variant.id,
        name: variant.name,
        priceLabel: formatMoney(money(variant.price, currency)),
        stockLabel: stockLabel(variant.stock),
        maxQuantity: Math.min(variant.stock, MAX_QUANTITY_PER_LINE),
      }))}
    />
  );
}
