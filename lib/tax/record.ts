import type { Tx } from "@/lib/db";
import { shopDetails } from "@/lib/shop/details";
import { orderTax, supplyTypeFor } from "./gst";

/** A line as its tax is recorded: what the shopper pays for it, with the HSN code and rate it is taxed under. */
export interface TaxedLine {
  amount: number;
  hsnCode: string | null;
  rateBasisPoints: number;
}

/**
 * The GST columns of an order and of each of its lines (in the order given), for delivery to
 * `destination`: the one rule, used when the order is written at checkout and again when its
 * delivery state changes before payment.
 */
export function orderTaxColumns(destination: { state: string; country: string; shipping: number }, lines: readonly TaxedLine[]) {
  const tax = orderTax({ lines, shipping: destination.shipping, supply: supplyTypeFor(destination, shopDetails().state) });
  return {
    lines: lines.map((line, index) => {
      const { taxableValue, cgst, sgst, igst } = tax.lines[index];
      return { hsnCode: line.hsnCode, gstRateBasisPoints: line.rateBasisPoints, taxableValue, cgst, sgst, igst };
    }),
    order: {
      supplyType: tax.supply,
      shippingGstRateBasisPoints: tax.shipping.rateBasisPoints,
      shippingTaxableValue: tax.shipping.taxableValue,
      shippingCgst: tax.shipping.cgst,
      shippingSgst: tax.shipping.sgst,
      shippingIgst: tax.shipping.igst,
    },
  };
}

/**
 * Writes the order's GST breakdown again inside the caller's transaction: when the shopper
 * corrects the delivery state before paying (that can turn CGST+SGST into IGST), and when an order
 * placed before GST was recorded is invoiced. Each line keeps the HSN code and rate it was recorded
 * with at checkout; a line without one takes its product's.
 */
export async function recordOrderTax(tx: Tx, orderId: string): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { state: true, country: true, shipping: true, items: { orderBy: { id: "asc" }, select: { id: true, lineTotal: true, hsnCode: true, gstRateBasisPoints: true, product: { select: { hsnCode: true, gstRateBasisPoints: true } } } } },
  });
  const lines = order.items.map((item) => ({
    amount: item.lineTotal,
    hsnCode: item.gstRateBasisPoints === null ? item.product.hsnCode : item.hsnCode,
    rateBasisPoints: item.gstRateBasisPoints ?? item.product.gstRateBasisPoints,
  }));
  const columns = orderTaxColumns(order, lines);
  for (const [index, item] of order.items.entries()) await tx.orderItem.update({ where: { id: item.id }, data: columns.lines[index] });
  await tx.order.update({ where: { id: orderId }, data: columns.order });
}
