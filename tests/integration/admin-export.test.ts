import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_HEADER, csvField, exportOrdersCsv } from "@/lib/admin/export";
import { orderPageQuery, parseOrderFilter } from "@/lib/admin/orders";
import { db, Prisma } from "@/lib/db";
import { money, toDecimalString } from "@/lib/money";
import { seedManyOrders, seedOrder } from "../support/admin-seed";
import { startShop, type TestShop } from "../support/shop";

let shop: TestShop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop?.close());

const filterOf = (params: Record<string, string>) => parseOrderFilter(new URLSearchParams(params)).filter;

/** A minimal RFC 4180 reader: enough to prove what the export writes parses back to the values. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(field), (field = "");
    else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    } else field += char;
  }
  return rows;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("Verma, Asha")).toBe('"Verma, Asha"');
    expect(csvField('The "good" tea')).toBe('"The ""good"" tea"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField(" padded ")).toBe('" padded "');
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });

  it("keeps text a spreadsheet would run as a formula as text, with a leading quote", () => {
    expect(csvField("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvField("+919876543210")).toBe("'+919876543210");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("a=b")).toBe("a=b");
  });

  it("writes amounts in rupees with two decimals, by integer arithmetic", () => {
    expect(toDecimalString(money(0))).toBe("0.00");
    expect(toDecimalString(money(5))).toBe("0.05");
    expect(toDecimalString(money(99))).toBe("0.99");
    expect(toDecimalString(money(129_900))).toBe("1299.00");
    expect(toDecimalString(money(100_000_000_01))).toBe("100000000.01");
  });
});

describe("the orders export", () => {
  it("writes one row per order of the filter, amounts in rupees, hostile names kept as text", async () => {
    const hostile = await seedOrder({ status: "paid", subtotal: 129_950, shipping: 4_900, createdAt: new Date("2026-10-01T06:00:00Z"), customerName: '=cmd|"/c calc"!A1, Esq.', email: "csv-one@example.com", phone: "+919876543210", payments: [{ id: "pay_CsvOne00000001", status: "captured", method: "upi", credited: true }], refunds: [{ paymentId: "pay_CsvOne00000001", amount: 10_005, status: "processed" }] });
    await seedOrder({ status: "expired", subtotal: 50_000, createdAt: new Date("2026-10-02T06:00:00Z"), email: "csv-two@example.com" });

    const rows = parseCsv(await readAll(exportOrdersCsv(filterOf({ q: "csv-one@example.com" }))));
    expect(rows).toHaveLength(2);
    const [header, row] = rows;
    expect(header.join(",") + "\r\n").toBe(CSV_HEADER);
    const record = Object.fromEntries(header.map((name, i) => [name, row[i]]));
    expect(record).toMatchObject({
      order_number: String(hostile.number),
      created_at: "2026-10-01T06:00:00.000Z",
      status: "paid",
      customer_name: `'=cmd|"/c calc"!A1, Esq.`,
      email: "csv-one@example.com",
      phone: "'+919876543210",
      currency: "INR",
      subtotal: "1299.50",
      shipping: "49.00",
      total: "1348.50",
      refunded: "100.05",
      payment_status: "captured",
      payment_method: "upi",
      razorpay_payment_id: "pay_CsvOne00000001",
      flagged: "no",
      order_id: hostile.id,
    });
  });

  it("streams 2,500 orders in bounded batches along a keyset cursor, each order exactly once, reading only as the client reads", async () => {
    // One INSERT: every order has the same created_at, so only the tie-break on the number keeps the cursor exact.
    await seedManyOrders(2_500, "stream");
    const filter = filterOf({ q: "stream" });
    const batches: number[] = [];
    const stream = exportOrdersCsv(filter, { batchSize: 500, onBatch: (rows) => batches.push(rows) });

    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < 2; i++) chunks.push((await reader.read()).value!);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Header and first batch taken: at most the next batch has been read ahead, not the table.
    expect(batches.length).toBeLessThanOrEqual(2);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
    }

    expect(batches).toEqual([500, 500, 500, 500, 500, 0]);
    const rows = parseCsv(Buffer.concat(chunks).toString("utf8")).slice(1);
    expect(rows).toHaveLength(2_500);
    const numbers = rows.map((row) => Number(row[0]));
    expect(new Set(numbers).size).toBe(2_500);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));

    const byTotal = parseCsv(await readAll(exportOrdersCsv(filterOf({ q: "stream", sort: "total" }), { batchSize: 333 }))).slice(1);
    const header = CSV_HEADER.trim().split(",");
    const totals = byTotal.map((row) => row[header.indexOf("total")]);
    expect(totals).toHaveLength(2_500);
    expect(totals[0]).toBe("10.01");
    expect(totals.at(-1)).toBe("35.00");
  });

  it("lists the default page through the created_at index, an email search through orders(email, created_at), a status through orders(status, created_at)", async () => {
    await db().$executeRaw`ANALYZE orders`;
    const plan = async (params: Record<string, string>) =>
      (await db().$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${orderPageQuery(filterOf(params))}`)).map((line) => line["QUERY PLAN"]).join("\n");
    const listing = await plan({});
    expect(listing).toMatch(/Index Scan Backward using orders_created_at_idx on orders o/);
    expect(listing).not.toMatch(/Seq Scan on orders/);
    const byEmail = await plan({ q: "stream42@example.com" });
    expect(byEmail).toMatch(/orders_email_created_at_idx/);
    expect(byEmail).not.toMatch(/Seq Scan on orders/);
    const byStatus = await plan({ status: "refunded,partially_refunded" });
    expect(byStatus).toMatch(/orders_status_created_at_idx/);
    expect(byStatus).not.toMatch(/Seq Scan on orders/);
  });
});
