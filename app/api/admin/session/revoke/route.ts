import { NextResponse } from "next/server";
import { adminFromRequest } from "@/lib/auth/guards";
import { revokeSessions } from "@/lib/auth/users";
import { route } from "@/lib/http";

/** Sign out everywhere: every session of this admin, on every device, stops working at its next request (audited). */
export const POST = route(async (request: Request) => {
  const admin = await adminFromRequest(request);
  await revokeSessions(admin.id, admin.id, "sign_out_everywhere");
  return NextResponse.json({ revoked: true });
}, { limit: "adminAction", sameOrigin: true });
