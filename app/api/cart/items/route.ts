import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { addToCart, getCart, MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";
import { cartIdFrom, setCartCookie } from "@/lib/cart/cookie";
import { resolveVariant } from "@/lib/inventory/variants";
import { readJson, route } from "@/lib/http";

const addItem = z.object({
  productId: z.uuid("Unknown product"),
  /** Required when the product comes in several sizes or packs. */
  variantId: z.uuid("Unknown variant").optional(),
  quantity: z.number().int("Quantity must be a whole number").min(1, "Quantity must be at least 1").max(MAX_QUANTITY_PER_LINE, `At most ${MAX_QUANTITY_PER_LINE}`).default(1),
});

export const POST = route(async (request: NextRequest) => {
  const { productId, variantId, quantity } = await readJson(request, addItem);
  const cartId = await addToCart(cartIdFrom(request), await resolveVariant(productId, variantId), quantity);
  const response = NextResponse.json({ cart: await getCart(cartId) }, { status: 201 });
  setCartCookie(response, request, cartId);
  return response;
}, { limit: "cart", sameOrigin: true });
