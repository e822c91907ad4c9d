import { NextResponse } from "next/server";
import { readText, route, WEBHOOK_BODY_LIMIT_BYTES } from "@/lib/http";
import { receiveWebhook } from "@/lib/webhooks/inbox";

/**
 * Razorpay wants a 2xx within 5 seconds. The event is verified, stored with the job that applies
 * it (one transaction), and acknowledged; a queue worker applies it, in this process or another.
 */
export const POST = route(async (request: Request) => {
  const rawBody = await readText(request, WEBHOOK_BODY_LIMIT_BYTES);
  const received = await receiveWebhook(rawBody, {
    signature: request.headers.get("x-razorpay-signature"),
    eventId: request.headers.get("x-razorpay-event-id"),
  });
  return NextResponse.json({ received: true, duplicate: received.duplicate });
}, { limit: "webhook" });
