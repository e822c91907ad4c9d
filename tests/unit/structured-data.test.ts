import { describe, expect, it } from "vitest";
import { money } from "@/lib/money";
import { productJsonLd, serializeJsonLd } from "@/lib/seo/structured-data";
import { shopDetails } from "@/lib/shop/details";

const shop = shopDetails({ SHOP_URL: "https://shop.example.test/" });
const facts = { shop, shippingFee: money(4_900), freeShippingFrom: money(99_900), shipToCodes: ["IN", "NP"] };
const chai = { slug: "masala-chai", name: "Masala Chai", description: "Strong.", price: 34_900, currency: "INR", stock: 3, image: "/products/masala-chai.svg" };

describe("JSON-LD for a product", () => {
  it("states the price in rupees as a decimal string from the paise, with the currency, the availability and absolute URLs", () => {
    const data = productJsonLd(chai, facts);
    expect(data.offers).toMatchObject({ "@type": "Offer", price: "349.00", priceCurrency: "INR", availability: "https://schema.org/InStock", url: "https://shop.example.test/products/masala-chai" });
    expect(data.image).toEqual(["https://shop.example.test/products/masala-chai.svg"]);
    expect(data.brand).toEqual({ "@type": "Brand", name: shop.name });
    expect(productJsonLd({ ...chai, price: 5 }, facts).offers).toMatchObject({ price: "0.05" });
  });

  it("says OutOfStock when nothing is left", () => {
    expect(productJsonLd({ ...chai, stock: 0 }, facts).offers.availability).toBe("https://schema.org/OutOfStock");
  });

  it("charges the flat shipping fee below the free-shipping threshold and nothing from it", () => {
    expect(productJsonLd(chai, facts).offers.shippingDetails.shippingRate.value).toBe("49.00");
    expect(productJsonLd({ ...chai, price: 99_900 }, facts).offers.shippingDetails.shippingRate.value).toBe("0.00");
  });

  it("gives a product with variants an AggregateOffer from its lowest to its highest price, in stock if any variant is", () => {
    const offers = productJsonLd({ ...chai, stock: 0, variants: [{ price: 34_900, stock: 0 }, { price: 79_900, stock: 2 }] }, facts).offers;
    expect(offers).toMatchObject({ "@type": "AggregateOffer", lowPrice: "349.00", highPrice: "799.00", offerCount: 2, availability: "https://schema.org/InStock" });
  });
});

describe("serializeJsonLd", () => {
  it("cannot close its script element or open another, whatever a description holds, and parses back to the same data", () => {
    const hostile = { description: `</script><script>alert(1)</script><!-- & \u2028` };
    const text = serializeJsonLd(hostile);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(hostile);
  });
});
