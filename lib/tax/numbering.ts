import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { TaxDocumentKind } from "@/lib/generated/prisma/enums";

/** India Standard Time is UTC+05:30 all year (no daylight saving). */
const IST_OFFSET_MS = (5 * 60 + 30) * 60_000;

/**
 * The Indian financial year (1 April to 31 March, in IST) a moment belongs to, as "2026-27".
 * 31 March 23:59 IST is still the old year; 1 April 00:00 IST (31 March 18:30 UTC) the new one.
 */
export function financialYearOf(moment: Date): string {
  const ist = new Date(moment.getTime() + IST_OFFSET_MS);
  const start = ist.getUTCMonth() >= 3 ? ist.getUTCFullYear() : ist.getUTCFullYear() - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

const DOCUMENT_PREFIX: Record<TaxDocumentKind, string> = { invoice: "INV", credit_note: "CN" };

/**
 * Numbers look like "INV/26-27/000123": GST rule 46(b) allows at most 16 characters, unique per
 * financial year, so the year is written short (2026-27 → 26-27); six digits hold 999,999
 * documents a year (a CHECK constraint refuses more rather than widen the number).
 *
 * Issues the next document of a series (kind, financial year) in ONE statement inside the
 * caller's transaction: the series' counter row is incremented in place and the document takes
 * its value. A rolled-back transaction rolls the increment back with it (no gap); a concurrent
 * issuer waits on the counter's row lock (no duplicate). That lock lasts until the caller
 * commits, so callers make this their last write.
 */
export async function issueNumberedDocument(tx: Tx, document: NumberedDocument): Promise<{ id: string; number: string }> {
  const id = randomUUID();
  const financialYear = financialYearOf(document.issuedAt);
  const [row] = await tx.$queryRaw<{ id: string; number: string }[]>`
    WITH counter AS (
      INSERT INTO tax_document_counters (kind, financial_year, last) VALUES (${document.kind}::tax_document_kind, ${financialYear}, 1)
      ON CONFLICT (kind, financial_year) DO UPDATE SET last = tax_document_counters.last + 1
      RETURNING last
    )
    INSERT INTO tax_documents (id, kind, financial_year, sequence, number, order_id, refund_id, issued_at, seller, amount, taxable_value, cgst, sgst, igst)
    SELECT ${id}::uuid, ${document.kind}::tax_document_kind, ${financialYear}, last,
           ${DOCUMENT_PREFIX[document.kind]} || '/' || ${financialYear.slice(2)} || '/' || lpad(last::text, 6, '0'),
           ${document.orderId}::uuid, ${document.refundId ?? null}::uuid, ${document.issuedAt}, ${JSON.stringify(document.seller)}::jsonb,
           ${document.totals.amount}, ${document.totals.taxableValue}, ${document.totals.cgst}, ${document.totals.sgst}, ${document.totals.igst}
    FROM counter
    RETURNING id::text, number`;
  return row;
}

export interface NumberedDocument {
  kind: TaxDocumentKind;
  orderId: string;
  refundId?: string;
  issuedAt: Date;
  /** The seller as printed on the document, fixed when it is issued. */
  seller: unknown;
  totals: { amount: number; taxableValue: number; cgst: number; sgst: number; igst: number };
}
