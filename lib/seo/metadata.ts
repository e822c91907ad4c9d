import type { Metadata } from "next";
import { shopDetails } from "@/lib/shop/details";

const siteTitle = (name: string) => `${name} · Teas, spices & handmade goods`;

export const SHOP_DESCRIPTION = "Teas, spices, snacks and handmade goods from small producers across India, delivered to your door.";

/**
 * What every page shares: absolute URLs resolve against the shop's public address (SHOP_URL), and
 * shared links get a card. Pages add their own canonical URL with pageMetadata; nothing canonical
 * is set here, or every page would name the home page as its original.
 */
export function siteMetadata(): Metadata {
  const shop = shopDetails();
  return {
    metadataBase: new URL(shop.url),
    title: { default: siteTitle(shop.name), template: `%s · ${shop.name}` },
    description: SHOP_DESCRIPTION,
    openGraph: { type: "website", siteName: shop.name, locale: "en_IN" },
    twitter: { card: "summary_large_image" },
  };
}

/**
 * A shop page's title, description, canonical URL and share card. Next replaces (does not merge)
 * a parent's `openGraph` and `twitter` with a page's, so both are written whole here. Images come
 * from the nearest `opengraph-image` file, which Next adds to both.
 */
export function pageMetadata({ title, description, path }: { title?: string; description: string; path: string }): Metadata {
  const shop = shopDetails();
  const shared = { title: title ?? siteTitle(shop.name), description };
  return {
    ...(title ? { title } : {}),
    description,
    alternates: { canonical: path },
    openGraph: { ...shared, type: "website", url: path, siteName: shop.name, locale: "en_IN" },
    twitter: { ...shared, card: "summary_large_image" },
  };
}
