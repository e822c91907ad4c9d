import type { Metadata } from "next";
import { CatalogListing, CollectionSuggestions } from "@/components/catalog/catalog-listing";
import { SearchField } from "@/components/catalog/search-field";
import { cachedCollections, cachedListing } from "@/lib/catalog/cached";
import { listingQueryFromPage } from "@/lib/catalog/query";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { query } = listingQueryFromPage(await searchParams);
  // Result pages are endless and thin: shoppers share them, search engines need not index them.
  return { title: query.q ? `Search: ${query.q}` : "Search", robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const { query, ignored } = listingQueryFromPage(await searchParams);
  const [listing, collections] = await Promise.all([cachedListing(query), cachedCollections()]);

  return (
    <>
      <h1 className="font-display text-3xl font-semibold">{query.q ? <>Results for “{query.q}”</> : "Search the shop"}</h1>
      <SearchField id="search-page-q" defaultValue={query.q} className="mt-6 max-w-xl" />
      <CatalogListing
        path="/search"
        query={query}
        listing={listing}
        collections={collections}
        ignored={ignored}
        empty={
          <CollectionSuggestions collections={collections}>
            <p className="text-base font-medium text-stone-800">{query.q ? <>Nothing found for “{query.q}”.</> : "Nothing matches these filters."}</p>
            <p className="mt-1 text-sm">Check the spelling, try fewer words or remove a filter.</p>
          </CollectionSuggestions>
        }
      />
    </>
  );
}
