// Drives the checkout.js stand-in in headless Chromium, from a merchant page on another origin.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "@playwright/test";
import { validatePaymentVerification } from "razorpay/dist/utils/razorpay-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { KEY_ID, KEY_SECRET, sdkFor, startTestSandbox } from "./harness";

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// The script tag is there twice on purpose: checkout.js must survive being loaded again.
const merchantPage = (sandboxUrl: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Shop</title>
<script src="${sandboxUrl}/v1/checkout.js"></script>
<script src="${sandboxUrl}/v1/checkout.js"></script>
</head><body>
<script>
  window.results = []; window.failures = []; window.dismissals = 0;
  window.startCheckout = function (options) {
    var rzp = new Razorpay(Object.assign({
      key: "${KEY_ID}", currency: "INR", name: "Kirana Co.", description: "Order #1001",
      prefill: { email: "asha@example.in", contact: "+919876543210" },
      theme: { color: "#0f766e" },
      handler: function (response) { window.results.push(response); },
      modal: { ondismiss: function () { window.dismissals += 1; } }
    }, options));
    rzp.on("payment.failed", function (response) { window.failures.push(response); });
    rzp.open();
    return true;
  };
</script></body></html>`;

let sandbox: Sandbox;
let shop: Server;
let shopUrl: string;
let browser: Browser;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  shop = createServer((_, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(merchantPage(sandbox.url));
  });
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => shop?.close(resolve));
  await sandbox?.close();
});

async function openCheckout(amount: number): Promise<{ page: Page; orderId: string; pageErrors: string[] }> {
  const order = await sdkFor(sandbox).orders.create({ amount, currency: "INR" });
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(shopUrl);
  await page.evaluate((options) => (window as unknown as { startCheckout(o: object): boolean }).startCheckout(options), {
    order_id: order.id,
    amount,
  });
  return { page, orderId: order.id, pageErrors };
}

describe("checkout.js popup", () => {
  it("shows the merchant, the amount and a sandbox notice, and pays with the success card", async () => {
    const { page, orderId, pageErrors } = await openCheckout(129_900);
    const dialog = page.getByRole("dialog", { name: "Razorpay Checkout" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    const text = await dialog.innerText();
    expect(text).toContain("Kirana Co.");
    expect(text).toContain("₹1,299.00");
    expect(text).toMatch(/local razorpay sandbox/i);

    await page.getByRole("button", { name: "Card 4100 2800 0000 1007", exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 1);
    const [response] = await page.evaluate(() => (window as unknown as { results: Record<string, string>[] }).results);
    expect(response.razorpay_order_id).toBe(orderId);
    expect(validatePaymentVerification({ order_id: orderId, payment_id: response.razorpay_payment_id }, response.razorpay_signature, KEY_SECRET)).toBe(true);
    expect(await dialog.count()).toBe(0);

    const payment = await sdkFor(sandbox).payments.fetch(response.razorpay_payment_id);
    expect(payment).toMatchObject({ status: "captured", method: "card", email: "asha@example.in", description: "Order #1001" });
    expect((await sdkFor(sandbox).orders.fetch(orderId)).status).toBe("paid");
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("keeps the popup open on a declined card, reports payment.failed, and calls ondismiss on Close", async () => {
    const { page, orderId } = await openCheckout(50_000);
    await page.getByRole("button", { name: "Card 4100 2800 0006 0003", exact: true }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.innerText()).toContain("declined by your bank");
    expect(await page.getByRole("dialog", { name: "Razorpay Checkout" }).isVisible()).toBe(true);

    const failures = await page.evaluate(() => (window as unknown as { failures: { error: Record<string, unknown> }[] }).failures);
    expect(failures).toHaveLength(1);
    expect(failures[0].error).toMatchObject({ code: "BAD_REQUEST_ERROR", reason: "card_declined", metadata: { order_id: orderId } });

    await page.getByRole("button", { name: "Close", exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { dismissals: number }).dismissals)).toBe(1);
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { results: unknown[] }).results)).toEqual([]);
    await page.close();
  });

  it("lets a customer retry after a failure, with UPI, in a second checkout instance", async () => {
    const { page, orderId } = await openCheckout(10_000);
    await page.getByRole("button", { name: "UPI failure@razorpay", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Close", exact: true }).click();

    await page.evaluate((id) => (window as unknown as { startCheckout(o: object): boolean }).startCheckout({ order_id: id, amount: 10_000 }), orderId);
    await page.getByRole("button", { name: "UPI success@razorpay", exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { results: unknown[] }).results.length === 1);
    expect(await sdkFor(sandbox).orders.fetch(orderId)).toMatchObject({ status: "paid", attempts: 2 });
    await page.close();
  });
});
