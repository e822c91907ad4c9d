import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db";
import { formatAmount, money } from "@/lib/money";
import { reconcileOrder } from "@/lib/reconciliation/reconcile";
import { issueInvoice } from "@/lib/tax/documents";
import { processDueWebhooks } from "@/lib/webhooks/inbox";
import { adminCookie } from "../support/auth";
import { pdfTextRuns } from "../support/pdf-text";
import { call, checkoutRequest, customer, deliverWebhook, envelope, eventually, pay, placeOrder, postJson, sandboxCall, setFaults, shippingAddress, startShop, type TestShop } from "../support/shop";

let shop: TestShop;
let admin: { email: string; password: string; cookie: string };
beforeAll(async () => {
  shop = await startShop();
  // Webhooks come only when a test delivers them, so each test decides who reports a payment.
  await setFaults(shop, { webhooks: { drop: true } });
  const { ensureAdmin } = await import("@/lib/auth/users");
  admin = { email: "tax-admin@example.com", password: "tax admin password 0001", cookie: "" };
  await ensureAdmin(admin.email, admin.password);
  admin.cookie = await adminCookie(shop.url, admin.email, admin.password);
}, 120_000);
afterAll(() => shop?.close());

async function product(price: number, gstRateBasisPoints: number, hsnCode: string, stock = 200) {
  const slug = `tax-${randomUUID().slice(0, 8)}`;
  return db().product.create({ data: { slug, name: `Tea ${slug}`, description: "A test product.", price, stock, image: "/products/test.svg", hsnCode, gstRateBasisPoints } });
}

async function verify(razorpayOrderId: string) {
  const paid = await pay(shop, razorpayOrderId, { outcome: "success" });
  return { paid, reply: postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature }) };
}

async function paidOrder(items: { productId: string; quantity: number }[]) {
  const order = await placeOrder(shop, items);
  const { paid, reply } = await verify(order.razorpayOrderId);
  expect((await reply).body).toEqual({ status: "paid" });
  return { ...order, paymentId: paid.razorpay_payment_id, token: new URL(order.orderUrl, shop.url).searchParams.get("token")! };
}

/** Every series (kind, financial year) holds exactly the numbers 1..last of its counter: no gap, no duplicate. */
async function expectGaplessSeries() {
  const [documents, counters] = await Promise.all([db().taxDocument.findMany({ select: { kind: true, financialYear: true, sequence: true } }), db().taxDocumentCounter.findMany()]);
  for (const counter of counters) {
    const sequences = documents.filter((document) => document.kind === counter.kind && document.financialYear === counter.financialYear).map((document) => document.sequence);
    expect(sequences.sort((a, b) => a - b)).toEqual(Array.from({ length: counter.last }, (_, index) => index + 1));
  }
  expect(documents).toHaveLength(counters.reduce((sum, counter) => sum + counter.last, 0));
}

const invoicesOf = (orderId: string) => db().taxDocument.findMany({ where: { orderId, kind: "invoice" } });

