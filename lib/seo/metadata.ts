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

/** The shop's share card (app/opengraph-image.tsx). */
const SHOP_SHARE_IMAGE = "/opengraph-image";

/**
 * A shop page's title, description, canonical URL and share card. Next replaces (does not merge)
 * a parent's `openGraph` and `twitter` with a page's, and with them the image of the layout's
 * `opengraph-image` file, so both are written whole here: with the shop's card, unless the page's
 * own segment draws one (`ownShareImage`), which Next then adds. Twitter takes Open Graph's image.
 */
export function pageMetadata({ title, description, path, ownShareImage = false }: { title?: string; description: string; path: string; ownShareImage?: boolean }): Metadata {
  const shop = shopDetails();
  const shared = { title: title ?? siteTitle(shop.name), description };
  return {
    ...(title ? { title } : {}),
    description,
    alternates: { canonical: path },
    openGraph: { ...shared, type: "website", url: path, siteName: shop.name, locale: "en_IN", ...(ownShareImage ? {} : { images: SHOP_SHARE_IMAGE }) },
    twitter: { ...shared, card: "summary_large_image" },
  };
}
