// Razorpay's test-mode instruments and the failures they stand for. The checkout popup offers
// exactly these; the payment endpoints turn a failure reason into Razorpay's error fields.
import type { ErrorCode } from "./errors";
import type { PaymentMethod } from "./entities";

export const FAILURE_REASONS = {
  // Razorpay's decline taxonomy spells this one `insufficient_funds` (its test-card table says "insufficient fund").
  insufficient_funds: {
    code: "BAD_REQUEST_ERROR",
    description: "Your payment could not be completed due to insufficient account balance. Try again with another account.",
    source: "customer",
    step: "payment_authorization",
  },
  payment_cancelled: {
    code: "BAD_REQUEST_ERROR",
    description: "Payment processing cancelled by user",
    source: "customer",
    step: "payment_authentication",
  },
  card_declined: {
    code: "BAD_REQUEST_ERROR",
    description: "Your payment has been declined by your bank. Try again with another card or contact your bank.",
    source: "bank",
    step: "payment_authorization",
  },
  authentication_failed: {
    code: "GATEWAY_ERROR",
    description: "Payment failed because cardholder couldn't be authenticated.",
    source: "bank",
    step: "payment_authentication",
  },
  payment_failed: {
    code: "BAD_REQUEST_ERROR",
    description: "Your payment didn't go through as it was declined by the bank. Try another payment method or contact your bank.",
    source: "bank",
    step: "payment_authorization",
  },
} as const satisfies Record<string, { code: ErrorCode; description: string; source: string; step: string }>;

export type FailureReason = keyof typeof FAILURE_REASONS;
export const FAILURE_REASON_NAMES = Object.keys(FAILURE_REASONS) as [FailureReason, ...FailureReason[]];
export const DEFAULT_FAILURE_REASON: FailureReason = "payment_failed";

export interface CheckoutInstrument {
  /** The button's accessible name; browser tests click it by this exact text. */
  label: string;
  method: PaymentMethod;
  outcome: "success" | "failure";
  card?: string;
  vpa?: string;
  reason?: FailureReason;
}

export const CHECKOUT_INSTRUMENTS: readonly CheckoutInstrument[] = [
  { label: "Card 4100 2800 0000 1007", method: "card", card: "4100280000001007", outcome: "success" },
  { label: "Card 4100 2800 0008 0001", method: "card", card: "4100280000080001", outcome: "failure", reason: "insufficient_funds" },
  { label: "Card 4100 2800 0007 0002", method: "card", card: "4100280000070002", outcome: "failure", reason: "payment_cancelled" },
  { label: "Card 4100 2800 0006 0003", method: "card", card: "4100280000060003", outcome: "failure", reason: "card_declined" },
  { label: "Card 4100 2800 0000 0009", method: "card", card: "4100280000000009", outcome: "failure", reason: "authentication_failed" },
  { label: "UPI success@razorpay", method: "upi", vpa: "success@razorpay", outcome: "success" },
  { label: "UPI failure@razorpay", method: "upi", vpa: "failure@razorpay", outcome: "failure", reason: "payment_failed" },
];
