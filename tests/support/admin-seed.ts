import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { OrderStatus, PaymentStatus, RefundStatus } from "@/lib/generated/prisma/enums";

/**
 * Orders with known values written straight to the database, for the admin's listing, export and
 * timeline tests: what the payment path would have produced, without running it.
 */
export interface SeedOrder {
  status: OrderStatus;
  subtotal: number;
  shipping?: number;
  createdAt: Date;
  customerName?: string;
  email?: string;
  phone?: string;
  razorpayOrderId?: string | null;
  flagReason?: string;
  payments?: { id: string; status: PaymentStatus; method: string; credited?: boolean; amount?: number; errorReason?: string }[];
  refunds?: { paymentId: string; amount: number; status: RefundStatus; razorpayRefundId?: string }[];
}

const suffix = () => randomBytes(6).toString("hex");

export async function seedOrder(seed: SeedOrder) {
  const shipping = seed.shipping ?? 0;
  const total = seed.subtotal + shipping;
  const order = await db().order.create({
    data: {
      accessToken: `token_${suffix()}`,
      status: "pending",
      currency: "INR",
      subtotal: seed.subtotal,
      shipping,
      total,
      customerName: seed.customerName ?? "Test Customer",
      email: seed.email ?? `customer-${suffix()}@example.com`,
      phone: seed.phone ?? "+919000000000",
      addressLine1: "12 MG Road",
      city: "Bengaluru",
      state: "Karnataka",
      postalCode: "560001",
      country: "IN",
      razorpayOrderId: seed.razorpayOrderId === undefined ? `order_${suffix()}` : seed.razorpayOrderId,
      expiresAt: new Date(seed.createdAt.getTime() + 30 * 60_000),
      createdAt: seed.createdAt,
      flaggedAt: seed.flagReason ? seed.createdAt : null,
      flagReason: seed.flagReason ?? null,
    },
  });
  for (const [index, payment] of (seed.payments ?? []).entries()) {
    await db().payment.create({
      data: {
        id: payment.id,
        orderId: order.id,
        status: payment.status,
        amount: payment.amount ?? total,
        currency: "INR",
        method: payment.method,
        credited: payment.credited ?? false,
        errorReason: payment.errorReason ?? null,
        createdAt: new Date(seed.createdAt.getTime() + (index + 1) * 1000),
      },
    });
  }
  for (const refund of seed.refunds ?? []) {
    await db().refund.create({ data: { orderId: order.id, paymentId: refund.paymentId, reason: "external", amount: refund.amount, currency: "INR", status: refund.status, razorpayRefundId: refund.razorpayRefundId ?? null } });
  }
  const credited = seed.payments?.find((payment) => payment.credited);
  return db().order.update({
    where: { id: order.id },
    data: { status: seed.status, ...(credited ? { paidPaymentId: credited.id, paidAt: new Date(seed.createdAt.getTime() + 60_000) } : {}) },
  });
}

/** `count` pending orders in one statement (all with the same created_at), totals 1,001 paise upwards. */
export async function seedManyOrders(count: number, emailPrefix = "bulk"): Promise<void> {
  await db().$executeRaw`
    INSERT INTO orders (id, access_token, status, currency, subtotal, shipping, total, customer_name, email, phone,
                        address_line1, city, state, postal_code, country, expires_at, updated_at)
    SELECT gen_random_uuid(), 'bulk_' || md5(random()::text) || g, 'pending', 'INR', 1000 + g, 0, 1000 + g, 'Bulk Customer ' || g,
           ${emailPrefix} || g || '@example.com', '+9199' || lpad(g::text, 8, '0'), '1 Bulk Street', 'Pune', 'Maharashtra', '411001', 'IN', now(), now()
    FROM generate_series(1, ${count}::int) AS g`;
}
