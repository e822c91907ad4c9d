import { shipToCountries } from "@/lib/config";
import { money } from "@/lib/money";
import { FREE_SHIPPING_FROM, SHIPPING_FEE } from "@/lib/orders/totals";
import { organizationJsonLd, productJsonLd, serializeJsonLd, type ProductForStructuredData } from "@/lib/seo/structured-data";
import { shopDetails } from "@/lib/shop/details";

/**
 * Structured data for search engines. A data block, not a script: the browser never runs it, so
 * it needs no CSP nonce (Chromium applies script-src only to scripts it would execute).
 */
function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}

export function ProductJsonLd({ product }: { product: ProductForStructuredData }) {
  const facts = { shop: shopDetails(), shippingFee: money(SHIPPING_FEE), freeShippingFrom: money(FREE_SHIPPING_FROM), shipToCodes: shipToCountries() };
  return <JsonLd data={productJsonLd(product, facts)} />;
}

export function OrganizationJsonLd() {
  return <JsonLd data={organizationJsonLd(shopDetails())} />;
}
