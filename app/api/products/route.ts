import { NextResponse } from "next/server";
import { findListing } from "@/lib/catalog/products";
import { parseListingQuery } from "@/lib/catalog/query";
import { route } from "@/lib/http";

/** Read per request (exact stock, unlike the pages' cached copy), one bounded page at a time. */
export const GET = route(async (request: Request) => {
  const query = parseListingQuery(new URL(request.url).searchParams);
  const { products, page, pageSize, total } = await findListing(query);
  return NextResponse.json({ products: products.map(({ id, slug, name, price, currency, stock, image }) => ({ id, slug, name, price, currency, stock, image })), page, pageSize, total });
});
