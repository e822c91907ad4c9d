import { notFound } from "next/navigation";
import { shopName } from "@/lib/config";
import { findProductBySlug } from "@/lib/catalog/products";
import { formatMoney, money } from "@/lib/money";
import { OG_IMAGE_SIZE, publicImageDataUrl, shareCard } from "@/lib/seo/og-image";

export const size = OG_IMAGE_SIZE;
export const contentType = "image/png";
export const alt = "The product, its price and whether it is in stock";

export default async function ProductShareCard({ params }: { params: Promise<{ slug: string }> }) {
  const product = await findProductBySlug((await params).slug);
  if (!product) notFound();
  return shareCard({
    shopName: shopName(),
    title: product.name,
    lines: [formatMoney(money(product.price, product.currency)), product.stock > 0 ? "In stock" : "Sold out"],
    photo: await publicImageDataUrl(product.image),
  });
}
