import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/catalog/breadcrumb";
import { cache } from "react";
import { AddToCartForm } from "@/components/catalog/add-to-cart-form";
import { isLowStock, StockBadge } from "@/components/catalog/stock-badge";
import { VariantChoices } from "@/components/catalog/variant-choices";
import { ProductJsonLd } from "@/components/seo/json-ld";
import { ProductImage } from "@/components/ui/product-image";
import { buttonStyles } from "@/components/ui/styles";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";
import { currentCart } from "@/lib/cart/current";
import { cachedProduct } from "@/lib/catalog/cached";
import { variantsOf } from "@/lib/inventory/variants";
import { formatMoney, money } from "@/lib/money";
import { TaxInclusiveNote } from "@/components/ui/tax-inclusive-note";
import { FREE_SHIPPING_FROM } from "@/lib/orders/totals";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ slug: string }> };

/** Search engines get the price and stock as they are now (the variants are read per request; the product is cached). */
function freshestOffer(variants: readonly { price: number; stock: number }[]) {
  return { price: Math.min(...variants.map((variant) => variant.price)), stock: variants.reduce((sum, variant) => sum + variant.stock, 0) };
}

/** The metadata and the page ask for the same product; one query serves both. */
const productFor = cache(cachedProduct);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productFor((await params).slug);
  return product ? pageMetadata({ title: product.name, description: product.description, path: `/products/${product.slug}`, ownShareImage: true }) : {};
}

export default async function ProductPage({ params }: Props) {
  const product = await productFor((await params).slug);
  if (!product) notFound();
  const [cart, variants] = await Promise.all([currentCart(), variantsOf(product.id)]);
  const inCart = cart.lines.filter((line) => line.productId === product.id).reduce((sum, line) => sum + line.quantity, 0);
  const maxQuantity = Math.min(product.stock, MAX_QUANTITY_PER_LINE);

  return (
    <>
      <ProductJsonLd product={{ ...product, ...freshestOffer(variants), variants }} />
      <Breadcrumb current={product.name} />

      <div className="grid gap-8 md:grid-cols-2 lg:gap-14">
        <div className="relative self-start overflow-hidden rounded-3xl ring-1 ring-stone-200/70">
          <ProductImage src={product.image} alt={product.name} eager />
          <StockBadge stock={product.stock} className="absolute top-4 left-4" />
        </div>

        <div className="flex flex-col">
          <h1 className="font-display text-3xl font-semibold leading-tight sm:text-4xl">{product.name}</h1>
          <p className="mt-3 text-2xl font-semibold text-stone-900 tabular-nums">
            {variants.length > 1 && "From "}
            {formatMoney(money(product.price, product.currency))}
          </p>
          <TaxInclusiveNote className="mt-0.5" />
          <p className={`mt-2 text-sm font-medium ${product.stock === 0 ? "text-stone-500" : isLowStock(product.stock) ? "text-amber-800" : "text-brand-700"}`}>
            {product.stock === 0 ? "Sold out" : isLowStock(product.stock) ? `Only ${product.stock} left in stock` : "In stock"}
          </p>
          <p className="mt-6 leading-relaxed text-stone-700">{product.description}</p>

          <div className="mt-8 border-t border-stone-200 pt-6">
            {variants.length > 1 ? (
              <VariantChoices productId={product.id} currency={product.currency} variants={variants} />
            ) : maxQuantity > 0 ? (
              <AddToCartForm productId={product.id} maxQuantity={maxQuantity} />
            ) : (
              <button type="button" disabled className={`${buttonStyles.primary} w-full py-3 text-base sm:w-auto sm:px-10`}>
                Sold out
              </button>
            )}
            {inCart > 0 && (
              <p className="mt-4 text-sm text-stone-600">
                You have {inCart} in your{" "}
                <Link href="/cart" className="font-medium text-brand-800 underline underline-offset-4">
                  cart
                </Link>
                .
              </p>
            )}
          </div>

          <ul className="mt-8 space-y-2 text-sm text-stone-600">
            <li className="flex gap-2">
              <span aria-hidden="true" className="text-brand-600">✓</span>
              Free shipping on orders from {formatMoney(money(FREE_SHIPPING_FROM))}
            </li>
            <li className="flex gap-2">
              <span aria-hidden="true" className="text-brand-600">✓</span>
              Secure payment with cards, UPI or netbanking via Razorpay
            </li>
          </ul>
        </div>
      </div>
    </>
  );
}
