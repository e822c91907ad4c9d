import type { NextRequest } from "next/server";
import { adminFromRequest } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { isUuid } from "@/lib/ids";
import { creditNoteIdOf } from "@/lib/tax/documents";
import { taxDocumentPdfResponse } from "@/lib/tax/download";

/** One of an order's credit notes as a PDF (admin). */
export const GET = route(async (request: NextRequest, { params }: { params: Promise<{ id: string; creditNoteId: string }> }) => {
  await adminFromRequest(request);
  const { id, creditNoteId } = await params;
  if (!isUuid(id)) throw new AppError("not_found", "No such order");
  return taxDocumentPdfResponse(id, await creditNoteIdOf(id, creditNoteId));
});
