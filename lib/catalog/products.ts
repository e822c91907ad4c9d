import { Prisma } from "@/lib/db";
import { catalogDb } from "./db";
import type { ListingQuery } from "./query";
import { searchTerms, type SearchTerms } from "./search";

export interface ProductView {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  stock: number;
  image: string;
  /** How many sizes or packs it comes in: with more than one, `price` is the lowest ("From ₹X"). */
  sizes: number;
}

/** A product in a search result: its name and a piece of its description with the matched words marked. */
export interface ProductMatch extends ProductView {
  /** Text with the matched words between U+0001 and U+0002 (components/catalog/highlighted.tsx renders it). */
  nameHighlight: string | null;
  descriptionHighlight: string | null;
}

export interface Listing {
  products: ProductMatch[];
  page: number;
  pageSize: number;
  total: number;
}

/** A product as the listing's SQL returns it: the view's columns plus the highlights. */
interface ProductRow extends ProductView {
  name_highlight: string | null;
  description_highlight: string | null;
}

/**
 * The one place the catalogue reads a product's price and stock. Product variants (issue 10) keep
 * `products.price` (the lowest variant's) and `products.stock` (the sum) up to date in the
 * database, so sorting and filtering stay on these columns; if that changes, change it here.
 */
const PRICE = Prisma.sql`p.price`;
const STOCK = Prisma.sql`p.stock`;
const PRODUCT_COLUMNS = Prisma.sql`p.id::text AS id, p.slug, p.name, p.description, ${PRICE} AS price, p.currency, ${STOCK} AS stock, p.image`;
/** Counted per product shown, never for every product a filter matches. */
const sizesOf = (product: Prisma.Sql) => Prisma.sql`(SELECT count(*)::int FROM product_variants v WHERE v.product_id = ${product}.id::uuid) AS sizes`;

function view(row: ProductRow): ProductMatch {
  const { id, slug, name, description, price, currency, stock, image, sizes } = row;
  return { id, slug, name, description, price, currency, stock, image, sizes, nameHighlight: row.name_highlight, descriptionHighlight: row.description_highlight };
}

function conditions(query: ListingQuery, terms: SearchTerms | null): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.collection !== null) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM product_collections pc JOIN collections c ON c.id = pc.collection_id WHERE pc.product_id = p.id AND c.slug = ${query.collection})`);
  }
  if (query.inStock) where.push(Prisma.sql`${STOCK} > 0`);
  // Bounds are whole rupees; prices are paise.
  if (query.minPrice !== null) where.push(Prisma.sql`${PRICE} >= ${query.minPrice * 100}`);
  if (query.maxPrice !== null) where.push(Prisma.sql`${PRICE} <= ${query.maxPrice * 100}`);
  if (terms) where.push(terms.matches);
  return Prisma.join(where, " AND ");
}

function ordering(query: ListingQuery, terms: SearchTerms | null): Prisma.Sql {
  switch (query.sort) {
    case "price_asc":
      return Prisma.sql`${PRICE} ASC, p.id`;
    case "price_desc":
      return Prisma.sql`${PRICE} DESC, p.id`;
    case "newest":
      return Prisma.sql`p.created_at DESC, p.id`;
    case "featured": {
      // The shop's order: the best match first when searching, what can be bought before what cannot,
      // then the collection's own order on a collection page, then the shop's.
      const inCollection =
        query.collection === null
          ? Prisma.empty
          : Prisma.sql`(SELECT pc.position FROM product_collections pc JOIN collections c ON c.id = pc.collection_id WHERE pc.product_id = p.id AND c.slug = ${query.collection}), `;
      return Prisma.sql`${terms ? Prisma.sql`${terms.rank} DESC, ` : Prisma.empty}(${STOCK} = 0), ${inCollection}p.position, p.name, p.id`;
    }
  }
}

/** One page of the catalogue, filtered, searched and sorted, with the total the filter matches. */
export async function findListing(query: ListingQuery): Promise<Listing> {
  const terms = searchTerms(query.q);
  const where = conditions(query, terms);
  const offset = (query.page - 1) * query.pageSize;
  const highlights = terms ? Prisma.sql`${terms.highlight(Prisma.sql`page.name`, "name")} AS name_highlight, ${terms.highlight(Prisma.sql`page.description`, "description")} AS description_highlight` : Prisma.sql`NULL AS name_highlight, NULL AS description_highlight`;
  const [rows, [{ total }]] = await Promise.all([
    // Highlights are computed for the page's rows only, outside the sorted, limited query.
    catalogDb().$queryRaw<ProductRow[]>`
      SELECT page.*, ${sizesOf(Prisma.sql`page`)}, ${highlights}
      FROM (SELECT ${PRODUCT_COLUMNS} FROM products p WHERE ${where} ORDER BY ${ordering(query, terms)} LIMIT ${query.pageSize} OFFSET ${offset}) page`,
    catalogDb().$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM products p WHERE ${where}`,
  ]);
  // The subquery's order survives the outer SELECT: it has no join, sort or aggregate of its own.
  return { products: rows.map(view), page: query.page, pageSize: query.pageSize, total };
}

export async function findProductBySlug(slug: string): Promise<ProductView | null> {
  const [row] = await catalogDb().$queryRaw<ProductRow[]>`SELECT ${PRODUCT_COLUMNS}, ${sizesOf(Prisma.sql`p`)}, NULL AS name_highlight, NULL AS description_highlight FROM products p WHERE p.slug = ${slug}`;
  if (!row) return null;
  const { nameHighlight: _name, descriptionHighlight: _description, ...product } = view(row);
  return product;
}

/** Products by slug, in the order asked, for the few the home page shows in its welcome. */
export async function findProductsBySlugs(slugs: string[]): Promise<ProductView[]> {
  const rows = await catalogDb().$queryRaw<ProductRow[]>`SELECT ${PRODUCT_COLUMNS}, ${sizesOf(Prisma.sql`p`)}, NULL AS name_highlight, NULL AS description_highlight FROM products p WHERE p.slug = ANY(${slugs})`;
  const bySlug = new Map(rows.map((row) => [row.slug, row]));
  return slugs.flatMap((slug) => {
    const row = bySlug.get(slug);
    if (!row) return [];
    const { nameHighlight: _name, descriptionHighlight: _description, ...product } = view(row);
    return [product];
  });
}
