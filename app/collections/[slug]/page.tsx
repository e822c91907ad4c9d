import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/catalog/breadcrumb";
import { CatalogListing, CollectionSuggestions } from "@/components/catalog/catalog-listing";
import { cachedCollection, cachedCollections, cachedListing } from "@/lib/catalog/cached";
import { listingQueryFromPage } from "@/lib/catalog/query";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const collection = await cachedCollection((await params).slug);
  return collection ? { title: collection.name, description: collection.description } : {};
}

export default async function CollectionPage({ params, searchParams }: Props) {
  const [{ slug }, parameters] = await Promise.all([params, searchParams]);
  const collection = await cachedCollection(slug);
  if (!collection) notFound();
  const { query: fromUrl, ignored } = listingQueryFromPage(parameters);
  // The path names the collection; a `collection` in the query string would contradict it.
  const query = { ...fromUrl, collection: collection.slug };
  const [listing, collections] = await Promise.all([cachedListing(query), cachedCollections()]);

  return (
    <>
      <Breadcrumb current={collection.name} />
      <h1 className="font-display text-3xl font-semibold">{collection.name}</h1>
      <p className="mt-3 max-w-2xl text-stone-600">{collection.description}</p>
      <CatalogListing
        path={`/collections/${collection.slug}`}
        query={query}
        listing={listing}
        collections={collections}
        collectionIsPage
        ignored={ignored}
        empty={
          <CollectionSuggestions collections={collections.filter((other) => other.slug !== collection.slug)}>
            <p>Nothing in {collection.name} matches these filters.</p>
          </CollectionSuggestions>
        }
      />
    </>
  );
}
