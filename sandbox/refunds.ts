// Refunds of captured payments, with Razorpay's `X-Refund-Idempotency` semantics: the same key
// and body give back the first refund; the same key with another body is refused.
import type { Refund, RefundSpeed } from "./entities";
import { collection, type Collection, unixSeconds } from "./entities";
import { badRequest, unknownId } from "./errors";
import { buildEvent, type SandboxEvent } from "./events";
import { newId, randomDigits } from "./ids";
import { findPayment, type PaymentContext } from "./payments";
import { amountField, asBody, notesField, receiptField, rejectExtraFields } from "./validation";

const REFUND_FIELDS = ["amount", "speed", "notes", "receipt"] as const;
const MIN_IDEMPOTENCY_KEY_LENGTH = 10;

export interface RefundOutcome {
  refund: Refund;
  events: SandboxEvent[];
}

export function refundPayment(
  context: PaymentContext,
  paymentId: string,
  input: unknown,
  idempotencyKey: string | undefined,
): RefundOutcome {
  const { store } = context;
  const payment = findPayment(store, paymentId);
  const request = parseRefundRequest(input);
  const fingerprint = JSON.stringify({ paymentId, ...request, notes: sortedNotes(request.notes) });

  if (idempotencyKey !== undefined) {
    if (idempotencyKey.length < MIN_IDEMPOTENCY_KEY_LENGTH) {
      throw badRequest(`X-Refund-Idempotency must be at least ${MIN_IDEMPOTENCY_KEY_LENGTH} characters.`, {
        field: "X-Refund-Idempotency",
      });
    }
    const earlier = store.refundKeys.get(idempotencyKey);
    if (earlier) {
      if (earlier.requestFingerprint !== fingerprint) {
        throw badRequest("The idempotency key was already used with a different request.", { field: "X-Refund-Idempotency" });
      }
      const refund = store.refunds.get(earlier.refundId);
      if (!refund) throw unknownId();
      return { refund, events: [] };
    }
  }

  if (payment.refund_status === "full") throw badRequest("The payment has been fully refunded already.");
  if (payment.status !== "captured") throw badRequest("Only captured payments can be refunded.");
  const refundable = payment.amount - payment.amount_refunded;
  const amount = request.amount ?? refundable;
  if (amount > refundable) throw badRequest("The refund amount provided is greater than amount captured.", { field: "amount" });

  const refund: Refund = {
    id: newId("rfnd"),
    entity: "refund",
    amount,
    currency: payment.currency,
    payment_id: payment.id,
    notes: request.notes,
    receipt: request.receipt,
    acquirer_data: { arn: null },
    created_at: unixSeconds(),
    batch_id: null,
    status: "pending",
    speed_processed: request.speed === "optimum" ? "instant" : "normal",
    speed_requested: request.speed,
  };
  store.refunds.set(refund.id, refund);
  if (idempotencyKey !== undefined) {
    store.refundKeys.set(idempotencyKey, { key: idempotencyKey, paymentId, requestFingerprint: fingerprint, refundId: refund.id });
  }
  payment.amount_refunded += amount;
  payment.refund_status = payment.amount_refunded === payment.amount ? "full" : "partial";
  if (payment.refund_status === "full") payment.status = "refunded";
  const events = [buildEvent(context.accountId, "refund.created", { refund, payment })];

  // The sandbox has no bank to wait for, so the refund settles at once.
  refund.status = "processed";
  refund.acquirer_data = { arn: randomDigits(14) };
  events.push(buildEvent(context.accountId, "refund.processed", { refund, payment }));
  return { refund, events };
}

export function findRefund(context: PaymentContext, refundId: string, paymentId?: string): Refund {
  const refund = context.store.refunds.get(refundId);
  if (!refund || (paymentId !== undefined && refund.payment_id !== paymentId)) throw unknownId();
  return refund;
}

export function refundsOfPayment(context: PaymentContext, paymentId: string): Collection<Refund> {
  findPayment(context.store, paymentId);
  return collection(context.store.refundsOfPayment(paymentId).reverse());
}

interface RefundRequest {
  amount: number | undefined;
  speed: RefundSpeed;
  notes: Record<string, string>;
  receipt: string | null;
}

function parseRefundRequest(input: unknown): RefundRequest {
  const body = asBody(input);
  rejectExtraFields(body, REFUND_FIELDS);
  const speed = body.speed ?? "normal";
  if (speed !== "normal" && speed !== "optimum") throw badRequest("The selected speed is invalid.", { field: "speed" });
  return {
    amount: body.amount === undefined ? undefined : amountField(body.amount),
    speed,
    notes: notesField(body.notes),
    receipt: receiptField(body.receipt),
  };
}

function sortedNotes(notes: Record<string, string>): [string, string][] {
  return Object.entries(notes).sort(([a], [b]) => a.localeCompare(b));
}
