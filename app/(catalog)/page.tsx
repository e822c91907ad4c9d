import { connection } from "next/server";
import { ProductCard } from "@/components/catalog/product-card";
import { OrganizationJsonLd } from "@/components/seo/json-ld";
import { ProductImage } from "@/components/ui/product-image";
import { listProducts } from "@/lib/catalog/products";
import { formatMoney, money } from "@/lib/money";
import { FREE_SHIPPING_FROM } from "@/lib/orders/totals";
import { pageMetadata, SHOP_DESCRIPTION } from "@/lib/seo/metadata";

/** Shown, slightly fanned out, beside the welcome text on wide screens. */
const HERO_SLUGS = ["jaipur-blue-pottery-mug", "kashmiri-saffron", "masala-chai-blend"];
const HERO_TILT = ["-rotate-6 translate-y-4", "z-10 -mx-6 rotate-2 -translate-y-3", "rotate-6 translate-y-6"];

/** Enough cards to fill the first screen on a wide display; their images load first. */
const ABOVE_THE_FOLD = 4;

export function generateMetadata() {
  return pageMetadata({ description: SHOP_DESCRIPTION, path: "/" });
}

export default async function CatalogPage() {
  // Stock changes with every order, so the shelf is read per request (and the build has no database).
  await connection();
  const products = await listProducts();

  return (
    <>
      <OrganizationJsonLd />
      <section className="relative overflow-hidden rounded-3xl bg-brand-800 px-6 py-10 text-brand-50 sm:px-10 sm:py-14">
        <div aria-hidden="true" className="absolute -top-24 -right-16 size-72 rounded-full bg-brand-600/40 blur-2xl" />
        <div aria-hidden="true" className="absolute -bottom-28 right-40 size-64 rounded-full bg-amber-400/20 blur-2xl" />
        <div className="relative max-w-xl lg:max-w-md xl:max-w-lg">
          <p className="text-xs font-semibold uppercase tracking-[0.2em] text-amber-200">Small batches · Direct from makers</p>
          <h1 className="mt-3 font-display text-3xl font-semibold leading-tight text-white sm:text-4xl">Teas, spices and handmade goods from across India</h1>
          <p className="mt-4 text-brand-100">
            Estate teas from Assam and Darjeeling, spices pounded by hand, tea-time snacks and pottery and textiles from artisan workshops.
            Free shipping from {formatMoney(money(FREE_SHIPPING_FROM))}.
          </p>
        </div>
        <div aria-hidden="true" className="absolute top-1/2 right-8 hidden -translate-y-1/2 lg:flex">
          {products
            .filter((product) => HERO_SLUGS.includes(product.slug))
            .map((product, index) => (
              <div key={product.id} className={`w-36 overflow-hidden rounded-2xl shadow-xl ring-4 ring-brand-900/40 xl:w-44 ${HERO_TILT[index]}`}>
                <ProductImage src={product.image} alt="" sizes="176px" />
              </div>
            ))}
        </div>
      </section>

      <div className="mt-10 flex items-baseline justify-between">
        <h2 className="font-display text-2xl font-semibold">The shop</h2>
        <p className="text-sm text-stone-500">{products.length === 1 ? "1 product" : `${products.length} products`}</p>
      </div>

      {products.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-stone-600">Our shelves are being restocked. Please check back soon.</p>
      ) : (
        <ul className="mt-6 grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4 lg:gap-x-6">
          {products.map((product, index) => (
            <ProductCard key={product.id} product={product} eager={index < ABOVE_THE_FOLD} />
          ))}
        </ul>
      )}
    </>
  );
}
