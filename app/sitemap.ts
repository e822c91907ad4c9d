import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { sitemapEntries } from "@/lib/seo/sitemap";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  // The catalogue is in the database, which the build does not have: built per request.
  await connection();
  return sitemapEntries();
}
