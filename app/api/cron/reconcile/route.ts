import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { sameSecret } from "@/lib/ids";
import { reconcile } from "@/lib/reconciliation/reconcile";
import { deliverDueEmails } from "@/lib/email/deliver";

/** For an external scheduler (every minute): `Authorization: Bearer $CRON_SECRET`. Disabled while CRON_SECRET is unset. */
const run = route(async (request: Request) => {
  const secret = config().cronSecret;
  const given = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  if (!secret || !sameSecret(secret, given)) throw new AppError("unauthorized", "A valid Authorization: Bearer <CRON_SECRET> header is required");
  const report = await reconcile();
  // Email (issue 7): for a scheduler calling this route, due emails are delivered with the run, as the queue's reconcile job does.
  return NextResponse.json({ ...report, emails: await deliverDueEmails() });
});

export const GET = run;
export const POST = run;