describe("the GST breakdown stored at purchase", () => {
  it("is CGST + SGST for a delivery in the shop's state, IGST once the shopper corrects the address to another state, and adds up to the order's total", async () => {
    const tea = await product(34_900, 500, "0902");
    const stole = await product(12_000, 1800, "6214");
    const items = [{ productId: tea.id, quantity: 1 }, { productId: stole.id, quantity: 1 }];
    const key = randomUUID();
    const placed = await checkoutRequest(shop, items, { key });
    expect(placed.status).toBe(201);
    const intra = await db().order.findUniqueOrThrow({ where: { id: placed.body.orderId }, include: { items: { orderBy: { unitPrice: "desc" } } } });
    expect(intra).toMatchObject({ supplyType: "intra_state", subtotal: 46_900, shipping: 4_900, total: 51_800, shippingGstRateBasisPoints: 1800, shippingTaxableValue: 4_153, shippingCgst: 374, shippingSgst: 373, shippingIgst: 0 });
    expect(intra.items).toMatchObject([
      { hsnCode: "0902", gstRateBasisPoints: 500, taxableValue: 33_238, cgst: 831, sgst: 831, igst: 0 },
      { hsnCode: "6214", gstRateBasisPoints: 1800, taxableValue: 10_169, cgst: 916, sgst: 915, igst: 0 },
    ]);

    const mumbai = { line1: "4 Marine Drive", city: "Mumbai", state: "Maharashtra", postalCode: "400020", country: "IN" };
    const amended = await checkoutRequest(shop, items, { key, body: { customer, shippingAddress: mumbai, items } });
    expect(amended.body.orderId).toBe(placed.body.orderId);
    const inter = await db().order.findUniqueOrThrow({ where: { id: placed.body.orderId }, include: { items: { orderBy: { unitPrice: "desc" } } } });
    expect(inter).toMatchObject({ state: "Maharashtra", supplyType: "inter_state", shippingTaxableValue: 4_153, shippingCgst: 0, shippingSgst: 0, shippingIgst: 747 });
    expect(inter.items).toMatchObject([
      { taxableValue: 33_238, cgst: 0, sgst: 0, igst: 1_662 },
      { taxableValue: 10_169, cgst: 0, sgst: 0, igst: 1_831 },
    ]);
    const parts = [...inter.items.map((item) => item.taxableValue! + item.igst!), inter.shippingTaxableValue! + inter.shippingIgst!];
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(inter.total);
  });

  it("is refused by the database when a line's parts do not add up to its total", async () => {
    const tea = await product(34_900, 500, "0902");
    const order = await placeOrder(shop, [{ productId: tea.id, quantity: 1 }]);
    const [line] = await db().orderItem.findMany({ where: { orderId: order.orderId } });
    await expect(db().orderItem.update({ where: { id: line.id }, data: { cgst: line.cgst! + 1 } })).rejects.toThrow(/order_items_tax_adds_up/);
  });
});

