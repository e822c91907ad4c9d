// In-memory state of one sandbox instance, optionally mirrored to a JSON file so a dev
// restart keeps orders and payments (the shop's database would otherwise point at nothing).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { z } from "zod";
import type { OrderRecord, Payment, Refund } from "./entities";

/** What an `X-Refund-Idempotency` key was first used for. */
export interface RefundIdempotencyRecord {
  key: string;
  paymentId: string;
  requestFingerprint: string;
  refundId: string;
}

const STATE_VERSION = 1;

// Entities are written by this module only, so the file is trusted for their inner shape;
// the schema guards against a foreign or truncated file.
const stateFileSchema = z.object({
  version: z.literal(STATE_VERSION),
  orders: z.array(z.looseObject({ order: z.looseObject({ id: z.string() }), settings: z.looseObject({}) })),
  payments: z.array(z.looseObject({ id: z.string() })),
  refunds: z.array(z.looseObject({ id: z.string() })),
  refundKeys: z.array(z.looseObject({ key: z.string() })),
});

export class SandboxStore {
  // Maps keep insertion order, which is creation order: listings reverse it for newest first.
  readonly orders = new Map<string, OrderRecord>();
  readonly payments = new Map<string, Payment>();
  readonly refunds = new Map<string, Refund>();
  readonly refundKeys = new Map<string, RefundIdempotencyRecord>();

  constructor(private readonly stateFile?: string) {
    if (stateFile && existsSync(stateFile)) this.load(stateFile);
  }

  paymentsOfOrder(orderId: string): Payment[] {
    return [...this.payments.values()].filter((payment) => payment.order_id === orderId);
  }

  refundsOfPayment(paymentId: string): Refund[] {
    return [...this.refunds.values()].filter((refund) => refund.payment_id === paymentId);
  }

  /** Called after every change; a synchronous write keeps the file in step with the answer sent. */
  save(): void {
    if (!this.stateFile) return;
    const state = {
      version: STATE_VERSION,
      orders: [...this.orders.values()],
      payments: [...this.payments.values()],
      refunds: [...this.refunds.values()],
      refundKeys: [...this.refundKeys.values()],
    };
    const temporary = `${this.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(state, null, 2));
    renameSync(temporary, this.stateFile);
  }

  private load(file: string): void {
    const parsed = stateFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) {
      throw new Error(`Sandbox state file ${file} is not a version-${STATE_VERSION} sandbox state; delete it to start empty.`);
    }
    const state = parsed.data;
    for (const record of state.orders as unknown as OrderRecord[]) this.orders.set(record.order.id, record);
    for (const payment of state.payments as unknown as Payment[]) this.payments.set(payment.id, payment);
    for (const refund of state.refunds as unknown as Refund[]) this.refunds.set(refund.id, refund);
    for (const record of state.refundKeys as unknown as RefundIdempotencyRecord[]) this.refundKeys.set(record.key, record);
  }
}
