import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { PRIVATE_PATHS } from "@/lib/seo/sitemap";
import { shopDetails } from "@/lib/shop/details";

export default async function robots(): Promise<MetadataRoute.Robots> {
  // SHOP_URL is the running server's, not the build machine's.
  await connection();
  const { url } = shopDetails();
  return { rules: { userAgent: "*", allow: "/", disallow: PRIVATE_PATHS }, sitemap: `${url}/sitemap.xml` };
}
