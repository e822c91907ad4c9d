import type { Tx } from "@/lib/db";
import { shopDetails } from "@/lib/shop/details";
import { orderTax, supplyTypeFor } from "./gst";

/**
 * Writes the order's GST breakdown (per line and for shipping) inside the caller's transaction:
 * at checkout, and again when the shopper corrects the delivery state before paying (that can
 * turn CGST+SGST into IGST). Each line keeps the HSN code and rate it was first recorded with;
 * a line without one takes its product's.
 */
export async function recordOrderTax(tx: Tx, orderId: string): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { state: true, country: true, shipping: true, items: { orderBy: { id: "asc" }, select: { id: true, lineTotal: true, hsnCode: true, gstRateBasisPoints: true, product: { select: { hsnCode: true, gstRateBasisPoints: true } } } } },
  });
  const lines = order.items.map((item) => ({
    id: item.id,
    amount: item.lineTotal,
    hsnCode: item.gstRateBasisPoints === null ? item.product.hsnCode : item.hsnCode,
    rateBasisPoints: item.gstRateBasisPoints ?? item.product.gstRateBasisPoints,
  }));
  const tax = orderTax({ lines, shipping: order.shipping, supply: supplyTypeFor(order, shopDetails().state) });
  for (const [index, line] of lines.entries()) {
    const { taxableValue, cgst, sgst, igst } = tax.lines[index];
    await tx.orderItem.update({ where: { id: line.id }, data: { hsnCode: line.hsnCode, gstRateBasisPoints: line.rateBasisPoints, taxableValue, cgst, sgst, igst } });
  }
  await tx.order.update({
    where: { id: orderId },
    data: {
      supplyType: tax.supply,
      shippingGstRateBasisPoints: tax.shipping.rateBasisPoints,
      shippingTaxableValue: tax.shipping.taxableValue,
      shippingCgst: tax.shipping.cgst,
      shippingSgst: tax.shipping.sgst,
      shippingIgst: tax.shipping.igst,
    },
  });
}
