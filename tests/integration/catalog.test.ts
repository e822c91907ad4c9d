import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findListing } from "@/lib/catalog/products";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, parseListingQuery, type ListingQuery } from "@/lib/catalog/query";
import { highlightPieces } from "@/lib/catalog/search";
import { STOCK_SHOWN_UP_TO, shownStock } from "@/lib/catalog/stock";
import { call, startShop, type TestShop } from "../support/shop";

/**
 * The catalogue's search, filters, sorts and pages against real PostgreSQL (PGlite without
 * DATABASE_URL): each claim on its own, on a fixture whose answers are known.
 */
let shop: TestShop;
let sql: pg.Client;

interface Fixture {
  slug: string;
  name: string;
  description: string;
  price: number;
  stock: number;
  position: number;
  /** Minutes ago it was added: "newest" sorts by it. */
  age: number;
  collections: string[];
}

const FIXTURES: Fixture[] = [
  { slug: "darjeeling-first-flush", name: "Darjeeling First Flush", description: "Spring-picked muscatel leaf from Kurseong.", price: 89_900, stock: 15, position: 1, age: 50, collections: ["tea"] },
  { slug: "assam-breakfast", name: "Assam Breakfast Tea", description: "Malty and brisk, for milk and sugar.", price: 34_900, stock: 40, position: 0, age: 40, collections: ["tea", "tea-time"] },
  { slug: "masala-chai", name: "Masala Chai Blend", description: "CTC tea with cardamom, ginger and clove.", price: 29_900, stock: 0, position: 2, age: 10, collections: ["tea", "spices", "tea-time"] },
  { slug: "kashmiri-saffron", name: "Kashmiri Saffron", description: "Mongra threads from Pampore.", price: 149_900, stock: 1, position: 3, age: 30, collections: ["spices"] },
  { slug: "garam-masala", name: "Garam Masala", description: "Hand-pounded whole spices.", price: 24_900, stock: 80, position: 4, age: 20, collections: ["spices"] },
  { slug: "bikaneri-bhujia", name: "Bikaneri Bhujia", description: "Crisp gram-flour sev from Bikaner.", price: 14_900, stock: 120, position: 5, age: 5, collections: ["tea-time"] },
  { slug: "script-mug", name: "<script>alert(1)</script> Mug", description: "A mug whose name is markup.", price: 64_900, stock: 3, position: 6, age: 60, collections: [] },
];

const query = (changes: Partial<ListingQuery> = {}): ListingQuery => ({ q: "", collection: null, sort: "featured", inStock: false, minPrice: null, maxPrice: null, page: 1, pageSize: DEFAULT_PAGE_SIZE, ...changes });
const slugs = async (changes: Partial<ListingQuery>) => (await findListing(query(changes))).products.map((product) => product.slug);
const bySlug = new Map(FIXTURES.map((fixture) => [fixture.slug, fixture]));

beforeAll(async () => {
  shop = await startShop();
  sql = new pg.Client({ connectionString: shop.database.url });
  await sql.connect();
  for (const [position, slug] of ["tea", "spices", "tea-time"].entries()) {
    await sql.query("INSERT INTO collections (id, slug, name, description, position) VALUES (gen_random_uuid(), $1, $1, 'd', $2)", [slug, position]);
  }
  for (const fixture of FIXTURES) {
    const { rows } = await sql.query(
      "INSERT INTO products (id, slug, name, description, price, stock, image, position, created_at, updated_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, '/p.svg', $6, now() - make_interval(mins => $7), now()) RETURNING id",
      [fixture.slug, fixture.name, fixture.description, fixture.price, fixture.stock, fixture.position, fixture.age],
    );
    for (const [rank, collection] of fixture.collections.entries()) {
      await sql.query("INSERT INTO product_collections (collection_id, product_id, position) SELECT id, $2, $3 FROM collections WHERE slug = $1", [collection, rows[0].id, rank]);
    }
  }
});

afterAll(async () => {
  await sql?.end();
  await shop?.close();
});