describe("tax invoices", () => {
  it("numbers 50 orders paid at once through the callback without a gap or a duplicate", async () => {
    const tea = await product(29_900, 500, "0902");
    const before = (await db().taxDocumentCounter.findMany({ where: { kind: "invoice" } })).reduce((sum, counter) => sum + counter.last, 0);
    const orders = await Promise.all(Array.from({ length: 50 }, () => placeOrder(shop, [{ productId: tea.id, quantity: 1 }])));
    const payments = await Promise.all(orders.map(async (order) => (await pay(shop, order.razorpayOrderId, { outcome: "success" }))));
    const replies = await Promise.all(payments.map((paid) => postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature })));
    expect(replies.map((reply) => reply.body)).toEqual(replies.map(() => ({ status: "paid" })));

    const invoices = await db().taxDocument.findMany({ where: { orderId: { in: orders.map((order) => order.orderId) } }, orderBy: { sequence: "asc" } });
    expect(new Set(invoices.map((invoice) => invoice.orderId)).size).toBe(50);
    expect(invoices.map((invoice) => invoice.sequence)).toEqual(Array.from({ length: 50 }, (_, index) => before + index + 1));
    for (const invoice of invoices) {
      expect(invoice.number).toMatch(/^INV\/\d\d-\d\d\/\d{6}$/);
      expect(invoice.number.length).toBeLessThanOrEqual(16);
      expect(invoice.amount).toBe(29_900 + 4_900);
    }
    await expectGaplessSeries();
  }, 120_000);

  it("issues one invoice when the callback, the webhook and reconciliation race on the same order", async () => {
    const tea = await product(89_900, 500, "0902");
    const order = await placeOrder(shop, [{ productId: tea.id, quantity: 1 }]);
    const paid = await pay(shop, order.razorpayOrderId, { outcome: "success" });
    const payment = (await sandboxCall(shop, "GET", `/v1/payments/${paid.razorpay_payment_id}`)).body;
    const captured = envelope("payment.captured", { payment });
    const razorpayOrderId = order.razorpayOrderId;
    await Promise.all([
      ...Array.from({ length: 10 }, () => postJson(shop, "/api/payments/verify", { razorpay_order_id: paid.razorpay_order_id, razorpay_payment_id: paid.razorpay_payment_id, razorpay_signature: paid.razorpay_signature })),
      ...Array.from({ length: 10 }, (_, i) => deliverWebhook(shop, captured, { eventId: `evt_TaxRace${String(i).padStart(8, "0")}` })),
      ...Array.from({ length: 5 }, () => reconcileOrder({ id: order.orderId, razorpayOrderId, status: "pending" }, new Date())),
    ]);
    await processDueWebhooks();
    await eventually(async () => (await db().webhookEvent.count({ where: { id: { startsWith: "evt_TaxRace" }, status: "processed" } })) === 10);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    expect(await invoicesOf(order.orderId)).toHaveLength(1);
    await expectGaplessSeries();
  }, 60_000);

  it("leaves no gap when the paying transaction rolls back after taking its number", async () => {
    const tea = await product(24_900, 500, "0902");
    const doomed = await placeOrder(shop, [{ productId: tea.id, quantity: 1 }]);
    // The invoice is the paying transaction's last write: fail right after it, so the number was taken and must come back.
    await db().$executeRawUnsafe(`CREATE FUNCTION fail_invoice_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.order_id = '${doomed.orderId}' THEN RAISE EXCEPTION 'injected failure after the invoice number was taken'; END IF; RETURN NEW; END; $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER fail_invoice_for_test AFTER INSERT ON tax_documents FOR EACH ROW EXECUTE FUNCTION fail_invoice_for_test()`);
    const counterBefore = await db().taxDocumentCounter.findMany({ where: { kind: "invoice" } });
    try {
      const { reply } = await verify(doomed.razorpayOrderId);
      expect((await reply).status).toBeGreaterThanOrEqual(500);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER fail_invoice_for_test ON tax_documents`);
      await db().$executeRawUnsafe(`DROP FUNCTION fail_invoice_for_test()`);
    }
    expect(await db().taxDocumentCounter.findMany({ where: { kind: "invoice" } })).toEqual(counterBefore);
    expect((await db().order.findUniqueOrThrow({ where: { id: doomed.orderId } })).status).toBe("pending");
    expect(await invoicesOf(doomed.orderId)).toHaveLength(0);
    await expectGaplessSeries();

    // The payment is still Razorpay's fact: reconciliation credits it and the invoice takes the very next number.
    await reconcileOrder({ id: doomed.orderId, razorpayOrderId: doomed.razorpayOrderId, status: "pending" }, new Date());
    const [invoice] = await invoicesOf(doomed.orderId);
    const counter = counterBefore.find((row) => row.financialYear === invoice.financialYear);
    expect(invoice.sequence).toBe((counter?.last ?? 0) + 1);
    await expectGaplessSeries();
  }, 60_000);

  it("numbers by the Indian financial year of the payment: 31 March 23:59 IST continues the old series, 1 April 00:00 IST starts the new one", async () => {
    const tea = await product(19_900, 500, "0902");
    const orders = await Promise.all([1, 2, 3].map(() => placeOrder(shop, [{ productId: tea.id, quantity: 1 }])));
    const issue = (orderId: string, paidAt: Date) => transaction((tx) => issueInvoice(tx, orderId, paidAt));
    const lastOf = async (financialYear: string) => (await db().taxDocumentCounter.findUnique({ where: { kind_financialYear: { kind: "invoice", financialYear } } }))?.last ?? 0;
    const oldYearBefore = await lastOf("2026-27");
    await issue(orders[0].orderId, new Date("2027-03-31T23:59:00+05:30"));
    await issue(orders[1].orderId, new Date("2027-04-01T00:00:00+05:30"));
    await issue(orders[2].orderId, new Date("2027-04-01T00:01:00+05:30"));
    const numbers = await Promise.all(orders.map(async (order) => (await invoicesOf(order.orderId))[0].number));
    expect(numbers).toEqual([`INV/26-27/${String(oldYearBefore + 1).padStart(6, "0")}`, "INV/27-28/000001", "INV/27-28/000002"]);
    // A second invoice for an order is refused by the database, and its transaction takes its number back with it.
    await expect(issue(orders[1].orderId, new Date("2027-04-02T10:00:00+05:30"))).rejects.toThrow(/tax_documents_one_invoice_per_order|Unique constraint/);
    expect(await lastOf("2027-28")).toBe(2);
    await expectGaplessSeries();
  });

  it("is a PDF whose totals, tax split and amount in words are the order's, with the seller's GSTIN and the HSN codes", async () => {
    const tea = await product(34_900, 500, "0902");
    const stole = await product(12_000, 1800, "6214");
    const order = await paidOrder([{ productId: tea.id, quantity: 2 }, { productId: stole.id, quantity: 1 }]);
    const reply = await call(shop, `/api/orders/${order.orderId}/invoice?token=${encodeURIComponent(order.token)}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/pdf");
    const [invoice] = await invoicesOf(order.orderId);
    expect(reply.headers.get("content-disposition")).toBe(`attachment; filename="${invoice.number.replaceAll("/", "-")}.pdf"`);
    const runs = pdfTextRuns(Buffer.from(await (await fetch(`${shop.url}/api/orders/${order.orderId}/invoice?token=${encodeURIComponent(order.token)}`)).arrayBuffer()));
    const text = runs.join("\n");
    const saved = await db().order.findUniqueOrThrow({ where: { id: order.orderId }, include: { items: true } });
    const rs = (amount: number) => formatAmount(money(amount));
    const after = (label: string) => runs[runs.indexOf(label) + 1];

    expect(text).toContain(`Invoice no.: ${invoice.number}`);
    expect(text).toContain("GSTIN: 29ABCDE1234F1Z5");
    expect(text).toContain("Chai & Chaat Co. Private Limited");
    expect(text).toContain("Place of supply: Karnataka (29)");
    expect(runs).toEqual(expect.arrayContaining(["0902", "6214", "5%", "18%", customer.name]));
    const cgst = saved.items.reduce((sum, item) => sum + item.cgst!, saved.shippingCgst!);
    const sgst = saved.items.reduce((sum, item) => sum + item.sgst!, saved.shippingSgst!);
    const taxable = saved.items.reduce((sum, item) => sum + item.taxableValue!, saved.shippingTaxableValue!);
    expect(taxable + cgst + sgst).toBe(saved.total);
    const totalsAt = runs.lastIndexOf("Taxable value");
    expect(runs.slice(totalsAt, totalsAt + 8)).toEqual(["Taxable value", rs(taxable), "CGST", rs(cgst), "SGST", rs(sgst), "Total (Rs., GST included)", rs(saved.total)]);
    expect(saved.total).toBe(86_700); // 2 × ₹349 + ₹120, plus ₹49 shipping below ₹999
    expect(text).toContain("Rupees Eight Hundred Sixty Seven Only");
    expect(text).not.toContain("IGST");
  });
});

