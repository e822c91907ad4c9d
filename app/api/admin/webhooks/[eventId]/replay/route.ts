import { NextResponse, type NextRequest } from "next/server";
import { replayWebhook } from "@/lib/admin/webhooks";
import { adminFromRequest } from "@/lib/auth/guards";
import { route } from "@/lib/http";

/** POST → puts a dead-lettered webhook back in the queue and processes it now; `replayed: false` if it was not dead. */
export const POST = route(async (request: NextRequest, { params }: { params: Promise<{ eventId: string }> }) => {
  const admin = await adminFromRequest(request);
  return NextResponse.json(await replayWebhook((await params).eventId, admin));
}, { limit: "adminAction", sameOrigin: true });
