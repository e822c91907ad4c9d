import { cookies } from "next/headers";
import { cache } from "react";
import { CART_COOKIE, getCart, type CartView } from "./cart";

/** The shopper's cart for server components, read once per request (the header and the page share it). */
export const currentCart = cache(async (): Promise<CartView> => getCart((await cookies()).get(CART_COOKIE)?.value));
