import { expect, type Page } from "@playwright/test";

/** What a shopper does on the way to paying, shared by the browser tests. */
export async function addToCart(page: Page, slug: string, quantity = 1, size?: RegExp) {
  await page.goto(`/products/${slug}`);
  await chooseAndAdd(page, quantity, size);
  // The mini-cart opens over the page; Escape closes it and hands focus back to the button.
  await expect(miniCart(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(miniCart(page)).toHaveCount(0);
}

/** On a product page: picks the size (for a product sold in several), the quantity, and adds to the cart. */
export async function chooseAndAdd(page: Page, quantity = 1, size?: RegExp) {
  if (size) {
    // The radios are visually hidden behind their labels: a shopper clicks the label.
    const sizes = page.getByRole("group", { name: /^Size/ });
    await sizes.getByText(size).first().click();
    await expect(sizes.getByRole("radio", { name: size })).toBeChecked();
  }
  if (quantity > 1) await page.getByLabel("Quantity").selectOption(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
}

export const miniCart = (page: Page) => page.getByRole("dialog", { name: "Added to your cart" });

export async function fillCheckoutForm(page: Page, phone = "+91 98765 43210") {
  await page.getByLabel("Full name").fill("Asha Verma");
  await page.getByLabel("Email").fill("asha@example.com");
  await page.getByLabel("Phone").fill(phone);
  await page.getByLabel("Address line 1").fill("12 MG Road, Indiranagar");
  await page.getByLabel("City").fill("Bengaluru");
  await page.getByLabel("State").selectOption({ label: "Karnataka" });
  await page.getByLabel("PIN code").fill("560038");
}

export const popup = (page: Page) => page.getByRole("dialog", { name: "Razorpay Checkout" });
