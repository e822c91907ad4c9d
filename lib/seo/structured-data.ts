import { toDecimalString, money } from "@/lib/money";
import type { ShopDetails } from "@/lib/shop/details";
import type { PolicyFacts } from "@/lib/shop/policies";
import type { ProductView } from "@/lib/catalog/products";

/** What a product's structured data needs; `variants` (each with its own price and stock) make its offer an AggregateOffer. */
export type ProductForStructuredData = Omit<ProductView, "id" | "sizes"> & { variants?: readonly { price: number; stock: number }[] };

type Facts = Pick<PolicyFacts, "shop" | "shippingFee" | "freeShippingFrom"> & { shipToCodes: string[] };

const IN_STOCK = "https://schema.org/InStock";
const OUT_OF_STOCK = "https://schema.org/OutOfStock";

function absolute(shop: ShopDetails, path: string): string {
  return new URL(path, `${shop.url}/`).toString();
}

export function organizationJsonLd(shop: ShopDetails) {
  return {
    "@context": "https://schema.org",
    "@type": "OnlineStore",
    name: shop.name,
    legalName: shop.legalName,
    url: `${shop.url}/`,
    logo: absolute(shop, "/favicon.svg"),
    email: shop.email,
    telephone: shop.phone,
    taxID: shop.gstin,
    address: {
      "@type": "PostalAddress",
      streetAddress: [shop.address.line1, shop.address.line2].filter(Boolean).join(", "),
      addressLocality: shop.address.city,
      addressRegion: shop.address.state,
      postalCode: shop.address.postalCode,
      addressCountry: shop.address.country,
    },
    contactPoint: { "@type": "ContactPoint", contactType: "customer service", email: shop.email, telephone: shop.phone, areaServed: "IN" },
  };
}

/**
 * schema.org Product with its offer as Google's merchant listings read it: the price in rupees as
 * a decimal string ("349.00", from the same paise the cart charges), availability from stock, the
 * shipping rate and the return window the policy pages state.
 */
export function productJsonLd(product: ProductForStructuredData, facts: Facts) {
  const { shop } = facts;
  const url = absolute(shop, `/products/${product.slug}`);
  const variants = product.variants && product.variants.length > 1 ? product.variants : undefined;
  const inStock = variants ? variants.some((variant) => variant.stock > 0) : product.stock > 0;
  const price = (amount: number) => toDecimalString(money(amount, product.currency));
  const shippingRate = (threshold: boolean) => ({ "@type": "MonetaryAmount", value: price(threshold ? 0 : facts.shippingFee.amount), currency: facts.shippingFee.currency });
  const common = {
    url,
    priceCurrency: product.currency,
    availability: inStock ? IN_STOCK : OUT_OF_STOCK,
    itemCondition: "https://schema.org/NewCondition",
    seller: { "@type": "Organization", name: shop.legalName, url: `${shop.url}/` },
    shippingDetails: {
      "@type": "OfferShippingDetails",
      shippingRate: shippingRate(product.price >= facts.freeShippingFrom.amount),
      shippingDestination: facts.shipToCodes.map((code) => ({ "@type": "DefinedRegion", addressCountry: code })),
      deliveryTime: {
        "@type": "ShippingDeliveryTime",
        handlingTime: { "@type": "QuantitativeValue", minValue: 0, maxValue: shop.fulfilment.dispatchDays, unitCode: "DAY" },
        transitTime: { "@type": "QuantitativeValue", minValue: shop.fulfilment.deliveryDays.min, maxValue: shop.fulfilment.deliveryDays.max, unitCode: "DAY" },
      },
    },
    hasMerchantReturnPolicy: {
      "@type": "MerchantReturnPolicy",
      applicableCountry: "IN",
      returnPolicyCategory: "https://schema.org/MerchantReturnFiniteReturnWindow",
      merchantReturnDays: shop.fulfilment.returnDays,
      returnMethod: "https://schema.org/ReturnByMail",
      returnFees: "https://schema.org/FreeReturn",
      merchantReturnLink: absolute(shop, "/policies/refunds"),
    },
  };
  const offers = variants
    ? {
        "@type": "AggregateOffer",
        lowPrice: price(Math.min(...variants.map((variant) => variant.price))),
        highPrice: price(Math.max(...variants.map((variant) => variant.price))),
        offerCount: variants.length,
        ...common,
      }
    : { "@type": "Offer", price: price(product.price), ...common };
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    image: [absolute(shop, product.image)],
    sku: product.slug,
    url,
    brand: { "@type": "Brand", name: shop.name },
    offers,
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: the HTML parser ends a script at `</script>`
 * whatever its type, so `<`, `>` and `&` are written as JSON escapes (the same string to a JSON
 * parser), and so are U+2028/U+2029. A product description can then never close the tag and
 * inject markup.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
