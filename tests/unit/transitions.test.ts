import { describe, expect, it } from "vitest";
import { canMoveOrder, canMovePayment } from "@/lib/payments/transitions";

describe("payment transitions", () => {
  it("never moves a captured payment backwards", () => {
    expect(canMovePayment("captured", "authorized")).toBe(false);
    expect(canMovePayment("captured", "failed")).toBe(false);
    expect(canMovePayment("captured", "refunded")).toBe(true);
  });

  it("accepts a late authorisation or capture after a failure", () => {
    expect(canMovePayment("failed", "captured")).toBe(true);
    expect(canMovePayment("failed", "authorized")).toBe(true);
  });

  it("treats refunded as final", () => {
    for (const to of ["authorized", "captured", "failed"] as const) expect(canMovePayment("refunded", to)).toBe(false);
  });
});

describe("order transitions", () => {
  it("lets a pending order be paid, expire or be cancelled, and a closed one still be paid", () => {
    expect(canMoveOrder("pending", "paid")).toBe(true);
    expect(canMoveOrder("pending", "expired")).toBe(true);
    expect(canMoveOrder("expired", "paid")).toBe(true);
    expect(canMoveOrder("pending", "cancelled")).toBe(true);
    expect(canMoveOrder("cancelled", "paid")).toBe(true);
    expect(canMoveOrder("cancelled", "pending")).toBe(false);
    expect(canMoveOrder("paid", "refunded")).toBe(true);
    expect(canMoveOrder("refunded", "paid")).toBe(false);
    expect(canMoveOrder("paid", "expired")).toBe(false);
  });
});
