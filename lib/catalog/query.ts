import { z } from "zod";
import { AppError } from "@/lib/errors";
import { invalidInput } from "@/lib/http";

export const SORTS = ["featured", "price_asc", "price_desc", "newest"] as const;
export type Sort = (typeof SORTS)[number];

export const DEFAULT_PAGE_SIZE = 24;
/** The cap keeps every page and `GET /api/products` bounded, however large the catalogue. */
export const MAX_PAGE_SIZE = 48;
/** Past this, an offset query walks too many rows for a page nobody reads; ~240,000 products at the cap. */
export const MAX_PAGE = 5_000;
export const MAX_QUERY_LENGTH = 100;

/** What a catalogue listing shows: the API and the pages read the same URL parameters. */
export interface ListingQuery {
  q: string;
  collection: string | null;
  sort: Sort;
  inStock: boolean;
  /** Whole rupees, inclusive: a shopper's filter bound, never an amount charged. */
  minPrice: number | null;
  maxPrice: number | null;
  page: number;
  pageSize: number;
}

/** Parameters a listing's URL may carry; anything else in the query string is ignored. */
export const LISTING_PARAMS = ["q", "collection", "sort", "inStock", "minPrice", "maxPrice", "page", "pageSize"] as const;

const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const schema = z
  .object({
    q: z
      .string()
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
      // PostgreSQL cannot store or compare a NUL character: refused here rather than a 500.
      .refine((value) => !value.includes("\u0000"), "must not contain a NUL character")
      .transform((value) => value.trim())
      .optional(),
    collection: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a collection's slug, e.g. tea")
      .max(100, "must be at most 100 characters")
      .optional(),
    sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(", ")}` }).optional(),
    inStock: z.enum(["true", "false", "1", "0"], { error: "must be true or false" }).optional(),
    minPrice: wholeNumber(0, 10_000_000).optional(),
    maxPrice: wholeNumber(0, 10_000_000).optional(),
    page: wholeNumber(1, MAX_PAGE).optional(),
    pageSize: wholeNumber(1, MAX_PAGE_SIZE).optional(),
  })
  .refine((params) => params.minPrice === undefined || params.maxPrice === undefined || params.minPrice <= params.maxPrice, {
    path: ["maxPrice"],
    message: "must not be below minPrice",
  });

export type ListingParams = Partial<Record<(typeof LISTING_PARAMS)[number], string>>;

/** The listing parameters of a query string; a parameter given twice is refused (which one would count?). */
function listingParams(search: URLSearchParams): ListingParams {
  const params: ListingParams = {};
  for (const name of LISTING_PARAMS) {
    const values = search.getAll(name);
    if (values.length > 1) throw new AppError("invalid_request", `${name}: must be given once`, { [name]: "Must be given once" });
    // An empty field (a form submitted with a blank box) means "not set".
    if (values.length === 1 && values[0] !== "") params[name] = values[0];
  }
  return params;
}

function toQuery(parsed: z.output<typeof schema>): ListingQuery {
  return {
    q: parsed.q ?? "",
    collection: parsed.collection ?? null,
    sort: parsed.sort ?? "featured",
    inStock: parsed.inStock === "true" || parsed.inStock === "1",
    minPrice: parsed.minPrice ?? null,
    maxPrice: parsed.maxPrice ?? null,
    page: parsed.page ?? 1,
    pageSize: parsed.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

/** For the API: any invalid parameter is a 400 naming it. */
export function parseListingQuery(search: URLSearchParams): ListingQuery {
  const result = schema.safeParse(listingParams(search));
  if (!result.success) throw invalidInput(result.error);
  return toQuery(result.data);
}

/**
 * For pages: a shared link with one bad parameter still shows the shelf, without that parameter
 * (the page says which it ignored).
 */
export function listingQueryFromPage(searchParams: Record<string, string | string[] | undefined>): { query: ListingQuery; ignored: string[] } {
  const params: ListingParams = {};
  for (const name of LISTING_PARAMS) {
    const value = searchParams[name];
    const single = Array.isArray(value) ? value[0] : value;
    if (single !== undefined && single !== "") params[name] = single;
  }
  const ignored: string[] = [];
  for (;;) {
    const result = schema.safeParse(params);
    if (result.success) return { query: toQuery(result.data), ignored };
    const name = String(result.error.issues[0]?.path[0] ?? "") as keyof ListingParams;
    if (!(name in params)) return { query: toQuery({}), ignored: [...ignored, ...Object.keys(params)] };
    ignored.push(name);
    delete params[name];
  }
}

/** The URL of a listing with some parameters changed; defaults are left out so links stay short and shareable. */
export function listingHref(path: string, query: ListingQuery, changes: Partial<ListingQuery> = {}): string {
  const next = { ...query, ...changes };
  const search = new URLSearchParams();
  if (next.q) search.set("q", next.q);
  if (next.collection) search.set("collection", next.collection);
  if (next.sort !== "featured") search.set("sort", next.sort);
  if (next.inStock) search.set("inStock", "true");
  if (next.minPrice !== null) search.set("minPrice", String(next.minPrice));
  if (next.maxPrice !== null) search.set("maxPrice", String(next.maxPrice));
  if (next.page !== 1) search.set("page", String(next.page));
  if (next.pageSize !== DEFAULT_PAGE_SIZE) search.set("pageSize", String(next.pageSize));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
