import type { NextRequest } from "next/server";
import { route } from "@/lib/http";
import { findOrderForToken } from "@/lib/orders/status";
import { invoiceIdOf } from "@/lib/tax/documents";
import { taxDocumentPdfResponse } from "@/lib/tax/download";

/** The order's tax invoice as a PDF, for whoever holds the order's token (404 otherwise, 409 before it is paid). */
export const GET = route(async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
  const order = await findOrderForToken((await params).id, request.nextUrl.searchParams.get("token"));
  return taxDocumentPdfResponse(order.id, await invoiceIdOf(order.id));
}, { limit: "orderStatus" });
