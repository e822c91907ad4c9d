import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getCart, MAX_QUANTITY_PER_LINE, removeFromCart, setCartQuantity } from "@/lib/cart/cart";
import { cartIdFrom } from "@/lib/cart/cookie";
import { AppError } from "@/lib/errors";
import { variantForLineId } from "@/lib/inventory/variants";
import { readJson, route } from "@/lib/http";

const setQuantity = z.object({
  quantity: z.number().int("Quantity must be a whole number").min(0, "Quantity cannot be negative").max(MAX_QUANTITY_PER_LINE, `At most ${MAX_QUANTITY_PER_LINE}`),
});

/** The segment names a cart line: a variant id, or the product id of a product with one variant. */
type Context = { params: Promise<{ productId: string }> };

export const PATCH = route(async (request: NextRequest, { params }: Context) => {
  const { quantity } = await readJson(request, setQuantity);
  const cartId = cartIdFrom(request);
  const variantId = await variantForLineId((await params).productId);
  if (!variantId) throw new AppError("not_found", "That product does not exist", { variantId: "Unknown variant" });
  await setCartQuantity(cartId, variantId, quantity);
  return NextResponse.json({ cart: await getCart(cartId) });
}, { limit: "cart", sameOrigin: true });

export const DELETE = route(async (request: NextRequest, { params }: Context) => {
  const cartId = cartIdFrom(request);
  const variantId = await variantForLineId((await params).productId);
  if (variantId) await removeFromCart(cartId, variantId);
  return NextResponse.json({ cart: await getCart(cartId) });
}, { limit: "cart", sameOrigin: true });
