import { NextResponse } from "next/server";
import { listProducts } from "@/lib/catalog/products";
import { route } from "@/lib/http";

export const GET = route(async () => {
  const products = (await listProducts()).map(({ id, slug, name, price, currency, stock, image }) => ({ id, slug, name, price, currency, stock, image }));
  return NextResponse.json({ products });
});
