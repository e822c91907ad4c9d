import { LOW_STOCK } from "@/lib/catalog/stock";

export { isLowStock } from "@/lib/catalog/stock";

export function StockBadge({ stock, className = "" }: { stock: number; className?: string }) {
  if (stock > LOW_STOCK) return null;
  const [label, tone] = stock === 0 ? ["Sold out", "bg-stone-800 text-white"] : [`Only ${stock} left`, "bg-amber-100 text-amber-900 ring-1 ring-amber-300"];
  return <span className={`inline-flex items-center rounded-full px-2.5 py-1 text-xs font-semibold ${tone} ${className}`}>{label}</span>;
}
