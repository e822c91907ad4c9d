import type { MetadataRoute } from "next";
import { db } from "@/lib/db";
import { shopDetails } from "@/lib/shop/details";
import { POLICY_PAGES } from "@/lib/shop/policy-pages";

type Entry = MetadataRoute.Sitemap[number];
type Source = (absolute: (path: string) => string) => Promise<Entry[]>;

const homePage: Source = async (absolute) => [{ url: absolute("/"), changeFrequency: "daily", priority: 1 }];

const policyPages: Source = async (absolute) => POLICY_PAGES.map((page) => ({ url: absolute(page.href), changeFrequency: "yearly", priority: 0.3 }));

const productPages: Source = async (absolute) => {
  const products = await db().product.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: "asc" } });
  return products.map((product) => ({ url: absolute(`/products/${product.slug}`), lastModified: product.updatedAt, changeFrequency: "daily", priority: 0.8 }));
};

const collectionPages: Source = async (absolute) => {
  const collections = await db().collection.findMany({ select: { slug: true }, orderBy: { position: "asc" } });
  return collections.map((collection) => ({ url: absolute(`/collections/${collection.slug}`), changeFrequency: "daily", priority: 0.7 }));
};

/** Every public page a search engine should know; a new kind of page is one more source (search results are left out on purpose: endless, thin pages). */
const SOURCES: Source[] = [homePage, collectionPages, productPages, policyPages];

export async function sitemapEntries(): Promise<MetadataRoute.Sitemap> {
  const { url } = shopDetails();
  const absolute = (path: string) => new URL(path, `${url}/`).toString();
  return (await Promise.all(SOURCES.map((source) => source(absolute)))).flat();
}

/** Pages for one shopper, or that change state: never indexed. */
export const PRIVATE_PATHS = ["/admin", "/api", "/account", "/checkout", "/cart", "/orders"];