describe("search", () => {
  it("finds a product by the start of a word", async () => {
    expect(await slugs({ q: "darj" })).toEqual(["darjeeling-first-flush"]);
  });

  it("finds a product by a misspelt word", async () => {
    expect(await slugs({ q: "darjeling" })).toEqual(["darjeeling-first-flush"]);
    expect(await slugs({ q: "safron" })).toEqual(["kashmiri-saffron"]);
    expect(await slugs({ q: "bhujiya" })).toEqual(["bikaneri-bhujia"]);
  });

  it("finds words in the description, and needs every word of the query", async () => {
    expect(await slugs({ q: "cardamom" })).toEqual(["masala-chai"]);
    expect((await slugs({ q: "masala" })).sort()).toEqual(["garam-masala", "masala-chai"]);
    expect(await slugs({ q: "masala chai" })).toEqual(["masala-chai"]);
  });

  it("ranks a match in the name above a match in the description", async () => {
    // "tea" is in Assam Breakfast Tea's name and only in Masala Chai's description.
    const found = await slugs({ q: "tea" });
    expect(found.indexOf("assam-breakfast")).toBeLessThan(found.indexOf("masala-chai"));
  });

  it("marks the matched words, and a product's markup stays text", async () => {
    const [match] = (await findListing(query({ q: "darj" }))).products;
    expect(highlightPieces(match.nameHighlight!)).toEqual([
      { text: "Darjeeling", match: true },
      { text: " First Flush", match: false },
    ]);
    const [mug] = (await findListing(query({ q: "mug" }))).products;
    // The pieces are rendered by React as text: "<script>" reaches the page as &lt;script&gt;.
    expect(highlightPieces(mug.nameHighlight!).map((piece) => piece.text).join("")).toBe("<script>alert(1)</script> Mug");
  });

  it("finds nothing for a word no product has, and treats query syntax as text", async () => {
    expect(await slugs({ q: "xylophone" })).toEqual([]);
    expect(await slugs({ q: "'); DROP TABLE products; --" })).toEqual([]);
    expect(await slugs({ q: "!&|:*()" })).toHaveLength(FIXTURES.length);
  });
});

describe("filters and sorts", () => {
  it("a collection filter lists only that collection's products, in the collection's order", async () => {
    // tea-time's own order: bhujia 0, assam 1, chai 2 (each fixture's index in its list); chai is sold out.
    expect(await slugs({ collection: "tea-time" })).toEqual(["bikaneri-bhujia", "assam-breakfast", "masala-chai"]);
  });

  it("in stock only leaves out sold-out products", async () => {
    const found = await slugs({ inStock: true });
    expect(found).not.toContain("masala-chai");
    expect(found).toHaveLength(FIXTURES.length - 1);
  });

  it("a price range keeps products within it, bounds included (rupees)", async () => {
    const found = await slugs({ minPrice: 249, maxPrice: 649 });
    expect(found.sort()).toEqual(["assam-breakfast", "garam-masala", "masala-chai", "script-mug"]);
  });

  it("sorts by price, low to high and high to low", async () => {
    const ascending = [...FIXTURES].sort((a, b) => a.price - b.price).map((fixture) => fixture.slug);
    expect(await slugs({ sort: "price_asc" })).toEqual(ascending);
    expect(await slugs({ sort: "price_desc" })).toEqual([...ascending].reverse());
  });

  it("sorts newest first", async () => {
    expect(await slugs({ sort: "newest" })).toEqual([...FIXTURES].sort((a, b) => a.age - b.age).map((fixture) => fixture.slug));
  });

  it("featured puts sold-out products last, then follows the shop's order", async () => {
    const expected = [...FIXTURES].sort((a, b) => Number(a.stock === 0) - Number(b.stock === 0) || a.position - b.position).map((fixture) => fixture.slug);
    expect(await slugs({})).toEqual(expected);
  });

  it("combines search, collection, stock, price and sort", async () => {
    // "masala" matches Garam Masala and Masala Chai; spices holds both and saffron; chai is sold out.
    expect(await slugs({ q: "masala", collection: "spices", sort: "price_desc" })).toEqual(["masala-chai", "garam-masala"]);
    expect(await slugs({ q: "masala", collection: "spices", inStock: true })).toEqual(["garam-masala"]);
    expect(await slugs({ q: "masala", collection: "spices", maxPrice: 249 })).toEqual(["garam-masala"]);
    expect(await slugs({ collection: "tea", inStock: true, sort: "price_asc", minPrice: 300 })).toEqual(["assam-breakfast", "darjeeling-first-flush"]);
  });

  it("counts what the filter matches, not what the page shows", async () => {
    const listing = await findListing(query({ collection: "tea", pageSize: 2 }));
    expect(listing.total).toBe(3);
    expect(listing.products).toHaveLength(2);
  });
});

describe("pages", () => {
  it("pages cover every product exactly once, in order", async () => {
    const all = await slugs({ sort: "price_asc" });
    const pages = [1, 2, 3].map((page) => slugs({ sort: "price_asc", pageSize: 3, page }));
    expect((await Promise.all(pages)).flat()).toEqual(all);
  });

  it("a page past the end is empty but still counts the total", async () => {
    const listing = await findListing(query({ page: 99, pageSize: 3 }));
    expect(listing.products).toEqual([]);
    expect(listing.total).toBe(FIXTURES.length);
  });
});

