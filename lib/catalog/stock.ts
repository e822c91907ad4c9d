import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";

/** Below this many, scarcity is worth telling the shopper ("Only 3 left"). */
export const LOW_STOCK = 5;

/**
 * The most stock a page can tell apart: the badge counts down from LOW_STOCK and the quantity menu
 * offers up to MAX_QUANTITY_PER_LINE, so 37 and 36 look the same. Cached pages hold stock capped
 * here, and the database announces a change only when the capped value changes
 * (`catalog_shown_stock` in prisma/migrations/20261126080100_*, compared in a test).
 */
export const STOCK_SHOWN_UP_TO = Math.max(LOW_STOCK, MAX_QUANTITY_PER_LINE);

export function shownStock(stock: number): number {
  return Math.min(stock, STOCK_SHOWN_UP_TO);
}

export function isLowStock(stock: number): boolean {
  return stock > 0 && stock <= LOW_STOCK;
}
