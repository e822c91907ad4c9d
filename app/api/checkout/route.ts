import type { NextRequest } from "next/server";
import { cartIdFrom } from "@/lib/cart/cookie";
import { readJson, route } from "@/lib/http";
import { checkout } from "@/lib/orders/checkout";
import { checkoutInput } from "@/lib/orders/checkout-input";
import { parseIdempotencyKey } from "@/lib/orders/idempotency";

export const POST = route(async (request: NextRequest) => {
  const idempotencyKey = parseIdempotencyKey(request.headers.get("idempotency-key"));
  const input = await readJson(request, checkoutInput);
  const response = await checkout({ idempotencyKey, cartId: cartIdFrom(request), input });
  // The stored body is sent as stored, byte for byte, on every replay.
  return new Response(response.body, {
    status: response.status,
    headers: { "content-type": "application/json", ...(response.replayed ? { "idempotent-replayed": "true" } : {}) },
  });
}, { limit: "checkout", sameOrigin: true });
