import { formatMoney, money } from "@/lib/money";

/**
 * The shop's emails, rendered from plain data (no database, no clock), so the outbox stores
 * exactly what was decided when the fact happened and a retry or a resend sends the same words.
 * Plain, friendly, Indian English; amounts through formatMoney.
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailOrder {
  number: number;
  customerName: string;
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
  /** What the order is now: a refund of a payment that did not pay it says whether it can still be paid. */
  status: string;
  items: { name: string; quantity: number; lineTotal: number }[];
  address: { line1: string; line2: string | null; city: string; state: string; postalCode: string };
  /** Absolute link to the order page, carrying its access token. */
  orderUrl: string;
}

export interface EmailRefund {
  amount: number;
  currency: string;
  paymentId: string;
  reason: string;
  razorpayRefundId: string | null;
}

/** How long a normal Razorpay refund takes to reach the shopper, as Razorpay words it. */
const REFUND_TIMING = "Refunds usually reach your account within 5 to 7 working days, depending on your bank.";

/** One paragraph of text, or a list of lines kept apart (an address, the items). */
type Block = string | { lines: string[] } | { before: string; link: string };

function firstName(customerName: string): string {
  return customerName.trim().split(/\s+/)[0] || "there";
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function compose(shopName: string, subject: string, greeting: string, blocks: Block[]): RenderedEmail {
  const closing = ["With warm regards,", shopName];
  const text = [greeting, ...blocks.map((block) => (typeof block === "string" ? block : "lines" in block ? block.lines.join("\n") : `${block.before} ${block.link}`)), closing.join("\n")].join("\n\n") + "\n";
  const paragraph = (block: Block) => {
    if (typeof block === "string") return `<p>${escapeHtml(block)}</p>`;
    if ("lines" in block) return `<p>${block.lines.map(escapeHtml).join("<br>")}</p>`;
    return `<p>${escapeHtml(block.before)} <a href="${escapeHtml(block.link)}">${escapeHtml(block.link)}</a></p>`;
  };
  const html = [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1c1917;">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...blocks.map(paragraph),
    `<p>${closing.map(escapeHtml).join("<br>")}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

function orderLink(order: EmailOrder): Block {
  return { before: "You can see your order and its status at any time here:", link: order.orderUrl };
}

function amount(value: number, currency: string): string {
  return formatMoney(money(value, currency));
}

export function renderOrderConfirmation(shopName: string, order: EmailOrder): RenderedEmail {
  const items = order.items.map((item) => `${item.quantity} × ${item.name}: ${amount(item.lineTotal, order.currency)}`);
  const { address } = order;
  return compose(shopName, `Your order #${order.number} is confirmed`, `Hello ${firstName(order.customerName)},`, [
    `Thank you for shopping with us! We have received your payment of ${amount(order.total, order.currency)} and your order #${order.number} is confirmed.`,
    {
      lines: [
        ...items,
        `Subtotal: ${amount(order.subtotal, order.currency)}`,
        `Shipping: ${order.shipping === 0 ? "free" : amount(order.shipping, order.currency)}`,
        `Total paid: ${amount(order.total, order.currency)}`,
      ],
    },
    { lines: ["We will deliver it to:", order.customerName, address.line1, ...(address.line2 ? [address.line2] : []), `${address.city}, ${address.state} ${address.postalCode}`] },
    orderLink(order),
    "Please keep this email: the link above is your way back to the order.",
  ]);
}

export function renderRefundNotice(shopName: string, order: EmailOrder, refund: EmailRefund): RenderedEmail {
  const reference = refund.razorpayRefundId ? `Refund reference: ${refund.razorpayRefundId} (payment ${refund.paymentId}).` : `Payment reference: ${refund.paymentId}.`;
  const scope =
    refund.reason === "admin" || refund.reason === "external"
      ? order.status === "refunded"
        ? "Your order has now been refunded in full."
        : "This is a partial refund; the rest of your order stands."
      : "This is the refund of the payment we wrote to you about earlier.";
  return compose(shopName, `Refund of ${amount(refund.amount, refund.currency)} for order #${order.number}`, `Hello ${firstName(order.customerName)},`, [
    `We have refunded ${amount(refund.amount, refund.currency)} for your order #${order.number}. ${scope}`,
    REFUND_TIMING,
    reference,
    orderLink(order),
  ]);
}

export function renderPaymentRefunding(shopName: string, order: EmailOrder, refund: EmailRefund): RenderedEmail {
  const paid = amount(refund.amount, refund.currency);
  const why: Record<string, string> = {
    duplicate_payment: `We received a second payment of ${paid} for order #${order.number}, which was already paid. You will not be charged twice: we are refunding this payment in full.`,
    order_expired: `Your payment of ${paid} for order #${order.number} reached us after the order had ${order.status === "cancelled" ? "been cancelled" : "expired"}, and some of its items have sold out since. We are sorry: we are refunding your payment in full.`,
    amount_mismatch: `We received a payment of ${paid} for order #${order.number}, but it does not match the order's total of ${amount(order.total, order.currency)}, so we cannot accept it. We are refunding it in full.`,
  };
  const stillPayable = refund.reason === "amount_mismatch" && order.status === "pending" ? ["Your order is still waiting for its payment: you can pay for it from the link below."] : [];
  return compose(shopName, `We are refunding your payment of ${paid} for order #${order.number}`, `Hello ${firstName(order.customerName)},`, [
    why[refund.reason] ?? `We received a payment of ${paid} for order #${order.number} that we cannot keep, so we are refunding it in full.`,
    ...stillPayable,
    `${REFUND_TIMING} We will write again once the refund is processed.`,
    `Payment reference: ${refund.paymentId}.`,
    orderLink(order),
  ]);
}