describe("the invoice for a delivery to another state", () => {
  it("shows IGST only, and the same totals as the order", async () => {
    const tea = await product(34_900, 500, "0902");
    const key = randomUUID();
    const delhi = { line1: "9 Janpath", city: "New Delhi", state: "Delhi", postalCode: "110001", country: "IN" };
    const placed = await checkoutRequest(shop, [{ productId: tea.id, quantity: 1 }], { key, body: { customer, shippingAddress: delhi, items: [{ productId: tea.id, quantity: 1 }] } });
    expect(placed.status).toBe(201);
    const { reply } = await verify(placed.body.razorpayOrderId);
    expect((await reply).body).toEqual({ status: "paid" });
    const token = new URL(placed.body.orderUrl, shop.url).searchParams.get("token")!;
    const pdf = Buffer.from(await (await fetch(`${shop.url}/api/orders/${placed.body.orderId}/invoice?token=${encodeURIComponent(token)}`)).arrayBuffer());
    const runs = pdfTextRuns(pdf);
    const saved = await db().order.findUniqueOrThrow({ where: { id: placed.body.orderId }, include: { items: true } });
    const rs = (amount: number) => formatAmount(money(amount));
    const igst = saved.items[0].igst! + saved.shippingIgst!;
    const taxable = saved.items[0].taxableValue! + saved.shippingTaxableValue!;
    const totalsAt = runs.lastIndexOf("Taxable value");
    expect(runs.slice(totalsAt, totalsAt + 6)).toEqual(["Taxable value", rs(taxable), "IGST", rs(igst), "Total (Rs., GST included)", rs(saved.total)]);
    expect(runs.join("\n")).toContain("Place of supply: Delhi (07)");
    expect(runs).not.toContain("CGST");
  });
});

