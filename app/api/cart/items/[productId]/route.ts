import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getCart, MAX_QUANTITY_PER_LINE, removeFromCart, setCartQuantity } from "@/lib/cart/cart";
import { cartIdFrom } from "@/lib/cart/cookie";
import { readJson, route } from "@/lib/http";

const setQuantity = z.object({
  quantity: z.number().int("Quantity must be a whole number").min(0, "Quantity cannot be negative").max(MAX_QUANTITY_PER_LINE, `At most ${MAX_QUANTITY_PER_LINE}`),
});

type Context = { params: Promise<{ productId: string }> };

export const PATCH = route(async (request: NextRequest, { params }: Context) => {
  const { quantity } = await readJson(request, setQuantity);
  const cartId = cartIdFrom(request);
  await setCartQuantity(cartId, (await params).productId, quantity);
  return NextResponse.json({ cart: await getCart(cartId) });
}, { limit: "cart", sameOrigin: true });

export const DELETE = route(async (request: NextRequest, { params }: Context) => {
  const cartId = cartIdFrom(request);
  await removeFromCart(cartId, (await params).productId);
  return NextResponse.json({ cart: await getCart(cartId) });
}, { limit: "cart", sameOrigin: true });
