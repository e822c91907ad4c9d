import { NextResponse } from "next/server";
import { adminFromRequest } from "@/lib/auth/guards";
import { resendEmail } from "@/lib/email/admin";
import { route } from "@/lib/http";

/** An admin sends an outbox email again (audited on the order's trail); 200 with the email as it now stands. */
export const POST = route(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const admin = await adminFromRequest(request);
  const { id } = await context.params;
  const { email, delivered } = await resendEmail(id, admin);
  return NextResponse.json({
    email: { id: email.id, kind: email.kind, status: email.status, attempts: email.attempts, messageId: email.messageId, sentAt: email.sentAt, lastError: email.lastError, transport: email.transport },
    delivered,
  });
}, { limit: "adminAction", sameOrigin: true });
