import { z } from "zod";
import { money, type Money } from "@/lib/money";

/**
 * Razorpay's wire shapes (API responses and webhook payloads) and their translation into the
 * shop's own types. Nothing outside lib/razorpay sees a Razorpay entity.
 */
const nullableString = z.string().nullish().transform((value) => value ?? null);

export const razorpayPaymentEntity = z.object({
  id: z.string().startsWith("pay_"),
  entity: z.literal("payment"),
  amount: z.number().int(),
  currency: z.string().length(3),
  status: z.enum(["created", "authorized", "captured", "refunded", "failed"]),
  order_id: z.string().nullish(),
  method: nullableString,
  amount_refunded: z.number().int().default(0),
  captured: z.boolean().default(false),
  error_code: nullableString,
  error_description: nullableString,
  error_reason: nullableString,
  error_source: nullableString,
  error_step: nullableString,
});

export const razorpayOrderEntity = z.object({
  id: z.string().startsWith("order_"),
  entity: z.literal("order"),
  amount: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string().length(3),
  receipt: nullableString,
  status: z.enum(["created", "attempted", "paid"]),
});

export const razorpayRefundEntity = z.object({
  id: z.string().startsWith("rfnd_"),
  entity: z.literal("refund"),
  amount: z.number().int(),
  currency: z.string().length(3),
  payment_id: z.string(),
  receipt: nullableString,
  status: z.enum(["pending", "processed", "failed"]),
});

export const razorpayCollection = <T extends z.ZodType>(item: T) => z.object({ entity: z.literal("collection"), count: z.number(), items: z.array(item) });

/** A payment as the shop understands it: one fact about money moving for one gateway order. */
export interface GatewayPayment {
  id: string;
  razorpayOrderId: string | null;
  /** `created` payments carry no decision yet and are ignored by the transition function. */
  status: "created" | "authorized" | "captured" | "refunded" | "failed";
  amount: Money;
  method: string | null;
  /** What Razorpay has refunded of it so far, in minor units. */
  refunded: number;
  error: GatewayPaymentError | null;
}

/** Razorpay's account of why a payment failed; `reason`, `source` and `step` are how Razorpay groups failures. */
export interface GatewayPaymentError {
  code: string | null;
  description: string | null;
  reason: string | null;
  source: string | null;
  step: string | null;
}

export interface GatewayOrder {
  id: string;
  amount: Money;
  amountPaid: number;
  receipt: string | null;
  status: "created" | "attempted" | "paid";
}

export interface GatewayRefund {
  id: string;
  paymentId: string;
  amount: Money;
  receipt: string | null;
  status: "pending" | "processed" | "failed";
}

export function toGatewayPayment(entity: z.output<typeof razorpayPaymentEntity>): GatewayPayment {
  const failed = entity.status === "failed";
  return {
    id: entity.id,
    razorpayOrderId: entity.order_id ?? null,
    status: entity.status,
    amount: money(entity.amount, entity.currency),
    method: entity.method,
    refunded: entity.amount_refunded,
    error: failed || entity.error_code
      ? { code: entity.error_code, description: entity.error_description, reason: entity.error_reason, source: entity.error_source, step: entity.error_step }
      : null,
  };
}

export function toGatewayOrder(entity: z.output<typeof razorpayOrderEntity>): GatewayOrder {
  return { id: entity.id, amount: money(entity.amount, entity.currency), amountPaid: entity.amount_paid, receipt: entity.receipt, status: entity.status };
}

export function toGatewayRefund(entity: z.output<typeof razorpayRefundEntity>): GatewayRefund {
  return { id: entity.id, paymentId: entity.payment_id, amount: money(entity.amount, entity.currency), receipt: entity.receipt, status: entity.status };
}
