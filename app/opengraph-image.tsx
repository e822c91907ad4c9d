import { connection } from "next/server";
import { shopName } from "@/lib/config";
import { formatMoney, money } from "@/lib/money";
import { FREE_SHIPPING_FROM } from "@/lib/orders/totals";
import { OG_IMAGE_SIZE, publicImageDataUrl, shareCard } from "@/lib/seo/og-image";

export const size = OG_IMAGE_SIZE;
export const contentType = "image/png";
export const alt = "The shop's name and what it sells";

export default async function ShopShareCard() {
  // SHOP_NAME is the running server's, not the build machine's.
  await connection();
  return shareCard({
    shopName: shopName(),
    title: "Teas, spices and handmade goods from across India",
    lines: [`Free shipping from ${formatMoney(money(FREE_SHIPPING_FROM))}`],
    photo: await publicImageDataUrl("/products/masala-chai-blend.svg"),
  });
}
