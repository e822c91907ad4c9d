import { cacheLife, cacheTag } from "next/cache";
import { findCollection, listCollections, type CollectionView } from "./collections";
import { ensureInvalidationFeed } from "./invalidations";
import { findListing, findProductBySlug, findProductsBySlugs, type Listing, type ProductView } from "./products";
import type { ListingQuery } from "./query";
import { shownStock } from "./stock";

/**
 * What the shop's pages read, from Next's cache ('use cache'). Every entry is tagged with what it
 * shows; the database appends the tags a change makes stale (prisma/migrations/20261126080100_*),
 * and every app instance's cache handler reads them about once a second
 * (lib/catalog/cache-handler.mjs), so a change made anywhere (this instance, another one, the
 * worker process) is shown within about a second. CATALOG_CACHE_LIFE bounds how long an entry
 * lives if that feed were ever missed.
 *
 * Stock is cached capped at what a page can tell apart (lib/catalog/stock.ts): a sale's orders
 * change the stock all the time, but the pages only when a badge or the quantity menu would.
 */
export const TAGS = {
  listings: "catalog:listings",
  collections: "catalog:collections",
  product: (id: string) => `product:${id}`,
} as const;

/**
 * Five minutes on the server (Next's in-memory handler drops an entry at `revalidate`), 30 seconds
 * in a browser's router cache; `expire` only matters to handlers that serve stale entries.
 */
const CATALOG_CACHE_LIFE = { stale: 30, revalidate: 300, expire: 3_600 };

ensureInvalidationFeed();

function forPages<T extends ProductView>(product: T): T {
  return { ...product, stock: shownStock(product.stock) };
}

export async function cachedListing(query: ListingQuery): Promise<Listing> {
  "use cache";
  cacheLife(CATALOG_CACHE_LIFE);
  cacheTag(TAGS.listings);
  const listing = await findListing(query);
  cacheTag(...listing.products.map((product) => TAGS.product(product.id)));
  return { ...listing, products: listing.products.map(forPages) };
}

export async function cachedProduct(slug: string): Promise<ProductView | null> {
  "use cache";
  cacheLife(CATALOG_CACHE_LIFE);
  const product = await findProductBySlug(slug);
  // A product that does not exist yet appears with a listing change (its insert).
  cacheTag(product ? TAGS.product(product.id) : TAGS.listings);
  return product && forPages(product);
}

export async function cachedProductsBySlugs(slugs: string[]): Promise<ProductView[]> {
  "use cache";
  cacheLife(CATALOG_CACHE_LIFE);
  cacheTag(TAGS.listings);
  const products = await findProductsBySlugs(slugs);
  cacheTag(...products.map((product) => TAGS.product(product.id)));
  return products.map(forPages);
}

export async function cachedCollections(): Promise<CollectionView[]> {
  "use cache";
  cacheLife(CATALOG_CACHE_LIFE);
  cacheTag(TAGS.collections);
  return listCollections();
}

export async function cachedCollection(slug: string): Promise<CollectionView | null> {
  "use cache";
  cacheLife(CATALOG_CACHE_LIFE);
  cacheTag(TAGS.collections);
  return findCollection(slug);
}
