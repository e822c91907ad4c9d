import type { NextRequest } from "next/server";
import { route } from "@/lib/http";
import { findOrderForToken } from "@/lib/orders/status";
import { creditNoteIdOf } from "@/lib/tax/documents";
import { taxDocumentPdfResponse } from "@/lib/tax/download";

/** One of the order's credit notes (one per processed refund) as a PDF, for whoever holds the order's token. */
export const GET = route(async (request: NextRequest, { params }: { params: Promise<{ id: string; creditNoteId: string }> }) => {
  const { id, creditNoteId } = await params;
  const order = await findOrderForToken(id, request.nextUrl.searchParams.get("token"));
  return taxDocumentPdfResponse(order.id, await creditNoteIdOf(order.id, creditNoteId));
}, { limit: "orderStatus" });
