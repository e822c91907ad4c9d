import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOrders, parseOrderFilter } from "@/lib/admin/orders";
import { classifySearch } from "@/lib/admin/order-filter";
import { AppError } from "@/lib/errors";
import { seedOrder } from "../support/admin-seed";
import { startShop, type TestShop } from "../support/shop";

let shop: TestShop;
const numbers: Record<string, number> = {};

/** IST wall-clock time → Date. */
const ist = (local: string) => new Date(`${local}+05:30`);

/**
 * Six orders with known values (₹ totals): A 1,000 paid by card; B 500 pending, UPI failed;
 * C 250 expired, never tried; D 2,000 refunded in full; E 1,500 partially refunded (₹500), UPI;
 * F 300 cancelled and flagged, a netbanking payment that could not be credited, placed at 02:00
 * IST on 6 November, which is still 5 November in UTC.
 */
beforeAll(async () => {
  shop = await startShop();
  const seeds = {
    A: await seedOrder({ status: "paid", subtotal: 95_000, shipping: 5_000, createdAt: ist("2026-11-01T10:00:00"), customerName: "Asha Verma", email: "asha@example.com", phone: "+919876543210", razorpayOrderId: "order_SeedA0000000001", payments: [{ id: "pay_SeedA0000000001", status: "captured", method: "card", credited: true }] }),
    B: await seedOrder({ status: "pending", subtotal: 50_000, createdAt: ist("2026-11-02T10:00:00"), customerName: "Ravi Kumar", email: "ravi@example.com", phone: "+919812345678", payments: [{ id: "pay_SeedB0000000001", status: "failed", method: "upi", errorReason: "payment_cancelled" }] }),
    C: await seedOrder({ status: "expired", subtotal: 25_000, createdAt: ist("2026-11-03T10:00:00"), customerName: "Meera Iyer" }),
    D: await seedOrder({ status: "refunded", subtotal: 200_000, createdAt: ist("2026-11-04T10:00:00"), customerName: "Dev Patel", payments: [{ id: "pay_SeedD0000000001", status: "refunded", method: "card", credited: true }], refunds: [{ paymentId: "pay_SeedD0000000001", amount: 200_000, status: "processed" }] }),
    E: await seedOrder({ status: "partially_refunded", subtotal: 150_000, createdAt: ist("2026-11-05T10:00:00"), customerName: "Esha Rao", payments: [{ id: "pay_SeedE0000000001", status: "captured", method: "upi", credited: true }], refunds: [{ paymentId: "pay_SeedE0000000001", amount: 50_000, status: "processed", razorpayRefundId: "rfnd_SeedE0000000001" }] }),
    F: await seedOrder({ status: "cancelled", subtotal: 30_000, createdAt: ist("2026-11-06T02:00:00"), customerName: "Farah Khan", flagReason: "payment pay_SeedF0000000001 is ₹310.00", payments: [{ id: "pay_SeedF0000000001", status: "captured", method: "netbanking", amount: 31_000 }] }),
  };
  for (const [name, order] of Object.entries(seeds)) numbers[name] = order.number;
});
afterAll(() => shop?.close());

/** Lists with URL parameters, as the page and the API do, and names the orders found (A–F). */
async function found(params: Record<string, string>) {
  const { filter } = parseOrderFilter(new URLSearchParams(params));
  const page = await listOrders(filter);
  const byNumber = Object.fromEntries(Object.entries(numbers).map(([name, number]) => [number, name]));
  return { names: page.orders.map((order) => byNumber[order.number]), page };
}

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the filter to be refused");
};

