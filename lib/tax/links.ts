import type { TaxDocumentKind } from "@/lib/generated/prisma/enums";

export interface TaxDocumentLink {
  id: string;
  kind: TaxDocumentKind;
  number: string;
  issuedAt: Date;
  amount: number;
  href: string;
}

/**
 * Download addresses of an order's invoice and credit notes: the shopper's carry the order's
 * access token (like the order page), the admin's are under /api/admin (session-checked).
 */
export function taxDocumentLinks(
  orderId: string,
  documents: readonly { id: string; kind: TaxDocumentKind; number: string; issuedAt: Date; amount: number }[],
  access: { token: string } | "admin",
): TaxDocumentLink[] {
  const base = access === "admin" ? `/api/admin/orders/${orderId}` : `/api/orders/${orderId}`;
  const query = access === "admin" ? "" : `?token=${encodeURIComponent(access.token)}`;
  return documents.map((document) => ({ ...document, href: document.kind === "invoice" ? `${base}/invoice${query}` : `${base}/credit-notes/${document.id}${query}` }));
}
