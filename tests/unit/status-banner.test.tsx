import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatusBanner } from "@/components/orders/status-banner";
import { orderStatusView, type OrderWithDetails } from "@/lib/orders/status";

/** An order as findOrderForToken loads it, with only what the banner reads filled in. */
function order(overrides: Partial<OrderWithDetails>): OrderWithDetails {
  const base = {
    id: "6a9b0c2e-0000-4000-8000-000000000001",
    number: 1001,
    status: "pending",
    total: 80_000,
    currency: "INR",
    email: "asha@example.com",
    paidAt: null,
    expiresAt: new Date("2026-11-26T10:00:00Z"),
    flaggedAt: null,
    payments: [],
    refunds: [],
    items: [],
  };
  return { ...base, ...overrides } as unknown as OrderWithDetails;
}

const text = (o: OrderWithDetails) => renderToStaticMarkup(<StatusBanner order={o} view={orderStatusView(o)} />).replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'");
const captured = (amount: number, credited = false) => ({ id: "pay_Test00000000001", status: "captured", amount, credited, createdAt: new Date(), errorDescription: null });
const refund = (amount: number, status: string, reason: string) => ({ id: "r1", paymentId: "pay_Test00000000001", amount, currency: "INR", status, reason });

describe("the order page's status banner", () => {
  it("never says nothing was charged when money arrived for an expired order", () => {
    const words = text(order({ status: "expired", payments: [captured(10_000)], refunds: [refund(10_000, "requested", "amount_mismatch")] } as never));
    expect(words).toContain("The ₹100.00 that arrived for it is being refunded to you in full");
    expect(words).not.toContain("nothing was charged");
  });

  it("says nothing was charged only when nothing arrived", () => {
    expect(text(order({ status: "expired" }))).toContain("nothing was charged");
    expect(text(order({ status: "cancelled" }))).toContain("cancelled before it was paid");
  });

  it("tells the shopper a mismatched payment is being refunded and the order can still be paid", () => {
    const words = text(order({ payments: [captured(20_000)], refunds: [refund(20_000, "pending", "amount_mismatch")] } as never));
    expect(words).toContain("We received ₹200.00, which doesn't match this order's total of ₹800.00");
    expect(words).toContain("is being refunded to you in full");
    expect(words).toContain("You can still pay ₹800.00");
  });

  it("says an order refunded in full is refunded", () => {
    const words = text(order({ status: "refunded", paidAt: new Date(), payments: [captured(80_000, true)], refunds: [refund(80_000, "processed", "external")] } as never));
    expect(words).toContain("Refunded");
    expect(words).toContain("₹800.00 has been refunded in full");
  });
});
