import { inflateSync } from "node:zlib";

/**
 * The text runs of a PDF made by pdfkit with its built-in fonts, one per TJ/Tj operator, in page
 * order. Enough to read what our own invoices print, compressed (FlateDecode) or not; not a
 * general PDF parser.
 */
export function pdfTextRuns(pdf: Buffer): string[] {
  const source = pdf.toString("latin1");
  const runs: string[] = [];
  const streams = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = streams.exec(source); match; match = streams.exec(source)) {
    const start = match.index + match[0].length;
    const end = source.indexOf("endstream", start);
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = (match[1].includes("/FlateDecode") ? inflateSync(raw) : raw).toString("latin1");
    } catch {
      continue; // a font or image stream we do not read
    }
    for (const [, array] of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[0-9.]+)*)\]\s*TJ/g)) {
      runs.push([...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => Buffer.from(hex, "hex").toString("latin1")).join(""));
    }
  }
  return runs;
}
