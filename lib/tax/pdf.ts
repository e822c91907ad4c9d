import PDFDocument from "pdfkit";
import { formatAmount, money } from "@/lib/money";
import type { DocumentLine, TaxDocumentView } from "./documents";
import { formatRate } from "./gst";
import { rupeesInWords } from "./words";

const MARGIN = 40;
const PAGE_WIDTH = 595.28; // A4
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";

interface Column {
  title: string;
  width: number;
  align: "left" | "right";
  value: (line: DocumentLine, index: number) => string;
}

const dateFormatter = new Intl.DateTimeFormat("en-IN", { timeZone: "Asia/Kolkata", day: "2-digit", month: "short", year: "numeric" });

/**
 * Renders a tax invoice or credit note as a PDF (A4, pdfkit's built-in Helvetica, so no font
 * file is needed; Helvetica has no ₹, hence "Rs."). Everything printed comes from the view, which
 * comes from the stored document and the order's GST snapshot. `compress: false` keeps the text
 * readable in the file, for tests.
 */
export function renderTaxDocumentPdf(view: TaxDocumentView, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, compress: options.compress ?? true, info: { Title: `${title(view)} ${view.number}`, Author: view.seller.legalName } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const rs = (amount: number) => formatAmount(money(amount, view.currency));

  // Heading: what the document is, its number and date.
  doc.font(BOLD).fontSize(16).text(title(view).toUpperCase(), MARGIN, MARGIN);
  doc.font(FONT).fontSize(9);
  const facts = [
    `${view.kind === "invoice" ? "Invoice" : "Credit note"} no.: ${view.number}`,
    `Date: ${dateFormatter.format(view.issuedAt)}`,
    `Order: #${view.orderNumber}`,
    ...(view.invoiceNumber ? [`Against invoice: ${view.invoiceNumber}`] : []),
  ];
  doc.text(facts.join("\n"), MARGIN, MARGIN, { width: CONTENT_WIDTH, align: "right" });

  // Seller and buyer side by side.
  const top = MARGIN + 60;
  const half = CONTENT_WIDTH / 2 - 10;
  const { seller } = view;
  const sellerLines = [seller.legalName, seller.address.line1, seller.address.line2, `${seller.address.city} ${seller.address.postalCode}`, `${seller.address.state}, India`, `GSTIN: ${seller.gstin}`, `${seller.email} · ${seller.phone}`].filter((line): line is string => Boolean(line));
  const buyerLines = [view.buyer.name, ...view.buyer.lines, view.buyer.phone, `Place of supply: ${view.placeOfSupply}`];
  doc.font(BOLD).fontSize(9).text("Sold by", MARGIN, top).text("Billed and shipped to", MARGIN + half + 20, top);
  doc.font(FONT).text(sellerLines.join("\n"), MARGIN, top + 13, { width: half });
  const sellerBottom = doc.y;
  doc.text(buyerLines.join("\n"), MARGIN + half + 20, top + 13, { width: half });
  let y = Math.max(sellerBottom, doc.y) + 18;

  // The lines.
  const columns = columnsFor(view, rs);
  const row = (cells: string[], font: string) => {
    doc.font(font).fontSize(8);
    const height = Math.max(...cells.map((cell, index) => doc.heightOfString(cell, { width: columns[index].width - 4 })));
    let x = MARGIN;
    cells.forEach((cell, index) => {
      doc.text(cell, x + 2, y, { width: columns[index].width - 4, align: columns[index].align });
      x += columns[index].width;
    });
    y += height + 6;
    doc.moveTo(MARGIN, y - 3).lineTo(MARGIN + CONTENT_WIDTH, y - 3).lineWidth(0.5).strokeColor("#999999").stroke();
  };
  row(columns.map((column) => column.title), BOLD);
  view.lines.forEach((line, index) => row(columns.map((column) => column.value(line, index)), FONT));

  // Totals, right-aligned under the table.
  y += 6;
  const totals: [string, string][] = [["Taxable value", rs(view.totals.taxableValue)]];
  if (view.supply === "intra_state") totals.push(["CGST", rs(view.totals.cgst)], ["SGST", rs(view.totals.sgst)]);
  else totals.push(["IGST", rs(view.totals.igst)]);
  totals.push([view.kind === "invoice" ? "Total (Rs., GST included)" : "Total credited (Rs., GST included)", rs(view.totals.amount)]);
  for (const [label, value] of totals) {
    const last = label.startsWith("Total");
    doc.font(last ? BOLD : FONT).fontSize(last ? 10 : 9);
    doc.text(label, MARGIN + CONTENT_WIDTH - 260, y, { width: 170, align: "right" });
    doc.text(value, MARGIN + CONTENT_WIDTH - 90, y, { width: 90, align: "right" });
    y += last ? 16 : 13;
  }

  y += 8;
  doc.font(BOLD).fontSize(9).text("Amount in words: ", MARGIN, y, { continued: true }).font(FONT).text(rupeesInWords(view.totals.amount));
  doc.moveDown(1.2);
  doc.fontSize(8).fillColor("#444444").text(
    [
      `Prices include GST. ${view.supply === "intra_state" ? "Intra-state supply: CGST + SGST." : "Inter-state supply: IGST."} Tax payable under reverse charge: No.`,
      view.kind === "credit_note" ? `This credit note reduces the value of invoice ${view.invoiceNumber} by the amount refunded.` : "",
      `This is a computer-generated ${view.kind === "invoice" ? "invoice" : "credit note"} from ${seller.name} and needs no signature.`,
    ]
      .filter(Boolean)
      .join("\n"),
    MARGIN,
    doc.y,
    { width: CONTENT_WIDTH },
  );

  doc.end();
  return done;
}

function title(view: TaxDocumentView): string {
  return view.kind === "invoice" ? "Tax invoice" : "Credit note";
}

function columnsFor(view: TaxDocumentView, rs: (amount: number) => string): Column[] {
  const tax: Column[] =
    view.supply === "intra_state"
      ? [
          { title: "CGST", width: 46, align: "right", value: (line) => rs(line.cgst) },
          { title: "SGST", width: 46, align: "right", value: (line) => rs(line.sgst) },
        ]
      : [{ title: "IGST", width: 92, align: "right", value: (line) => rs(line.igst) }];
  // A credit note reduces value, not quantities: an apportioned share has no quantity or unit price of its own.
  const invoice = view.kind === "invoice";
  return [
    { title: "#", width: 18, align: "left", value: (_line, index) => String(index + 1) },
    { title: "Description", width: 135, align: "left", value: (line) => line.description },
    { title: "HSN", width: 44, align: "left", value: (line) => line.hsnCode ?? "" },
    { title: "Qty", width: 26, align: "right", value: (line) => (invoice ? String(line.quantity) : "") },
    { title: "Unit price", width: 52, align: "right", value: (line) => (invoice && line.unitPrice !== null ? rs(line.unitPrice) : "") },
    { title: "Taxable", width: 56, align: "right", value: (line) => rs(line.taxableValue) },
    { title: "Rate", width: 30, align: "right", value: (line) => formatRate(line.rateBasisPoints) },
    ...tax,
    { title: "Amount", width: CONTENT_WIDTH - 361 - 92, align: "right", value: (line) => rs(line.amount) },
  ];
}
