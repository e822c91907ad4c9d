import { expect, test, type Page } from "./fixtures";

// The Content-Security-Policy as Chromium enforces it: it refuses what it must (and the fixture
// sees the refusal), and the payment popup works under it on the pages that open it.

const popup = (page: Page) => page.getByRole("dialog", { name: "Razorpay Checkout" });

async function fillCheckoutForm(page: Page) {
  await page.getByLabel("Full name").fill("Asha Verma");
  await page.getByLabel("Email").fill("asha@example.com");
  await page.getByLabel("Phone").fill("+91 98765 43210");
  await page.getByLabel("Address line 1").fill("12 MG Road, Indiranagar");
  await page.getByLabel("City").fill("Bengaluru");
  await page.getByLabel("State").selectOption({ label: "Karnataka" });
  await page.getByLabel("PIN code").fill("560038");
}

test("the browser refuses a script injected into a page, and the violation is reported to the tests", async ({ page, cspViolations }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "The shop" })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const injected = document.createElement("script");
    injected.textContent = "window.injectedScriptRan = true;";
    document.body.append(injected);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => cspViolations.some((violation) => violation.includes("[csp-violation] script-src-elem blocked inline"))).toBe(true);
  cspViolations.length = 0; // Expected here; every other violation fails the test.
});

test("a page that does not take payments refuses Razorpay's checkout script", async ({ page, cspViolations }) => {
  await page.goto("/cart");
  const loaded = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const script = document.createElement("script");
        script.src = "https://checkout.razorpay.com/v1/checkout.js";
        script.onload = () => resolve(true);
        script.onerror = () => resolve(false);
        document.head.append(script);
      }),
  );
  expect(loaded).toBe(false);
  await expect.poll(() => cspViolations.some((violation) => violation.includes("[csp-violation] script-src-elem blocked https://checkout.razorpay.com/v1/checkout.js"))).toBe(true);
  cspViolations.length = 0;
});

for (const width of [1280, 390]) {
  test(`the payment popup opens under the policy on the checkout page and on the order page at ${width} px`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    await page.goto("/products/masala-chai-blend");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByRole("dialog", { name: "Added to your cart" })).toBeVisible();
    await page.goto("/checkout");
    await fillCheckoutForm(page);
    await page.getByRole("button", { name: /^Pay ₹/ }).click();
    await expect(popup(page)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`checkout-popup-${width}.png`) });
    await popup(page).getByRole("button", { name: "Close" }).click();

    await page.goto("/cart");
    await page.getByRole("link", { name: /^Complete payment for order #\d+$/ }).click();
    await expect(page.getByRole("heading", { name: /^Order #\d+$/ })).toBeVisible();
    await page.getByRole("button", { name: /^Pay ₹/ }).click();
    await expect(popup(page)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`order-popup-${width}.png`) });
    await popup(page).getByRole("button", { name: "Card 4100 2800 0000 1007" }).click();
    await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  });
}
