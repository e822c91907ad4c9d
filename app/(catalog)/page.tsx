import { CatalogListing, CollectionSuggestions } from "@/components/catalog/catalog-listing";
import { OrganizationJsonLd } from "@/components/seo/json-ld";
import { ProductImage } from "@/components/ui/product-image";
import { cachedCollections, cachedListing, cachedProductsBySlugs } from "@/lib/catalog/cached";
import { listingQueryFromPage } from "@/lib/catalog/query";
import { formatMoney, money } from "@/lib/money";
import { FREE_SHIPPING_FROM } from "@/lib/orders/totals";
import { pageMetadata, SHOP_DESCRIPTION } from "@/lib/seo/metadata";

/** Shown, slightly fanned out, beside the welcome text on wide screens. */
const HERO_SLUGS = ["jaipur-blue-pottery-mug", "kashmiri-saffron", "masala-chai-blend"];
const HERO_TILT = ["-rotate-6 translate-y-4", "z-10 -mx-6 rotate-2 -translate-y-3", "rotate-6 translate-y-6"];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export function generateMetadata() {
  return pageMetadata({ description: SHOP_DESCRIPTION, path: "/" });
}

export default async function CatalogPage({ searchParams }: Props) {
  const { query, ignored } = listingQueryFromPage(await searchParams);
  const [listing, collections, hero] = await Promise.all([cachedListing(query), cachedCollections(), cachedProductsBySlugs(HERO_SLUGS)]);
  const filtered = query.collection !== null || query.inStock || query.minPrice !== null || query.maxPrice !== null;

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
          {hero.map((product, index) => (
            <div key={product.id} className={`w-36 overflow-hidden rounded-2xl shadow-xl ring-4 ring-brand-900/40 xl:w-44 ${HERO_TILT[index]}`}>
              <ProductImage src={product.image} alt="" />
            </div>
          ))}
        </div>
      </section>

      <h2 className="mt-10 font-display text-2xl font-semibold">The shop</h2>
      <CatalogListing
        path="/"
        query={query}
        listing={listing}
        collections={collections}
        ignored={ignored}
        empty={
          filtered ? (
            <CollectionSuggestions collections={collections}>
              <p>Nothing matches these filters.</p>
            </CollectionSuggestions>
          ) : (
            <p className="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-stone-600">Our shelves are being restocked. Please check back soon.</p>
          )
        }
      />
    </>
  );
}
