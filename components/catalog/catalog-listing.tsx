import Link from "next/link";
import type { CollectionView } from "@/lib/catalog/collections";
import type { Listing } from "@/lib/catalog/products";
import { DEFAULT_PAGE_SIZE, listingHref, type ListingQuery, type Sort } from "@/lib/catalog/query";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { ProductCard } from "./product-card";

const SORT_LABELS: Record<Sort, string> = {
  featured: "Featured",
  price_asc: "Price: low to high",
  price_desc: "Price: high to low",
  newest: "Newest",
};

/** Enough cards to fill the first screen on a wide display; their images load first. */
const ABOVE_THE_FOLD = 4;

interface Props {
  /** The page's own path: /, /search, /collections/<slug>. */
  path: string;
  query: ListingQuery;
  listing: Listing;
  collections: CollectionView[];
  /** On a collection page the collection is the page, not a filter. */
  collectionIsPage?: boolean;
  /** Parameters of the shared link that were not valid and are not applied. */
  ignored: string[];
  /** Shown when nothing matches. */
  empty: React.ReactNode;
}

function pagesOf(listing: Listing): number {
  return Math.max(1, Math.ceil(listing.total / listing.pageSize));
}

/** The filter form is a plain GET form: it works without JavaScript, and its URL is the shareable state. */
function Filters({ path, query, collections, collectionIsPage }: Pick<Props, "path" | "query" | "collections" | "collectionIsPage">) {
  const labelStyle = "mb-1 block text-xs font-semibold uppercase tracking-wide text-stone-600";
  return (
    <form action={path} method="get" role="search" aria-label="Sort and filter" className="mt-6 grid grid-cols-2 items-end gap-3 rounded-2xl border border-stone-200/80 bg-white p-4 sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]">
      {query.q && <input type="hidden" name="q" value={query.q} />}
      {query.pageSize !== DEFAULT_PAGE_SIZE && <input type="hidden" name="pageSize" value={query.pageSize} />}
      <div>
        <label htmlFor="filter-sort" className={labelStyle}>
          Sort by
        </label>
        <select id="filter-sort" name="sort" defaultValue={query.sort} className={`${inputStyles} w-full`}>
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {value === "featured" && query.q ? "Best match" : label}
            </option>
          ))}
        </select>
      </div>
      {!collectionIsPage && (
        <div>
          <label htmlFor="filter-collection" className={labelStyle}>
            Collection
          </label>
          <select id="filter-collection" name="collection" defaultValue={query.collection ?? ""} className={`${inputStyles} w-full`}>
            <option value="">All</option>
            {collections.map((collection) => (
              <option key={collection.slug} value={collection.slug}>
                {collection.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="filter-min-price" className={labelStyle}>
          Min price (₹)
        </label>
        <input id="filter-min-price" name="minPrice" type="number" inputMode="numeric" min={0} step={1} defaultValue={query.minPrice ?? ""} className={`${inputStyles} w-full`} />
      </div>
      <div>
        <label htmlFor="filter-max-price" className={labelStyle}>
          Max price (₹)
        </label>
        <input id="filter-max-price" name="maxPrice" type="number" inputMode="numeric" min={0} step={1} defaultValue={query.maxPrice ?? ""} className={`${inputStyles} w-full`} />
      </div>
      <label className="flex items-center gap-2 self-center pt-5 text-sm font-medium text-stone-700">
        <input type="checkbox" name="inStock" value="true" defaultChecked={query.inStock} className="size-4 accent-brand-700" />
        In stock only
      </label>
      <button type="submit" className={`${buttonStyles.secondary} col-span-2 sm:col-span-1`}>
        Apply
      </button>
    </form>
  );
}

function Pagination({ path, query, listing, hrefQuery }: { path: string; query: ListingQuery; listing: Listing; hrefQuery: ListingQuery }) {
  const pages = pagesOf(listing);
  if (pages <= 1 && query.page === 1) return null;
  const linkStyle = `${buttonStyles.secondary} px-4`;
  return (
    <nav aria-label="Pages" className="mt-10 flex items-center justify-between gap-4">
      {query.page > 1 ? (
        <Link href={listingHref(path, hrefQuery, { page: Math.min(query.page - 1, pages) })} rel="prev" className={linkStyle}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <p className="text-sm text-stone-600 tabular-nums" aria-current="page">
        Page {query.page} of {pages}
      </p>
      {query.page < pages ? (
        <Link href={listingHref(path, hrefQuery, { page: query.page + 1 })} rel="next" className={linkStyle}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function CatalogListing({ path, query, listing, collections, collectionIsPage = false, ignored, empty }: Props) {
  // On a collection page, links keep the collection in the path, not in the query string.
  const hrefQuery = collectionIsPage ? { ...query, collection: null } : query;
  const first = (listing.page - 1) * listing.pageSize + 1;
  const last = first + listing.products.length - 1;
  return (
    <>
      <Filters path={path} query={query} collections={collections} collectionIsPage={collectionIsPage} />
      {ignored.length > 0 && (
        <p role="status" className="mt-3 text-sm text-amber-800">
          Ignored {ignored.length === 1 ? "a filter that is" : "filters that are"} not valid: {ignored.join(", ")}.
        </p>
      )}
      <p className="mt-4 text-sm text-stone-600 tabular-nums" role="status">
        {listing.total === 0 ? "No products" : listing.products.length === 0 ? `${listing.total} products` : `${first}–${last} of ${listing.total} ${listing.total === 1 ? "product" : "products"}`}
      </p>
      {listing.products.length === 0 ? (
        listing.total > 0 ? (
          <p className="mt-6 rounded-2xl border border-dashed border-stone-300 p-10 text-center text-stone-600">
            There is no page {query.page}.{" "}
            <Link href={listingHref(path, hrefQuery, { page: 1 })} className="font-medium text-brand-800 underline underline-offset-4">
              Back to the first page
            </Link>
          </p>
        ) : (
          empty
        )
      ) : (
        <>
          {/* The cards' names are h3s: this keeps the outline whole on pages without a visible h2 (search, collections). */}
          <h2 className="sr-only">Products</h2>
          <ul className="mt-6 grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4 lg:gap-x-6">
            {listing.products.map((product, index) => (
              <ProductCard key={product.id} product={product} eager={query.page === 1 && index < ABOVE_THE_FOLD} />
            ))}
          </ul>
        </>
      )}
      <Pagination path={path} query={query} listing={listing} hrefQuery={hrefQuery} />
    </>
  );
}

/** Where to go when nothing matched: the shop's collections. */
export function CollectionSuggestions({ collections, children }: { collections: CollectionView[]; children: React.ReactNode }) {
  return (
    <div className="mt-6 rounded-2xl border border-dashed border-stone-300 p-8 text-center text-stone-600">
      {children}
      {collections.length > 0 && (
        <>
          <p className="mt-4 text-sm">Browse a collection instead:</p>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {collections.map((collection) => (
              <li key={collection.slug}>
                <Link href={`/collections/${collection.slug}`} className="inline-block rounded-full border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:border-brand-600 hover:text-brand-800">
                  {collection.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
