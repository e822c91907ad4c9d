import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { sameSecret } from "@/lib/ids";
import { reconcile } from "@/lib/reconciliation/reconcile";

/** For an external scheduler: `Authorization: Bearer $CRON_SECRET`. Disabled while CRON_SECRET is unset. */
const run = route(async (request: Request) => {
  const secret = config().cronSecret;
  const given = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  if (!secret || !sameSecret(secret, given)) throw new AppError("unauthorized", "A valid Authorization: Bearer <CRON_SECRET> header is required");
  return NextResponse.json(await reconcile());
});

export const GET = run;
export const POST = run;
