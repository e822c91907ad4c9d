import { taxDocumentView } from "./documents";
import { renderTaxDocumentPdf } from "./pdf";

/** A stored invoice or credit note as a PDF download, named after its number ("INV-26-27-000123.pdf"). */
export async function taxDocumentPdfResponse(orderId: string, documentId: string): Promise<Response> {
  const view = await taxDocumentView(orderId, documentId);
  const pdf = await renderTaxDocumentPdf(view);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${view.number.replaceAll("/", "-")}.pdf"`,
      // Shopper links carry the order's token: keep the document out of shared caches.
      "cache-control": "private, no-store",
    },
  });
}
