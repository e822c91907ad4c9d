import { formatMoney, money } from "@/lib/money";
import type { TaxDocumentLink } from "@/lib/tax/links";
import { cardStyles } from "@/components/ui/styles";
import { formatDateTime } from "./format";

/** The order's tax invoice and credit notes as PDF downloads (shopper's order page and the admin's). Renders nothing before there is one. */
export function TaxDocuments({ documents, currency }: { documents: TaxDocumentLink[]; currency: string }) {
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="tax-documents-heading" className={`${cardStyles} p-5 sm:p-6`}>
      <h2 id="tax-documents-heading" className="text-base font-semibold text-stone-900">
        GST invoice
      </h2>
      <ul className="mt-3 space-y-3 text-sm">
        {documents.map((document) => (
          <li key={document.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <a href={document.href} download className="font-medium text-brand-800 underline underline-offset-4 hover:text-brand-900">
              {document.kind === "invoice" ? "Download tax invoice" : "Download credit note"} {document.number} (PDF)
            </a>
            <span className="text-stone-500 tabular-nums">
              {formatMoney(money(document.amount, currency))} · {formatDateTime(document.issuedAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
