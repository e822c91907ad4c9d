import { NextResponse, type NextRequest } from "next/server";
import { replayWebhook } from "@/lib/admin/webhooks";
import { adminFromRequest } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";

/** POST → puts a dead-lettered webhook back in the queue and processes it now; `replayed: false` if it was not dead. */
export const POST = route(async (request: NextRequest, { params }: { params: Promise<{ eventId: string }> }) => {
  const admin = await adminFromRequest(request);
  const { eventId } = await params;
  // Event ids arrive in an HTTP header, which cannot carry NUL; PostgreSQL would fail the lookup (22021) with a 500.
  if (eventId.includes("\u0000")) throw new AppError("not_found", "No such webhook event");
  return NextResponse.json(await replayWebhook(eventId, admin));
}, { limit: "adminAction", sameOrigin: true });
