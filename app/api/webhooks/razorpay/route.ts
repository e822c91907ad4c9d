import { NextResponse } from "next/server";
import { readText, route, WEBHOOK_BODY_LIMIT_BYTES } from "@/lib/http";
import { log } from "@/lib/log";
import { processWebhookEvent, receiveWebhook } from "@/lib/webhooks/inbox";

/**
 * Razorpay wants a 2xx within 5 seconds. The event is verified and stored, acknowledged, and
 * processed after the response; the inbox retries it if this process dies first.
 */
export const POST = route(async (request: Request) => {
  const rawBody = await readText(request, WEBHOOK_BODY_LIMIT_BYTES);
  const received = await receiveWebhook(rawBody, {
    signature: request.headers.get("x-razorpay-signature"),
    eventId: request.headers.get("x-razorpay-event-id"),
  });
  if (!received.duplicate) {
    processWebhookEvent(received.eventId).catch((error) => log.warn("webhook_processing_error", { eventId: received.eventId, error: String(error) }));
  }
  return NextResponse.json({ received: true, duplicate: received.duplicate });
}, { limit: "webhook" });
