// What search engines and link previews read, from the real server (`npm start` on the production
// build) of a shop whose SHOP_* details, unpaid-order time and delivery countries are all set to
// values other than the defaults: the policy pages, the sitemap, robots.txt, canonical and share
// metadata, the share images and the products' JSON-LD, checked against the database.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICY_PAGES } from "@/lib/shop/policy-pages";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ensureProductionBuild, startNextShop, type NextShop } from "./next-shop";

const PUBLIC_URL = "https://kettle.example.test";
const CONFIGURED = {
  SHOP_URL: PUBLIC_URL,
  SHOP_LEGAL_NAME: "Kettle and Spoon Traders LLP",
  SHOP_GSTIN: "27AAKFK1234L1Z9",
  SHOP_EMAIL: "care@kettle.example.test",
  SHOP_PHONE: "+91 22 5555 0101",
  SHOP_ADDRESS_LINE1: "7 Marine Drive",
  SHOP_CITY: "Mumbai",
  SHOP_STATE: "Maharashtra",
  SHOP_POSTAL_CODE: "400020",
  SHOP_GRIEVANCE_OFFICER: "Ravi Deshpande",
  SHOP_GRIEVANCE_EMAIL: "grievance@kettle.example.test",
  SHOP_DISPATCH_DAYS: "3",
  SHOP_DELIVERY_DAYS: "4-9",
  SHOP_RETURN_DAYS: "11",
  ORDER_TTL_MINUTES: "45",
  SHIP_TO_COUNTRIES: "IN,NP",
};
/** What the demo shop prints when nothing is configured: none of it may appear. */
const DEFAULTS = ["Chai &amp; Chaat Co. Private Limited", "hello@chaiandchaat.example", "29ABCDE1234F1Z5", "Indiranagar", "560038"];

let database: TestDatabase;
let shop: NextShop;
let sql: pg.Client;

interface ProductRow {
  slug: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  image: string;
}

beforeAll(async () => {
  await ensureProductionBuild();
  database = await createTestDatabase();
  shop = await startNextShop(database.url, { poolSize: database.concurrent ? 5 : 1, env: CONFIGURED });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 600_000);

afterAll(async () => {
  await sql?.end();
  await shop?.stop();
  await database?.drop();
});

async function products(): Promise<ProductRow[]> {
  return (await sql.query<ProductRow>("SELECT slug, name, description, price, stock, image FROM products ORDER BY slug")).rows;
}

async function page(path: string): Promise<{ status: number; html: string; text: string }> {
  const response = await fetch(shop.url + path);
  const html = await response.text();
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&amp;", "&")
    .replaceAll("&#x27;", "'")
    .replaceAll("&quot;", '"')
    .replace(/\s+/g, " ");
  return { status: response.status, html, text };
}

function meta(html: string, key: string): string | undefined {
  const tag = [...html.matchAll(/<meta\b[^>]*>/g)].map(([tag]) => tag).find((tag) => tag.includes(`property="${key}"`) || tag.includes(`name="${key}"`));
  return tag && /content="([^"]*)"/.exec(tag)?.[1]?.replaceAll("&amp;", "&");
}

function canonical(html: string): string | undefined {
  return /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
}

function jsonLd(html: string): Record<string, any>[] { // any: schema.org data is open-ended; the assertions below check its shape
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(([, body]) => JSON.parse(body));
}

/** 34900 paise → "349.00", written independently of lib/money. */
const rupees = (paise: number) => `${Math.floor(paise / 100)}.${String(paise % 100).padStart(2, "0")}`;

