import { randomUUID } from "node:crypto";
import { mailConfig, shopName } from "@/lib/config";
import { variantLabel } from "@/lib/inventory/variants";
import type { Tx } from "@/lib/db";
import type { EmailKind } from "@/lib/generated/prisma/client";
import { orderLinks } from "@/lib/orders/links";
import { enqueue } from "@/lib/queue/boss";
import { renderOrderConfirmation, renderPaymentRefunding, renderRefundNotice, type EmailOrder, type RenderedEmail } from "./templates";

export type EnqueueRequest =
  | { kind: "order_confirmation"; orderId: string }
  | { kind: Exclude<EmailKind, "order_confirmation">; orderId: string; refundId: string };

/**
 * Writes an email to the outbox inside the caller's transaction, so the email exists exactly when
 * the fact that causes it commits (an order paid, a refund processed, a payment being refunded),
 * and never without it. One email per (order, kind, refund): a unique index makes a repeat of the
 * fact insert nothing. The message is rendered now and its Message-ID fixed now, so every delivery
 * attempt sends the same message. Returns true when this call added the email.
 */
export async function enqueueEmail(tx: Tx, request: EnqueueRequest): Promise<boolean> {
  const order = await tx.order.findUniqueOrThrow({ where: { id: request.orderId }, include: { items: { orderBy: [{ name: "asc" }, { variantName: "asc" }] } } });
  const mail = mailConfig();
  const emailOrder: EmailOrder = {
    number: order.number,
    customerName: order.customerName,
    currency: order.currency,
    subtotal: order.subtotal,
    shipping: order.shipping,
    total: order.total,
    status: order.status,
    items: order.items.map((item) => ({ name: variantLabel(item.name, item.variantName), quantity: item.quantity, lineTotal: item.lineTotal })),
    address: { line1: order.addressLine1, line2: order.addressLine2, city: order.city, state: order.state, postalCode: order.postalCode },
    orderUrl: mail.shopUrl + orderLinks(order).orderUrl,
  };
  let rendered: RenderedEmail;
  let refundId: string | null = null;
  if (request.kind === "order_confirmation") {
    rendered = renderOrderConfirmation(shopName(), emailOrder);
  } else {
    refundId = request.refundId;
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: request.refundId } });
    const emailRefund = { amount: refund.amount, currency: refund.currency, paymentId: refund.paymentId, reason: refund.reason, razorpayRefundId: refund.razorpayRefundId };
    rendered = request.kind === "refund_notice" ? renderRefundNotice(shopName(), emailOrder, emailRefund) : renderPaymentRefunding(shopName(), emailOrder, emailRefund);
  }
  const id = randomUUID();
  const created = await tx.emailOutbox.createMany({
    data: [{ id, orderId: order.id, kind: request.kind, refundId, toAddress: order.email, subject: rendered.subject, textBody: rendered.text, htmlBody: rendered.html, messageId: messageIdFor(id, 0, mail.messageIdDomain) }],
    skipDuplicates: true,
  });
  // Delivery is a job written with the email, so it is sent however the process that wrote it ends.
  if (created.count === 1) await enqueue(tx, { queue: "email", data: { emailId: id }, key: `email:${id}:0` });
  return created.count === 1;
}

/** `<outbox-id@domain>` for the first message; an admin's resend n is `<outbox-id.rn@domain>`, a new message. */
export function messageIdFor(outboxId: string, resend: number, domain: string): string {
  return `<${outboxId}${resend > 0 ? `.r${resend}` : ""}@${domain}>`;
}
