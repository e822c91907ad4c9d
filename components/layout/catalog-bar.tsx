import Link from "next/link";
import { SearchField } from "@/components/catalog/search-field";
import { cachedCollections } from "@/lib/catalog/cached";
import type { CollectionView } from "@/lib/catalog/collections";
import { log } from "@/lib/log";

/** The header's second row: the collections (from cache) and the search box. */
export async function CatalogBar() {
  let collections: CollectionView[] = [];
  try {
    collections = await cachedCollections();
  } catch (error) {
    // Every page has this header, the cart and checkout too: without the database it shows search alone.
    log.warn("collections_unavailable", { error: error instanceof Error ? error.message : String(error) });
  }
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 pb-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
      <nav aria-label="Collections" className="-mx-1 overflow-x-auto">
        <ul className="flex gap-1 whitespace-nowrap">
          {collections.map((collection) => (
            <li key={collection.slug}>
              <Link href={`/collections/${collection.slug}`} className="inline-block rounded-full px-3 py-1.5 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-brand-800">
                {collection.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <SearchField id="header-search" compact className="sm:w-72" />
    </div>
  );
}
