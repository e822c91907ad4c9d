import type { NextRequest, NextResponse } from "next/server";
import { CART_COOKIE } from "./cart";

/** How long a browser keeps its cart (the privacy policy states it from here). */
export const CART_COOKIE_MAX_AGE_S = 30 * 24 * 60 * 60;

export function cartIdFrom(request: NextRequest): string | undefined {
  return request.cookies.get(CART_COOKIE)?.value;
}

/** httpOnly so page scripts cannot read it; Lax so it survives the return from the payment popup. */
export function setCartCookie(response: NextResponse, request: NextRequest, cartId: string): void {
  response.cookies.set(CART_COOKIE, cartId, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: CART_COOKIE_MAX_AGE_S,
    secure: request.nextUrl.protocol === "https:",
  });
}
