// Payments: attempts against an order (from the popup or the test scripting endpoint),
// manual capture, and the order bookkeeping both imply.
import type { Order, OrderRecord, Payment, PaymentMethod } from "./entities";
import { unixSeconds } from "./entities";
import { badRequest, razorpayError, type RazorpayError, unknownId } from "./errors";
import { buildEvent, type SandboxEvent } from "./events";
import { newId, randomDigits } from "./ids";
import { DEFAULT_FAILURE_REASON, FAILURE_REASONS, type FailureReason } from "./instruments";
import { findOrder, wireNotes } from "./orders";
import { paymentSignature } from "./signatures";
import type { SandboxStore } from "./store";
import { asBody, amountField } from "./validation";

export interface PaymentContext {
  store: SandboxStore;
  accountId: string;
  keySecret: string;
}

export interface PaymentAttempt {
  outcome: "success" | "failure";
  method: PaymentMethod;
  /** Defaults to what the order still owes; a different value simulates a tampered checkout. */
  amount?: number;
  /** Defaults to the order's capture setting. */
  capture?: boolean;
  /** Pays an already paid order, as two checkout tabs racing each other can. */
  force?: boolean;
  reason?: FailureReason;
  vpa?: string;
  email?: string;
  contact?: string;
  description?: string;
  notes?: Record<string, string>;
}

export interface PaymentOutcome {
  payment: Payment;
  events: SandboxEvent[];
  /** Present for successful payments, as checkout's `razorpay_signature`. */
  signature?: string;
  /** Present for failed payments, in the shape checkout hands to `payment.failed` listeners. */
  error?: RazorpayError;
}

// Razorpay's default domestic pricing: 2% plus 18% GST on that fee.
const FEE_BASIS_POINTS = 200;
const GST_PERCENT = 18;

export function attemptPayment(context: PaymentContext, orderId: string, attempt: PaymentAttempt): PaymentOutcome {
  const record = findOrder(context.store, orderId);
  const { order } = record;
  if (order.status === "paid" && !attempt.force) throw badRequest("Order is already paid", { field: "order_id" });

  order.attempts += 1;
  if (order.status === "created") order.status = "attempted";
  const payment = newPayment(order, attempt.amount ?? (order.amount_due > 0 ? order.amount_due : order.amount), attempt);
  context.store.payments.set(payment.id, payment);

  if (attempt.outcome === "failure") {
    const error = failPayment(payment, attempt.reason ?? DEFAULT_FAILURE_REASON);
    return { payment, error, events: [buildEvent(context.accountId, "payment.failed", { payment })] };
  }

  payment.status = "authorized";
  payment.acquirer_data = acquirerData(payment.method, true);
  const events = [buildEvent(context.accountId, "payment.authorized", { payment })];
  if (attempt.capture ?? record.settings.capture === "automatic") events.push(...capture(context, record, payment));
  return { payment, events, signature: paymentSignature(order.id, payment.id, context.keySecret) };
}

export function findPayment(store: SandboxStore, paymentId: string): Payment {
  const payment = store.payments.get(paymentId);
  if (!payment) throw unknownId();
  return payment;
}

/** `POST /v1/payments/:id/capture`: only for authorized payments, and only for the full amount. */
export function capturePayment(context: PaymentContext, paymentId: string, input: unknown): PaymentOutcome {
  const payment = findPayment(context.store, paymentId);
  const body = asBody(input);
  if (payment.captured) throw badRequest("This payment has already been captured.");
  if (payment.status !== "authorized") {
    throw badRequest("Only payments which have been authorized and not yet captured can be captured");
  }
  const amount = amountField(body.amount);
  if (amount !== payment.amount) throw badRequest("Capture amount must be equal to the amount authorized.", { field: "amount" });
  if (body.currency !== undefined && body.currency !== payment.currency) {
    throw badRequest("Currency should be same as payment currency", { field: "currency" });
  }
  const record = findOrder(context.store, payment.order_id);
  return { payment, events: capture(context, record, payment) };
}

function capture(context: PaymentContext, record: OrderRecord, payment: Payment): SandboxEvent[] {
  const { order, settings } = record;
  payment.status = "captured";
  payment.captured = true;
  const baseFee = Math.round((payment.amount * FEE_BASIS_POINTS) / 10_000);
  payment.tax = Math.round((baseFee * GST_PERCENT) / 100);
  payment.fee = baseFee + payment.tax;
  const events = [buildEvent(context.accountId, "payment.captured", { payment })];

  // A second payment on a paid order (the two-tabs race) leaves the order as it was.
  if (order.status === "paid") return events;
  order.amount_paid += payment.amount;
  order.amount_due = Math.max(0, order.amount - order.amount_paid);
  if (!settings.partialPayment || order.amount_due === 0) {
    order.status = "paid";
    events.push(buildEvent(context.accountId, "order.paid", { payment, order }));
  }
  return events;
}

function failPayment(payment: Payment, reason: FailureReason): RazorpayError {
  const failure = FAILURE_REASONS[reason];
  payment.status = "failed";
  payment.acquirer_data = acquirerData(payment.method, false);
  payment.error_code = failure.code;
  payment.error_description = failure.description;
  payment.error_source = failure.source;
  payment.error_step = failure.step;
  payment.error_reason = reason;
  return razorpayError(failure.code, failure.description, {
    source: failure.source,
    step: failure.step,
    reason,
    metadata: { order_id: payment.order_id, payment_id: payment.id },
  });
}

function newPayment(order: Order, amount: number, attempt: PaymentAttempt): Payment {
  const method = attempt.method;
  return {
    id: newId("pay"),
    entity: "payment",
    amount,
    currency: order.currency,
    status: "created",
    order_id: order.id,
    invoice_id: null,
    international: false,
    method,
    amount_refunded: 0,
    refund_status: null,
    captured: false,
    description: attempt.description ?? null,
    card_id: method === "card" ? newId("card") : null,
    bank: method === "netbanking" ? "HDFC" : null,
    wallet: method === "wallet" ? "paytm" : null,
    vpa: method === "upi" ? (attempt.vpa ?? (attempt.outcome === "success" ? "success@razorpay" : "failure@razorpay")) : null,
    // Razorpay's test mode fills these placeholders when checkout has no prefill.
    email: attempt.email ?? "void@razorpay.com",
    contact: attempt.contact ?? "+919000090000",
    notes: wireNotes(attempt.notes ?? {}),
    fee: null,
    tax: null,
    error_code: null,
    error_description: null,
    error_source: null,
    error_step: null,
    error_reason: null,
    acquirer_data: {},
    created_at: unixSeconds(),
  };
}

function acquirerData(method: PaymentMethod, authorized: boolean): Record<string, string | null> {
  const value = (digits: number) => (authorized ? randomDigits(digits) : null);
  if (method === "card") return { auth_code: value(6) };
  if (method === "upi") return { rrn: value(12), upi_transaction_id: value(12) };
  if (method === "netbanking") return { bank_transaction_id: value(7) };
  return { transaction_id: value(10) };
}

