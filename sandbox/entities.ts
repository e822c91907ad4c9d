// Wire shapes of the entities, stored exactly as the API returns them so responses and
// webhook snapshots need no mapping step.

/** Razorpay's PHP backend serialises an empty notes map as `[]`; integrations must cope. */
export type Notes = Record<string, string> | [];

export type OrderStatus = "created" | "attempted" | "paid";
export type PaymentStatus = "created" | "authorized" | "captured" | "refunded" | "failed";
export type PaymentMethod = "card" | "upi" | "netbanking" | "wallet";
export type RefundSpeed = "normal" | "optimum";

export interface Order {
  id: string;
  entity: "order";
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  offer_id: null;
  status: OrderStatus;
  attempts: number;
  notes: Notes;
  created_at: number;
}

/** Settings Razorpay keeps on the order but does not echo in the order entity. */
export interface OrderSettings {
  capture: "automatic" | "manual";
  partialPayment: boolean;
}

export interface OrderRecord {
  order: Order;
  settings: OrderSettings;
}

export interface Payment {
  id: string;
  entity: "payment";
  amount: number;
  currency: string;
  status: PaymentStatus;
  order_id: string;
  invoice_id: null;
  international: false;
  method: PaymentMethod;
  amount_refunded: number;
  refund_status: null | "partial" | "full";
  captured: boolean;
  description: string | null;
  card_id: string | null;
  bank: string | null;
  wallet: string | null;
  vpa: string | null;
  email: string;
  contact: string;
  notes: Notes;
  fee: number | null;
  tax: number | null;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  acquirer_data: Record<string, string | null>;
  created_at: number;
}

export interface Refund {
  id: string;
  entity: "refund";
  amount: number;
  currency: string;
  payment_id: string;
  // Razorpay's refund examples show `{}` for empty notes, unlike orders and payments.
  notes: Record<string, string>;
  receipt: string | null;
  acquirer_data: { arn: string | null };
  created_at: number;
  batch_id: null;
  status: "pending" | "processed" | "failed";
  speed_processed: "normal" | "instant";
  speed_requested: RefundSpeed;
}

export interface Collection<T> {
  entity: "collection";
  count: number;
  items: T[];
}

export function collection<T>(items: T[]): Collection<T> {
  return { entity: "collection", count: items.length, items };
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
