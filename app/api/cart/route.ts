import { NextResponse, type NextRequest } from "next/server";
import { getCart } from "@/lib/cart/cart";
import { cartIdFrom } from "@/lib/cart/cookie";
import { route } from "@/lib/http";

export const GET = route(async (request: NextRequest) => NextResponse.json({ cart: await getCart(cartIdFrom(request)) }));
