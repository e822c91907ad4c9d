import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { variantLabel } from "@/lib/inventory/variants";
import { isUuid } from "@/lib/ids";
import type { Order, TaxDocument } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { shopDetails, type ShopDetails } from "@/lib/shop/details";
import { apportion, lineTax, type SupplyType } from "./gst";
import { issueNumberedDocument } from "./numbering";
import { recordOrderTax } from "./record";
import { placeOfSupply } from "./states";

/** The seller as a document prints it; fixed at issue, so a later change of address does not rewrite old invoices. */
export type DocumentSeller = Pick<ShopDetails, "name" | "legalName" | "gstin" | "state" | "address" | "email" | "phone">;

/** One row of an invoice or credit note: a line of the order, or shipping. */
export interface DocumentLine {
  description: string;
  hsnCode: string | null;
  quantity: number;
  /** Tax-inclusive unit price (paise); null for shipping. */
  unitPrice: number | null;
  amount: number;
  rateBasisPoints: number;
  taxableValue: number;
  cgst: number;
  sgst: number;
  igst: number;
}

export interface TaxDocumentView {
  kind: TaxDocument["kind"];
  id: string;
  number: string;
  issuedAt: Date;
  seller: DocumentSeller;
  buyer: { name: string; lines: string[]; email: string; phone: string };
  placeOfSupply: string;
  supply: SupplyType;
  orderNumber: number;
  /** A credit note names the invoice it adjusts. */
  invoiceNumber?: string;
  lines: DocumentLine[];
  totals: { amount: number; taxableValue: number; cgst: number; sgst: number; igst: number };
  currency: string;
}

type OrderWithLines = Order & { items: { name: string; variantName: string | null; hsnCode: string | null; quantity: number; unitPrice: number; lineTotal: number; gstRateBasisPoints: number | null; taxableValue: number | null; cgst: number | null; sgst: number | null; igst: number | null }[] };

const LINE_ORDER = { id: "asc" } as const;

/** What the order's invoice says, line by line, from the GST snapshot taken at purchase. */
function invoicedLines(order: OrderWithLines): DocumentLine[] {
  const lines: DocumentLine[] = order.items.map((item) => ({
    description: variantLabel(item.name, item.variantName),
    hsnCode: item.hsnCode,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    amount: item.lineTotal,
    rateBasisPoints: item.gstRateBasisPoints!, // the snapshot is recorded before any invoice is issued (issueInvoice)
    taxableValue: item.taxableValue!,
    cgst: item.cgst!,
    sgst: item.sgst!,
    igst: item.igst!,
  }));
  if (order.shipping > 0) {
    lines.push({
      description: "Shipping and handling",
      hsnCode: null,
      quantity: 1,
      unitPrice: null,
      amount: order.shipping,
      rateBasisPoints: order.shippingGstRateBasisPoints!,
      taxableValue: order.shippingTaxableValue!,
      cgst: order.shippingCgst!,
      sgst: order.shippingSgst!,
      igst: order.shippingIgst!,
    });
  }
  return lines;
}

/** A refund spread over the invoiced lines in proportion (full refund = the invoice's lines exactly), each taxed by the invoice's rule. */
function creditedLines(invoiced: DocumentLine[], amount: number, supply: SupplyType): DocumentLine[] {
  const shares = apportion(amount, invoiced.map((line) => line.amount));
  return invoiced
    .map((line, index) => ({ ...line, ...lineTax(shares[index], line.rateBasisPoints, supply) }))
    .filter((line) => line.amount > 0);
}

function totalsOf(lines: DocumentLine[]) {
  const totals = { amount: 0, taxableValue: 0, cgst: 0, sgst: 0, igst: 0 };
  for (const line of lines) {
    totals.amount += line.amount;
    totals.taxableValue += line.taxableValue;
    totals.cgst += line.cgst;
    totals.sgst += line.sgst;
    totals.igst += line.igst;
  }
  return totals;
}

function sellerNow(): DocumentSeller {
  const { name, legalName, gstin, state, address, email, phone } = shopDetails();
  return { name, legalName, gstin, state, address, email, phone };
}

async function orderWithLines(client: Tx, orderId: string): Promise<OrderWithLines> {
  return client.order.findUniqueOrThrow({ where: { id: orderId }, include: { items: { orderBy: LINE_ORDER } } });
}

/**
 * Issues the tax invoice of an order that has just been paid, inside the paying transaction and
 * under the order's lock: exactly once per order, because an order becomes paid once (the
 * transition table); a partial unique index refuses a second one, failing the transaction
 * rather than numbering twice. Dated when the order was paid, in that moment's financial year.
 * The caller makes this its last write: the series' counter stays locked until commit.
 */