describe("who may download an invoice", () => {
  it("answers 404 alike for a wrong token, a missing token and an unknown order, and 409 before the order is paid", async () => {
    const tea = await product(34_900, 500, "0902");
    const paid = await paidOrder([{ productId: tea.id, quantity: 1 }]);
    const unpaid = await placeOrder(shop, [{ productId: tea.id, quantity: 1 }]);
    const unpaidToken = new URL(unpaid.orderUrl, shop.url).searchParams.get("token")!;
    const notFound = [
      await call(shop, `/api/orders/${paid.orderId}/invoice?token=${encodeURIComponent(unpaidToken)}`),
      await call(shop, `/api/orders/${paid.orderId}/invoice?token=${encodeURIComponent(paid.token.slice(0, -1))}`),
      await call(shop, `/api/orders/${paid.orderId}/invoice`),
      await call(shop, `/api/orders/${randomUUID()}/invoice?token=${encodeURIComponent(paid.token)}`),
      await call(shop, `/api/orders/not-a-uuid/invoice?token=x`),
      await call(shop, `/api/orders/${paid.orderId}/credit-notes/${randomUUID()}?token=${encodeURIComponent(paid.token)}`),
      await call(shop, `/api/orders/${paid.orderId}/credit-notes/not-a-uuid?token=${encodeURIComponent(paid.token)}`),
    ];
    for (const reply of notFound) {
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe("not_found");
    }
    // The invoice's id is not a credit note's.
    const [invoice] = await invoicesOf(paid.orderId);
    expect((await call(shop, `/api/orders/${paid.orderId}/credit-notes/${invoice.id}?token=${encodeURIComponent(paid.token)}`)).status).toBe(404);
    const early = await call(shop, `/api/orders/${unpaid.orderId}/invoice?token=${encodeURIComponent(unpaidToken)}`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("invoice_not_issued");
  });

  it("lets the admin download it, and refuses anonymous callers", async () => {
    const tea = await product(34_900, 500, "0902");
    const paid = await paidOrder([{ productId: tea.id, quantity: 1 }]);
    const reply = await fetch(`${shop.url}/api/admin/orders/${paid.orderId}/invoice`, { headers: { cookie: admin.cookie } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/pdf");
    const [invoice] = await invoicesOf(paid.orderId);
    expect(pdfTextRuns(Buffer.from(await reply.arrayBuffer()))).toContain(`Invoice no.: ${invoice.number}`);
    expect((await call(shop, `/api/admin/orders/${paid.orderId}/invoice`)).status).toBe(401);
    expect((await call(shop, `/api/admin/orders/${randomUUID()}/invoice`, { headers: { cookie: admin.cookie } })).status).toBe(404);
  });
});

describe("credit notes", () => {
  it("are issued once per processed refund, numbered in their own series, apportioned over the invoice, and add up to the invoice when refunded in full", async () => {
    await setFaults(shop, {});
    try {
      const tea = await product(34_900, 500, "0902");
      const stole = await product(12_000, 1800, "6214");
      const order = await paidOrder([{ productId: tea.id, quantity: 1 }, { productId: stole.id, quantity: 1 }]);
      const [invoice] = await invoicesOf(order.orderId);
      expect(invoice).toMatchObject({ amount: 51_800, cgst: 831 + 916 + 374, sgst: 831 + 915 + 373, igst: 0 });

      await sandboxCall(shop, "POST", `/v1/payments/${order.paymentId}/refund`, { amount: 20_000 });
      const first = await eventually(async () => (await db().taxDocument.findMany({ where: { orderId: order.orderId, kind: "credit_note" } }))[0]);
      expect(first).toMatchObject({ amount: 20_000, number: expect.stringMatching(/^CN\/\d\d-\d\d\/\d{6}$/) });
      expect(first.taxableValue + first.cgst + first.sgst + first.igst).toBe(20_000);

      await sandboxCall(shop, "POST", `/v1/payments/${order.paymentId}/refund`, { amount: 31_800 });
      await eventually(async () => (await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status === "refunded");
      const notes = await eventually(async () => {
        const found = await db().taxDocument.findMany({ where: { orderId: order.orderId, kind: "credit_note" }, orderBy: { sequence: "asc" } });
        return found.length === 2 && found;
      });
      expect(notes[1].sequence).toBe(notes[0].sequence + 1);
      expect(notes.reduce((sum, note) => sum + note.amount, 0)).toBe(invoice.amount);
      // Apportioned per line, the two notes can differ from the invoice by a paisa per line in how tax and taxable value split, never in total.
      expect(Math.abs(notes.reduce((sum, note) => sum + note.taxableValue, 0) - invoice.taxableValue)).toBeLessThanOrEqual(3);

      // Webhooks heard again change nothing: still two notes.
      await processDueWebhooks();
      expect(await db().taxDocument.count({ where: { orderId: order.orderId, kind: "credit_note" } })).toBe(2);

      const shopperPdf = await fetch(`${shop.url}/api/orders/${order.orderId}/credit-notes/${notes[0].id}?token=${encodeURIComponent(order.token)}`);
      expect(shopperPdf.headers.get("content-type")).toBe("application/pdf");
      const runs = pdfTextRuns(Buffer.from(await shopperPdf.arrayBuffer()));
      expect(runs).toContain(`Credit note no.: ${notes[0].number}`);
      expect(runs).toContain(`Against invoice: ${invoice.number}`);
      const totalsAt = runs.lastIndexOf("Taxable value");
      const rs = (amount: number) => formatAmount(money(amount));
      expect(runs.slice(totalsAt, totalsAt + 8)).toEqual(["Taxable value", rs(notes[0].taxableValue), "CGST", rs(notes[0].cgst), "SGST", rs(notes[0].sgst), "Total credited (Rs., GST included)", rs(20_000)]);
      expect(runs.join("\n")).toContain("Rupees Two Hundred Only");

      const adminPdf = await fetch(`${shop.url}/api/admin/orders/${order.orderId}/credit-notes/${notes[1].id}`, { headers: { cookie: admin.cookie } });
      expect(adminPdf.status).toBe(200);
      expect(pdfTextRuns(Buffer.from(await adminPdf.arrayBuffer()))).toContain(`Credit note no.: ${notes[1].number}`);
      await expectGaplessSeries();
    } finally {
      await setFaults(shop, { webhooks: { drop: true } });
    }
  }, 60_000);

  it("are not issued for the refund of a second payment on a paid order (it was never invoiced)", async () => {
    const tea = await product(34_900, 500, "0902");
    const order = await paidOrder([{ productId: tea.id, quantity: 1 }]);
    // A second tab pays the same order again: that payment is refunded as a duplicate, and the invoice stays as it is.
    const second = await pay(shop, order.razorpayOrderId, { outcome: "success", force: true });
    await postJson(shop, "/api/payments/verify", { razorpay_order_id: second.razorpay_order_id, razorpay_payment_id: second.razorpay_payment_id, razorpay_signature: second.razorpay_signature });
    const { sendDueRefunds } = await import("@/lib/refunds/refunds");
    await sendDueRefunds({ actor: "system" });
    await eventually(async () => (await db().refund.findFirst({ where: { paymentId: second.razorpay_payment_id, reason: "duplicate_payment", status: "processed" } })) !== null);
    expect((await db().order.findUniqueOrThrow({ where: { id: order.orderId } })).status).toBe("paid");
    expect(await db().taxDocument.findMany({ where: { orderId: order.orderId }, select: { kind: true } })).toEqual([{ kind: "invoice" }]);
  });
});
