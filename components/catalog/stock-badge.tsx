/** Below this many, scarcity is worth telling the shopper. */
const LOW_STOCK = 5;

export function isLowStock(stock: number): boolean {
  return stock > 0 && stock <= LOW_STOCK;
}

export function StockBadge({ stock, className = "" }: { stock: number; className?: string }) {
  if (stock > LOW_STOCK) return null;
  const [label, tone] = stock === 0 ? ["Sold out", "bg-stone-800 text-white"] : [`Only ${stock} left`, "bg-amber-100 text-amber-900 ring-1 ring-amber-300"];
  return <span className={`inline-flex items-center rounded-full px-2.5 py-1 text-xs font-semibold ${tone} ${className}`}>{label}</span>;
}