export async function issueInvoice(tx: Tx, orderId: string, paidAt: Date): Promise<void> {
  let order = await orderWithLines(tx, orderId);
  if (order.supplyType === null) {
    // Placed before GST was recorded: take the snapshot now, from the products' rates.
    await recordOrderTax(tx, orderId);
    order = await orderWithLines(tx, orderId);
  }
  const issued = await issueNumberedDocument(tx, { kind: "invoice", orderId, issuedAt: paidAt, seller: sellerNow(), totals: totalsOf(invoicedLines(order)) });
  log.info("tax_invoice_issued", { orderId, number: issued.number });
}

/**
 * Issues a credit note for a refund that has just become processed, inside the transaction that
 * records it (a refund becomes processed once; a unique index on refund_id refuses a second
 * note). Only refunds of the payment that paid the order get one: other payments (duplicates,
 * mismatches, late ones) were never invoiced. Its last write, like issueInvoice.
 */
export async function issueCreditNote(tx: Tx, order: Order, refundId: string): Promise<void> {
  const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId }, select: { amount: true, paymentId: true } });
  if (refund.paymentId !== order.paidPaymentId) return;
  const invoice = await tx.taxDocument.findFirst({ where: { orderId: order.id, kind: "invoice" }, select: { id: true } });
  if (!invoice) return;
  const full = await orderWithLines(tx, order.id);
  const lines = creditedLines(invoicedLines(full), refund.amount, full.supplyType!);
  const issued = await issueNumberedDocument(tx, { kind: "credit_note", orderId: order.id, refundId, issuedAt: new Date(), seller: sellerNow(), totals: totalsOf(lines) });
  log.info("tax_credit_note_issued", { orderId: order.id, refundId, number: issued.number });
}

/** Everything a document's PDF shows, read back from the stored document and the order's snapshot. */
export async function taxDocumentView(orderId: string, documentId: string): Promise<TaxDocumentView> {
  const document = await db().taxDocument.findFirst({ where: { id: documentId, orderId }, include: { refund: { select: { amount: true } } } });
  if (!document) throw new AppError("not_found", "No such tax document for this order");
  const order = await orderWithLines(db(), orderId);
  const invoiced = invoicedLines(order);
  const invoice = document.kind === "invoice" ? document : await db().taxDocument.findFirstOrThrow({ where: { orderId, kind: "invoice" } });
  const lines = document.kind === "invoice" ? invoiced : creditedLines(invoiced, document.refund!.amount, order.supplyType!); // a credit note always has its refund (CHECK constraint)
  return {
    kind: document.kind,
    id: document.id,
    number: document.number,
    issuedAt: document.issuedAt,
    seller: document.seller as unknown as DocumentSeller, // written by issueNumberedDocument from sellerNow()
    buyer: {
      name: order.customerName,
      lines: [order.addressLine1, order.addressLine2, `${order.city} ${order.postalCode}`, `${order.state}, ${order.country}`].filter((line): line is string => Boolean(line)),
      email: order.email,
      phone: order.phone,
    },
    placeOfSupply: placeOfSupply(order.state, order.country),
    supply: order.supplyType!,
    orderNumber: order.number,
    invoiceNumber: document.kind === "credit_note" ? invoice.number : undefined,
    lines,
    totals: { amount: document.amount, taxableValue: document.taxableValue, cgst: document.cgst, sgst: document.sgst, igst: document.igst },
    currency: order.currency,
  };
}

/** The order's invoice and credit notes, for the order pages' download links. */
export async function orderTaxDocuments(orderId: string): Promise<{ id: string; kind: TaxDocument["kind"]; number: string; issuedAt: Date; amount: number }[]> {
  return db().taxDocument.findMany({ where: { orderId }, orderBy: [{ kind: "asc" }, { issuedAt: "asc" }], select: { id: true, kind: true, number: true, issuedAt: true, amount: true } });
}

/** The order's invoice id, or a 409 saying there is none yet. */
export async function invoiceIdOf(orderId: string): Promise<string> {
  const invoice = await db().taxDocument.findFirst({ where: { orderId, kind: "invoice" }, select: { id: true } });
  if (!invoice && !(await db().order.findUnique({ where: { id: orderId }, select: { id: true } }))) throw new AppError("not_found", "No such order");
  if (!invoice) throw new AppError("invoice_not_issued", "This order has no tax invoice yet: one is issued when the order is paid");
  return invoice.id;
}

/** A credit note of the order by its id; anything else (another order's, an invoice, not a uuid) is not found. */
export async function creditNoteIdOf(orderId: string, creditNoteId: string): Promise<string> {
  const note = isUuid(creditNoteId) ? await db().taxDocument.findFirst({ where: { id: creditNoteId, orderId, kind: "credit_note" }, select: { id: true } }) : null;
  if (!note) throw new AppError("not_found", "No such credit note for this order");
  return note.id;
}
