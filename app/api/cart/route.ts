import { NextResponse, type NextRequest } from "next/server";
import { getCart, pendingOrderOf } from "@/lib/cart/cart";
import { cartIdFrom } from "@/lib/cart/cookie";
import { route } from "@/lib/http";

export const GET = route(async (request: NextRequest) => {
  const cartId = cartIdFrom(request);
  const [cart, pendingOrder] = await Promise.all([getCart(cartId), pendingOrderOf(cartId)]);
  return NextResponse.json({ cart, pendingOrder }, { headers: { "cache-control": "no-store" } });
});
