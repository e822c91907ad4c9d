import { describe, expect, it } from "vitest";
import { MASK, maskedPayload, maskPersonalData, maskText, SECRET } from "@/lib/admin/mask";

/** A payment.captured webhook as Razorpay sends it, with every kind of personal data in it. */
const webhook = {
  entity: "event",
  account_id: "acc_BFQ7uQEaa7j2z7",
  event: "payment.captured",
  contains: ["payment"],
  payload: {
    payment: {
      entity: {
        id: "pay_L0nSsccovt6zyp",
        entity: "payment",
        amount: 9900,
        currency: "INR",
        status: "captured",
        order_id: "order_L0nS83FfCHaWqV",
        method: "card",
        description: "Order #1042 for asha.verma@example.com, call +91 98765 43210",
        card_id: "card_L0nSxyz",
        card: { id: "card_L0nSxyz", entity: "card", name: "Asha Verma", last4: "1007", network: "Visa", type: "credit", issuer: "HDFC", international: false, emi: false, expiry_month: "12", expiry_year: "2030" },
        bank: null,
        wallet: null,
        vpa: "asha.verma@okhdfcbank",
        upi: { payer_account_type: "bank_account", vpa: "asha.verma@okhdfcbank" },
        email: "asha.verma@example.com",
        contact: "+919876543210",
        notes: { customer_name: "Asha Verma", shipping_address: "12 MG Road, Bengaluru 560001", gift_message: "Pay me back at ravi@upi" },
        fee: 198,
        tax: 0,
        error_code: null,
        error_reason: null,
        acquirer_data: { auth_code: "299196", rrn: "123456789012", bank_transaction_id: "7788990011223" },
        token: "token_ABCDEF",
        created_at: 1672987417,
      },
    },
  },
  created_at: 1672987420,
};

const PERSONAL = ["asha.verma@example.com", "asha.verma@okhdfcbank", "ravi@upi", "9876543210", "98765 43210", "Asha Verma", "Verma", "12 MG Road", "560001", "Bengaluru", "token_ABCDEF", "2030"];

describe("masking a gateway payload", () => {
  const masked = maskPersonalData(webhook) as typeof webhook;
  const text = JSON.stringify(masked);

  it("leaves no email, phone, VPA, name, address, card detail or token anywhere in it", () => {
    for (const value of PERSONAL) expect(text, value).not.toContain(value);
  });

  it("keeps what support needs: ids, amounts, statuses, method, card network, bank references", () => {
    const payment = masked.payload.payment.entity;
    expect(payment).toMatchObject({ id: "pay_L0nSsccovt6zyp", order_id: "order_L0nS83FfCHaWqV", amount: 9900, currency: "INR", status: "captured", method: "card", fee: 198, created_at: 1672987417, card_id: "card_L0nSxyz" });
    expect(payment.card).toMatchObject({ id: "card_L0nSxyz", network: "Visa", type: "credit", issuer: "HDFC", international: false, name: MASK, last4: MASK });
    expect(payment.acquirer_data).toEqual({ auth_code: "299196", rrn: "123456789012", bank_transaction_id: "7788990011223" });
    expect(masked).toMatchObject({ event: "payment.captured", account_id: "acc_BFQ7uQEaa7j2z7", contains: ["payment"] });
  });

  it("keeps a hint of each masked value, so two customers can still be told apart", () => {
    const payment = masked.payload.payment.entity;
    expect(payment.email).toBe(`a${MASK}@example.com`);
    expect(payment.vpa).toBe(`a${MASK}@okhdfcbank`);
    expect(payment.upi.vpa).toBe(`a${MASK}@okhdfcbank`);
    expect(payment.contact).toBe(`${MASK}10`);
    expect(payment.notes.customer_name).toBe(`A${MASK} V${MASK}`);
    expect(payment.notes.shipping_address).toBe(MASK);
    expect(payment.description).toBe(`Order #1042 for a${MASK}@example.com, call ${MASK}10`);
    expect(payment.notes.gift_message).toBe(`Pay me back at r${MASK}@upi`);
  });

  it("never shows a secret, not even in part", () => {
    const secrets = maskPersonalData({ key_secret: "abc123", webhook_secret: "s3cr3t", razorpay_signature: "0d4e74", nested: [{ password: "hunter2", authorization: "Basic eHl6" }] });
    expect(secrets).toEqual({ key_secret: SECRET, webhook_secret: SECRET, razorpay_signature: SECRET, nested: [{ password: SECRET, authorization: SECRET }] });
    expect(JSON.stringify(maskPersonalData(webhook))).not.toContain("token_ABCDEF");
  });

  it("masks by shape inside arrays and text, and card numbers wherever they appear", () => {
    expect(maskPersonalData(["reach me at x.y@example.org", "upi: shopper@ybl"])).toEqual([`reach me at x${MASK}@example.org`, `upi: s${MASK}@ybl`]);
    expect(maskText("card 4100 2800 0000 1007 declined")).toBe(`card ${MASK}07 declined`);
    expect(maskText("Order #1042 of 3 items, ₹1,299.00")).toBe("Order #1042 of 3 items, ₹1,299.00");
  });

  it("leaves null, numbers and booleans as they are, and masks a body that is not JSON as text", () => {
    expect(maskPersonalData({ email: null, contact: "", count: 3, ok: true })).toEqual({ email: null, contact: "", count: 3, ok: true });
    expect(maskedPayload("not json from asha@example.com")).toBe(`not json from a${MASK}@example.com`);
    expect(JSON.parse(maskedPayload(JSON.stringify(webhook)))).toEqual(maskPersonalData(webhook));
  });
});