describe("the admin's order list", () => {
  it("lists every order newest first, with the count and total of everything matched", async () => {
    const { names, page } = await found({});
    expect(names).toEqual(["F", "E", "D", "C", "B", "A"]);
    expect(page).toMatchObject({ count: 6, total: 555_000, currency: "INR", page: 1, pageSize: 25, pages: 1 });
  });

  it("shows for each order its credited payment (else the latest attempt), attempts and what was refunded", async () => {
    const { page } = await found({});
    const row = (name: string) => page.orders.find((order) => order.number === numbers[name])!;
    expect(row("A").payment).toEqual({ id: "pay_SeedA0000000001", status: "captured", method: "card", errorReason: null });
    expect(row("B").payment).toEqual({ id: "pay_SeedB0000000001", status: "failed", method: "upi", errorReason: "payment_cancelled" });
    expect(row("C").payment).toBeNull();
    expect(row("E")).toMatchObject({ refunded: 50_000, paymentAttempts: 1, total: 150_000, email: expect.stringContaining("@") });
    expect(row("F")).toMatchObject({ flagReason: "payment pay_SeedF0000000001 is ₹310.00", flaggedAt: expect.any(Date) });
  });

  it("filters by order status, one or several, with the count and total of the filter", async () => {
    expect((await found({ status: "cancelled" })).names).toEqual(["F"]);
    const refunded = await found({ status: "refunded,partially_refunded" });
    expect(refunded.names).toEqual(["E", "D"]);
    expect(refunded.page).toMatchObject({ count: 2, total: 350_000 });
  });

  it("filters by payment status (any attempt in that state, or none at all) and by payment method", async () => {
    expect((await found({ paymentStatus: "failed" })).names).toEqual(["B"]);
    expect((await found({ paymentStatus: "none" })).names).toEqual(["C"]);
    expect((await found({ paymentStatus: "captured" })).names).toEqual(["F", "E", "A"]);
    expect((await found({ method: "upi" })).names).toEqual(["E", "B"]);
    expect((await found({ method: "card", paymentStatus: "refunded" })).names).toEqual(["D"]);
  });

  it("filters flagged and unflagged orders", async () => {
    expect((await found({ flagged: "true" })).names).toEqual(["F"]);
    expect((await found({ flagged: "false" })).page.count).toBe(5);
  });

  it("reads a date range as whole days in India's time zone, both ends included", async () => {
    expect((await found({ from: "2026-11-02", to: "2026-11-04" })).names).toEqual(["D", "C", "B"]);
    // F was placed at 02:00 IST on the 6th (20:30 UTC on the 5th): it belongs to the 6th.
    expect((await found({ to: "2026-11-05" })).names).toEqual(["E", "D", "C", "B", "A"]);
    expect((await found({ from: "2026-11-06" })).names).toEqual(["F"]);
    expect((await found({ from: "2026-11-05T20:00:00Z", to: "2026-11-05T21:00:00Z" })).names).toEqual(["F"]);
  });

  it("finds an order by number, email, phone, Razorpay order, payment or refund id, or name", async () => {
    expect((await found({ q: String(numbers.C) })).names).toEqual(["C"]);
    expect((await found({ q: `#${numbers.D}` })).names).toEqual(["D"]);
    expect((await found({ q: "ASHA@Example.com" })).names).toEqual(["A"]);
    expect((await found({ q: "98123 45678" })).names).toEqual(["B"]);
    expect((await found({ q: "+91 98765 43210" })).names).toEqual(["A"]);
    expect((await found({ q: "order_SeedA0000000001" })).names).toEqual(["A"]);
    expect((await found({ q: "pay_SeedE0000000001" })).names).toEqual(["E"]);
    expect((await found({ q: "rfnd_SeedE0000000001" })).names).toEqual(["E"]);
    expect((await found({ q: "farah" })).names).toEqual(["F"]);
    expect((await found({ q: "nobody@example.com" })).page).toMatchObject({ count: 0, total: 0, pages: 1 });
  });

  it("treats LIKE wildcards in a search as plain characters", async () => {
    expect((await found({ q: "%" })).names).toEqual([]);
    expect((await found({ q: "_" })).names).toEqual([]);
  });

  it("sorts by total, number or creation time, either way", async () => {
    expect((await found({ sort: "total" })).names).toEqual(["C", "F", "B", "A", "E", "D"]);
    expect((await found({ sort: "-total" })).names).toEqual(["D", "E", "A", "B", "F", "C"]);
    expect((await found({ sort: "number" })).names).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect((await found({ sort: "created" })).names).toEqual(["A", "B", "C", "D", "E", "F"]);
  });

  it("pages through the filter, the count and total staying those of the whole filter", async () => {
    const second = await found({ sort: "total", pageSize: "2", page: "2" });
    expect(second.names).toEqual(["B", "A"]);
    expect(second.page).toMatchObject({ count: 6, total: 555_000, page: 2, pageSize: 2, pages: 3 });
    expect((await found({ pageSize: "2", page: "4" })).names).toEqual([]);
  });

  it("refuses bad filters, naming the parameter", () => {
    const cases: [Record<string, string>, string][] = [
      [{ status: "shipped" }, "status"],
      [{ paymentStatus: "paid" }, "paymentStatus"],
      [{ method: "cash" }, "method"],
      [{ flagged: "yes" }, "flagged"],
      [{ from: "yesterday" }, "from"],
      [{ to: "2026-13-45" }, "to"],
      [{ from: "2026-11-05", to: "2026-11-01" }, "to"],
      [{ sort: "email" }, "sort"],
      [{ page: "0" }, "page"],
      [{ pageSize: "101" }, "pageSize"],
      [{ pageSize: "ten" }, "pageSize"],
      [{ q: "x".repeat(201) }, "q"],
      [{ stauts: "paid" }, "stauts"],
    ];
    for (const [params, field] of cases) {
      const error = refusal(() => parseOrderFilter(new URLSearchParams(params)));
      expect(error.code, JSON.stringify(params)).toBe("invalid_request");
      expect(error.field, JSON.stringify(params)).toBe(field);
    }
  });

  it("ignores empty parameters, as a form with blank fields sends them", async () => {
    expect((await found({ status: "", q: "", from: "", method: "" })).page.count).toBe(6);
  });
});

describe("reading a search term", () => {
  it("tells order numbers, phones, emails and Razorpay ids apart by their shape", () => {
    expect(classifySearch("#1042")).toEqual({ kind: "numberOrPhone", number: 1042, digits: "1042" });
    expect(classifySearch("+91 98765-43210")).toEqual({ kind: "numberOrPhone", number: null, digits: "919876543210" });
    expect(classifySearch("Asha@Example.COM")).toEqual({ kind: "email", email: "asha@example.com" });
    expect(classifySearch("order_Abc123")).toEqual({ kind: "razorpayOrder", id: "order_Abc123" });
    expect(classifySearch("pay_Abc123")).toEqual({ kind: "razorpayPayment", id: "pay_Abc123" });
    expect(classifySearch("rfnd_Abc123")).toEqual({ kind: "razorpayRefund", id: "rfnd_Abc123" });
    expect(classifySearch("Verma")).toEqual({ kind: "text", text: "verma" });
  });
});