describe("GET /api/products", () => {
  it("answers { products, page, pageSize, total } with today's item shape", async () => {
    const reply = await call(shop, "/api/products?sort=price_asc&pageSize=2&page=2");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ page: 2, pageSize: 2, total: FIXTURES.length });
    expect(reply.body.products.map((product: { slug: string }) => product.slug)).toEqual(["masala-chai", "assam-breakfast"]);
    expect(reply.body.products[0]).toEqual({ id: expect.any(String), slug: "masala-chai", name: "Masala Chai Blend", price: 29_900, currency: "INR", stock: 0, image: "/p.svg" });
  });

  it("applies the same parameters as the pages", async () => {
    const reply = await call(shop, "/api/products?q=safron&inStock=true");
    expect(reply.body.products.map((product: { slug: string }) => product.slug)).toEqual(["kashmiri-saffron"]);
    // Exact stock, read per request: the API is not the pages' capped, cached copy.
    const garam = await call(shop, "/api/products?q=garam");
    expect(garam.body.products[0].stock).toBe(80);
  });

  it.each([
    ["pageSize", `pageSize=${MAX_PAGE_SIZE + 1}`],
    ["pageSize", "pageSize=0"],
    ["page", "page=0"],
    ["page", "page=abc"],
    ["sort", "sort=cheapest"],
    ["inStock", "inStock=yes"],
    ["minPrice", "minPrice=-5"],
    ["maxPrice", "minPrice=500&maxPrice=100"],
    ["collection", "collection=Not%20A%20Slug"],
    ["q", `q=${"x".repeat(101)}`],
    ["q", "q=a%00b"],
    ["page", "page=1&page=2"],
  ])("refuses an invalid %s with a JSON 400 naming it (%s)", async (field, search) => {
    const reply = await call(shop, `/api/products?${search}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: "invalid_request", field });
  });

  it("caps the page size", () => {
    expect(parseListingQuery(new URLSearchParams(`pageSize=${MAX_PAGE_SIZE}`)).pageSize).toBe(MAX_PAGE_SIZE);
    expect(() => parseListingQuery(new URLSearchParams(`pageSize=${MAX_PAGE_SIZE + 1}`))).toThrow(/pageSize/);
  });
});

describe("the stock pages can show", () => {
  it("is capped the same in the database's trigger and in the code", async () => {
    const values = Array.from({ length: STOCK_SHOWN_UP_TO + 5 }, (_, index) => index);
    const { rows } = await sql.query("SELECT s, catalog_shown_stock(s) AS shown FROM unnest($1::int[]) AS s", [values]);
    expect(rows.map((row: { shown: number }) => row.shown)).toEqual(values.map(shownStock));
  });

  it("a sale's orders are announced only when a page would show a difference", async () => {
    const { rows } = await sql.query("SELECT id FROM products WHERE slug = 'bikaneri-bhujia'");
    const id = rows[0].id;
    const announcements = async () => Number((await sql.query("SELECT count(*) FROM catalog_invalidations WHERE $1 = ANY(tags)", [`product:${id}`])).rows[0].count);
    const before = await announcements();
    await sql.query("UPDATE product_variants SET stock = 119 WHERE product_id = $1", [id]);
    expect(await announcements()).toBe(before);
    await sql.query("UPDATE product_variants SET stock = 9 WHERE product_id = $1", [id]);
    expect(await announcements()).toBe(before + 1);
    await sql.query("UPDATE product_variants SET stock = 0 WHERE product_id = $1", [id]);
    const { rows: last } = await sql.query("SELECT tags FROM catalog_invalidations ORDER BY id DESC LIMIT 1");
    // Sold out changes what "in stock only" lists and the featured order: every listing is told.
    expect(last[0].tags).toEqual([`product:${id}`, "catalog:listings"]);
    await sql.query("UPDATE product_variants SET stock = 120 WHERE product_id = $1", [id]);
  });
});

describe("products sold in several sizes", () => {
  it("are listed at their lowest size's price with their number of sizes, so a card can say \"From\"", async () => {
    const { rows } = await sql.query("SELECT id FROM products WHERE slug = 'garam-masala'");
    await sql.query("INSERT INTO product_variants (product_id, name, sku, price, stock, position, updated_at) VALUES ($1, '50 g', 'garam-masala-50g', 9900, 5, 1, now())", [rows[0].id]);
    try {
      const listed = (await findListing(query({ q: "masala" }))).products;
      expect(listed.find((product) => product.slug === "garam-masala")).toMatchObject({ price: 9_900, sizes: 2 });
      expect(listed.find((product) => product.slug === "masala-chai")).toMatchObject({ price: 29_900, sizes: 1 });
    } finally {
      await sql.query("DELETE FROM product_variants WHERE sku = 'garam-masala-50g'");
    }
  });
});