describe("policy pages", () => {
  const expectations: Record<string, string[]> = {
    "/policies/terms": ["Kettle and Spoon Traders LLP", "GSTIN 27AAKFK1234L1Z9", "7 Marine Drive", "Mumbai 400020, Maharashtra", "for 45 minutes", "India and Nepal", "Ravi Deshpande", "courts at Mumbai, Maharashtra"],
    "/policies/privacy": ["Kettle and Spoon Traders LLP", "cart", "kept for 30 days", "deleted after 48 hours", "up to 30 days (8 hours for staff)", "grievance@kettle.example.test"],
    "/policies/refunds": ["for 45 minutes", "within 3 working days", "within 11 days of delivery", "care@kettle.example.test", "original payment method"],
    "/policies/shipping": ["We deliver to India and Nepal", "from ₹999.00", "flat ₹49.00", "within 3 working days", "take 4–9 working days", "dispatched from Mumbai, Maharashtra", "held for 45 minutes"],
    "/contact": ["Kettle and Spoon Traders LLP", "care@kettle.example.test", "+91 22 5555 0101", "27AAKFK1234L1Z9", "7 Marine Drive", "Mumbai 400020, Maharashtra", "Ravi Deshpande"],
  };

  it.each(POLICY_PAGES.map((policy) => [policy.href, policy.title]))("%s (%s) renders the configured details, not the defaults", async (href, title) => {
    const { status, html, text } = await page(href);
    expect(status).toBe(200);
    expect(text).toContain(title);
    for (const fact of expectations[href]) expect(text).toContain(fact);
    for (const fallback of DEFAULTS) expect(html).not.toContain(fallback);
    expect(canonical(html)).toBe(`${PUBLIC_URL}${href}`);
  });

  it("the footer of every page links to every policy page", async () => {
    for (const path of ["/", "/cart", "/policies/terms"]) {
      const { html } = await page(path);
      const footer = html.slice(html.lastIndexOf("<footer"));
      for (const policy of POLICY_PAGES) expect(footer).toContain(`href="${policy.href}"`);
    }
  });
});

