// The catalogue's pages through the production server (`npm start`): search, collections, and the
// cache ('use cache' + the database-fed invalidations of lib/catalog/cache-handler.mjs).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { ensureProductionBuild, startNextShop, type NextShop } from "./next-shop";

let database: TestDatabase;
let shop: NextShop;
let sql: pg.Client;

beforeAll(async () => {
  await ensureProductionBuild();
  database = await createTestDatabase();
  shop = await startNextShop(database.url, { poolSize: database.concurrent ? 5 : 1 });
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
}, 600_000);

afterAll(async () => {
  await sql?.end();
  await shop?.stop();
  await database?.drop();
});

async function page(path: string): Promise<{ status: number; html: string; bytes: number }> {
  const response = await fetch(`${shop.url}${path}`);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, html: body.toString("utf8"), bytes: body.byteLength };
}

/** Polls `path` until `test` holds, for at most `withinMs`; returns how long it took. */
async function eventually(path: string, test: (html: string) => boolean, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (test((await page(path)).html)) return Date.now() - started;
    if (Date.now() - started > withinMs) throw new Error(`${path} did not change within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("search and collections", () => {
  it("/search finds a misspelt product and marks the match", async () => {
    const { status, html } = await page("/search?q=darj");
    expect(status).toBe(200);
    expect(html).toContain("<mark");
    expect(html).toMatch(/<mark[^>]*>Darjeeling<\/mark>/);
    expect((await page("/search?q=darjeling")).html).toContain("Darjeeling First Flush");
  });

  it("/search with no result suggests the collections", async () => {
    const { status, html } = await page("/search?q=xylophone");
    expect(status).toBe(200);
    expect(html).toContain("Nothing found for");
    expect(html).toContain('href="/collections/tea"');
  });

  it("/search escapes what the shopper typed", async () => {
    const { html } = await page(`/search?q=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("/collections/[slug] lists the collection, and an unknown one shows the not-found page, kept out of search engines", async () => {
    const tea = await page("/collections/tea");
    expect(tea.status).toBe(200);
    expect(tea.html).toContain("Assam Breakfast Tea");
    expect(tea.html).not.toContain("Kantha Stitch Throw");
    // Streamed after the (empty) shell, so with Cache Components the status stays 200 (README, Known limits).
    const unknown = await page("/collections/no-such-collection");
    expect(unknown.html).toContain("We couldn’t find that page");
    expect(unknown.html).toContain('<meta name="robots" content="noindex"/>');
  });

  it("the header links every collection and has the search box", async () => {
    const { html } = await page("/cart");
    for (const slug of ["tea", "spices", "snacks", "pottery", "textiles"]) expect(html).toContain(`href="/collections/${slug}"`);
    expect(html).toContain('action="/search"');
  });

  it("filters and sort in the URL shape the page", async () => {
    const { html } = await page("/?collection=tea&sort=price_desc&inStock=true");
    const order = ["Darjeeling First Flush", "Masala Chai Blend", "Assam Breakfast Tea"].map((name) => html.indexOf(name));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toContain("Bikaneri Bhujia");
  });
});

describe("pages from cache", () => {
  it("serves cached product data until the database says it changed", async () => {
    expect((await page("/products/garam-masala")).html).toContain("Hand-pounded Garam Masala");
    // A change made with the triggers off announces nothing: the cached page keeps the old name.
    await sql.query("BEGIN; SET LOCAL session_replication_role = replica; UPDATE products SET name = 'Renamed Masala, 100 g' WHERE slug = 'garam-masala'; COMMIT;");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await page("/products/garam-masala")).html).toContain("Hand-pounded Garam Masala");
    // The same change, announced (as every change is: a trigger), is shown.
    await sql.query("UPDATE products SET description = description || ' ' WHERE slug = 'garam-masala'");
    await eventually("/products/garam-masala", (html) => html.includes("Renamed Masala, 100 g"), 10_000);
  });

  it("shows sold out within seconds when another process takes the last unit, with no revalidateTag call", async () => {
    // Kashmiri saffron is seeded with one unit.
    expect((await page("/products/kashmiri-saffron")).html).toContain("Only 1 left in stock");
    expect((await page("/collections/spices")).html).toContain("Only 1 left");
    // As the worker process or another app instance would: straight in the database, no revalidateTag here.
    await sql.query("UPDATE product_variants SET stock = 0 WHERE product_id = (SELECT id FROM products WHERE slug = 'kashmiri-saffron')");
    // Each instance reads the database's invalidations once a second; a loaded test machine adds its render time.
    await eventually("/products/kashmiri-saffron", (html) => html.includes("Sold out") && !html.includes("Only 1 left"), 10_000);
    await eventually("/collections/spices", (html) => !html.includes("Only 1 left"), 10_000);
    await eventually("/?inStock=true", (html) => !html.includes("Kashmiri Saffron"), 10_000);
  });
});

describe("a catalogue of 10,000 products", () => {
  it("GET / stays under 200 kB and /api/products pages stay bounded", async () => {
    await sql.query(`
      INSERT INTO products (id, slug, name, description, price, stock, image, position, updated_at)
      SELECT gen_random_uuid(), 'bulk-' || n, 'Bulk Tea No. ' || n, 'A tea from the bulk catalogue, number ' || n || ', for testing scale.', 10000 + n, n % 50, '/products/masala-chai-blend.svg', 100 + n, now()
      FROM generate_series(1, 9986) AS n`);
    const { rows } = await sql.query("SELECT count(*)::int AS count FROM products");
    expect(rows[0].count).toBe(10_000);
    const home = await eventually("/", (html) => html.includes("of 10000 products") || html.includes("of 10,000 products"), 5_000).then(() => page("/"));
    expect(home.status).toBe(200);
    expect(home.bytes).toBeLessThanOrEqual(200 * 1024);
    const api = await fetch(`${shop.url}/api/products`).then((response) => response.json());
    expect(api).toMatchObject({ page: 1, pageSize: 24, total: 10_000 });
    expect(api.products).toHaveLength(24);
    const last = await fetch(`${shop.url}/api/products?page=209&pageSize=48`).then((response) => response.json());
    expect(last.products).toHaveLength(10_000 - 208 * 48);
    // The name is split by the marks around each matched word: its link is what is found.
    expect((await page("/search?q=bulk%20tea%209985")).html).toContain(`href="/products/bulk-9985"`);
  }, 120_000);
});
