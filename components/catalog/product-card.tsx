import Link from "next/link";
import type { ProductMatch, ProductView } from "@/lib/catalog/products";
import { MATCH_START } from "@/lib/catalog/search";
import { formatMoney, money } from "@/lib/money";
import { TaxInclusiveNote } from "@/components/ui/tax-inclusive-note";
import { ProductImage } from "@/components/ui/product-image";
import { Highlighted } from "./highlighted";
import { StockBadge } from "./stock-badge";

export function ProductCard({ product, eager }: { product: ProductView | ProductMatch; eager: boolean }) {
  const match = "nameHighlight" in product ? product : null;
  const soldOut = product.stock === 0;
  return (
    <li className="group relative flex flex-col">
      <div className="relative overflow-hidden rounded-2xl ring-1 ring-stone-200/70">
        {/* The name below is the link text; the illustration adds nothing a screen reader needs. */}
        <ProductImage
          src={product.image}
          alt=""
          eager={eager}
          className={`transition-transform duration-300 group-hover:scale-[1.04] ${soldOut ? "opacity-60 grayscale-[35%]" : ""}`}
        />
        <StockBadge stock={product.stock} className="absolute top-3 left-3" />
      </div>
      <h3 className="mt-3 text-sm font-medium leading-snug text-stone-800 sm:text-base">
        <Link href={`/products/${product.slug}`} className="rounded after:absolute after:inset-0 after:rounded-2xl group-hover:text-brand-800">
          {match?.nameHighlight ? <Highlighted text={match.nameHighlight} /> : product.name}
        </Link>
      </h3>
      {match?.descriptionHighlight && match.descriptionHighlight.includes(MATCH_START) && (
        <p className="mt-1 line-clamp-3 text-xs leading-relaxed text-stone-600">
          <Highlighted text={match.descriptionHighlight} />
        </p>
      )}
      <p className="mt-1 text-sm font-semibold text-stone-900 tabular-nums sm:text-base">
        {product.sizes > 1 && "From "}
        {formatMoney(money(product.price, product.currency))}
      </p>
      <TaxInclusiveNote />
    </li>
  );
}