describe("sitemap and robots", () => {
  it("the sitemap lists the home page, every collection, every product and every policy page, with absolute URLs on the shop's address", async () => {
    const response = await fetch(`${shop.url}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/xml/);
    const locations = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => url);
    const collections = (await sql.query<{ slug: string }>("SELECT slug FROM collections")).rows;
    expect(collections.length).toBeGreaterThan(0);
    const expected = [`${PUBLIC_URL}/`, ...collections.map((collection) => `${PUBLIC_URL}/collections/${collection.slug}`), ...(await products()).map((product) => `${PUBLIC_URL}/products/${product.slug}`), ...POLICY_PAGES.map((policy) => `${PUBLIC_URL}${policy.href}`)];
    expect(expected.length).toBeGreaterThan(POLICY_PAGES.length + 1);
    expect(locations.sort()).toEqual(expected.sort());
  });

  it("robots.txt keeps crawlers out of the private paths and names the sitemap", async () => {
    const response = await fetch(`${shop.url}/robots.txt`);
    expect(response.status).toBe(200);
    const lines = (await response.text()).split("\n").map((line) => line.trim());
    for (const path of ["/admin", "/api", "/account", "/checkout", "/cart", "/orders"]) expect(lines).toContain(`Disallow: ${path}`);
    expect(lines).toContain("Allow: /");
    expect(lines).toContain(`Sitemap: ${PUBLIC_URL}/sitemap.xml`);
  });
});

describe("product pages' structured data", () => {
  it("every product page carries a schema.org Product whose offer is the database's price in rupees, its currency and its availability", async () => {
    const variantsOf = async (slug: string) =>
      (await sql.query<{ price: number; stock: number }>("SELECT v.price, v.stock FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.slug = $1", [slug])).rows;
    const single = [];
    for (const row of await products()) if ((await variantsOf(row.slug)).length === 1) single.push(row);
    // One product sold out at an odd price, to see both read from the database per request.
    await sql.query("UPDATE product_variants SET stock = 0, price = 12345 WHERE product_id = (SELECT id FROM products WHERE slug = $1)", [single[0].slug]);
    let aggregates = 0;
    for (const row of await products()) {
      const { status, html } = await page(`/products/${row.slug}`);
      expect(status).toBe(200);
      const [product, ...others] = jsonLd(html);
      expect(others).toEqual([]);
      const url = `${PUBLIC_URL}/products/${row.slug}`;
      // Google's merchant listing: required name, image, offers with price and priceCurrency; recommended the rest.
      expect(product).toMatchObject({ "@context": "https://schema.org", "@type": "Product", name: row.name, description: row.description, sku: row.slug, url, image: [`${PUBLIC_URL}${row.image}`] });
      expect(product.brand).toEqual({ "@type": "Brand", name: expect.any(String) });
      const variants = await variantsOf(row.slug);
      const common = {
        priceCurrency: "INR",
        availability: row.stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
        url,
        seller: { "@type": "Organization", name: CONFIGURED.SHOP_LEGAL_NAME },
      };
      if (variants.length > 1) {
        aggregates += 1;
        // A product in several sizes: the range of its variants' prices (products.price is the lowest).
        expect(product.offers).toMatchObject({ "@type": "AggregateOffer", lowPrice: rupees(row.price), highPrice: rupees(Math.max(...variants.map((variant) => variant.price))), offerCount: variants.length, ...common });
        expect(product.offers.lowPrice).toMatch(/^\d+\.\d{2}$/);
      } else {
        expect(product.offers).toMatchObject({ "@type": "Offer", price: rupees(row.price), ...common });
        expect(product.offers.price).toMatch(/^\d+\.\d{2}$/);
      }
      expect(product.offers.shippingDetails.shippingDestination).toEqual([{ "@type": "DefinedRegion", addressCountry: "IN" }, { "@type": "DefinedRegion", addressCountry: "NP" }]);
      expect(product.offers.hasMerchantReturnPolicy).toMatchObject({ merchantReturnDays: 11, merchantReturnLink: `${PUBLIC_URL}/policies/refunds` });
      expect(canonical(html)).toBe(url);
    }
    expect(aggregates).toBeGreaterThan(0);
    const soldOut = jsonLd((await page(`/products/${single[0].slug}`)).html)[0];
    expect(soldOut.offers).toMatchObject({ price: "123.45", availability: "https://schema.org/OutOfStock" });
  });

  it("a description holding </script> cannot break out of the JSON-LD: it parses back to the exact text and no script element is injected", async () => {
    const [row] = await products();
    const hostile = `Strong. </script><script>window.pwned=1</script><!-- & \u2028`;
    await sql.query("UPDATE products SET description = $1 WHERE slug = $2", [hostile, row.slug]);
    // The product is cached; its change reaches the page through the catalogue's invalidation feed within about a second.
    let html = "";
    for (const started = Date.now(); Date.now() - started < 15_000; await new Promise((resolve) => setTimeout(resolve, 250))) {
      html = (await page(`/products/${row.slug}`)).html;
      if (html.includes("window.pwned")) break;
    }
    expect(html).not.toContain("<script>window.pwned=1</script>");
    expect(jsonLd(html)[0].description).toBe(hostile);
  });

  it("the home page describes the shop as an Organization with its configured legal name, address, GSTIN and contacts", async () => {
    const [organization] = jsonLd((await page("/")).html);
    expect(organization).toMatchObject({
      "@type": "OnlineStore",
      legalName: CONFIGURED.SHOP_LEGAL_NAME,
      url: `${PUBLIC_URL}/`,
      email: CONFIGURED.SHOP_EMAIL,
      telephone: CONFIGURED.SHOP_PHONE,
      taxID: CONFIGURED.SHOP_GSTIN,
      address: { addressLocality: "Mumbai", postalCode: "400020", addressRegion: "Maharashtra", addressCountry: "IN" },
    });
  });
});

describe("share metadata", () => {
  it("every shop page has Open Graph and Twitter card metadata with an absolute share image that answers with a PNG", async () => {
    const [product] = await products();
    const images = new Set<string>();
    for (const path of ["/", `/products/${product.slug}`, ...POLICY_PAGES.map((policy) => policy.href), "/cart", "/checkout"]) {
      const { html } = await page(path);
      expect(meta(html, "og:title"), path).toBeTruthy();
      expect(meta(html, "og:description"), path).toBeTruthy();
      expect(meta(html, "og:site_name"), path).toBeTruthy();
      expect(meta(html, "og:image") ?? "", path).toMatch(new RegExp(`^${PUBLIC_URL}/`));
      expect(meta(html, "twitter:card"), path).toBe("summary_large_image");
      expect(meta(html, "twitter:image") ?? "", path).toMatch(new RegExp(`^${PUBLIC_URL}/`));
      images.add(meta(html, "og:image")!);
    }
    expect(images.size).toBeGreaterThanOrEqual(2); // the shop's card and the product's own
    for (const image of images) {
      const response = await fetch(image.replace(PUBLIC_URL, shop.url));
      expect(response.headers.get("content-type"), image).toBe("image/png");
    }
  });

  it("a product's share image is a 1200×630 PNG drawn for that product, offline", async () => {
    const [product] = await products();
    const { html } = await page(`/products/${product.slug}`);
    const image = meta(html, "og:image")!;
    expect(image).toContain(`/products/${product.slug}/opengraph-image`);
    expect(meta(html, "og:url")).toBe(`${PUBLIC_URL}/products/${product.slug}`);
    const response = await fetch(image.replace(PUBLIC_URL, shop.url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });

  it("an unknown product has no share image", async () => {
    expect((await fetch(`${shop.url}/products/no-such-product/opengraph-image`)).status).toBe(404);
  });
});
