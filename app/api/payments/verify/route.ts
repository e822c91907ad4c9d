import { NextResponse } from "next/server";
import { readJson, route } from "@/lib/http";
import { checkoutCallback, verifyCheckoutCallback } from "@/lib/payments/verify";

export const POST = route(async (request: Request) => NextResponse.json(await verifyCheckoutCallback(await readJson(request, checkoutCallback))), {
  limit: "verify",
  sameOrigin: true,
});
