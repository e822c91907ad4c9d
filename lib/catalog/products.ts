import { db } from "@/lib/db";
import type { Product } from "@/lib/generated/prisma/client";

export interface ProductView {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  stock: number;
  image: string;
}

function view(product: Product): ProductView {
  const { id, slug, name, description, price, currency, stock, image } = product;
  return { id, slug, name, description, price, currency, stock, image };
}

export async function listProducts(): Promise<ProductView[]> {
  return (await db().product.findMany({ orderBy: { name: "asc" } })).map(view);
}

export async function findProductBySlug(slug: string): Promise<ProductView | null> {
  const product = await db().product.findUnique({ where: { slug } });
  return product ? view(product) : null;
}
