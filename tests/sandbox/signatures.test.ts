import { createHmac } from "node:crypto";
import { validateWebhookSignature } from "razorpay/dist/utils/razorpay-utils";
import { describe, expect, it } from "vitest";
import { paymentSignature, webhookSignature } from "@/sandbox/signatures";

describe("signatures", () => {
  it("signs payments exactly like Razorpay's published test vector", () => {
    expect(paymentSignature("order_IEIaMR65cu6nz3", "pay_IH4NVgf4Dreq1l", "EnLs21M47BllR3X8PSFtjtbd")).toBe(
      "0d4e745a1838664ad6c9c9902212a32d627d68e917290b0ad5f08ff4561bc50f",
    );
  });

  it("signs webhooks over the raw body bytes with the webhook secret", () => {
    const body = '{"entity":"event","event":"order.paid","amount":"₹1,299.00"}';
    const signature = webhookSignature(body, "whsec");
    expect(signature).toBe(createHmac("sha256", "whsec").update(Buffer.from(body, "utf8")).digest("hex"));
    expect(validateWebhookSignature(body, signature, "whsec")).toBe(true);
    expect(validateWebhookSignature(JSON.stringify(JSON.parse(body), null, 1), signature, "whsec")).toBe(false);
  });
});
