import { expect, test } from "./fixtures";
import { addToCart, fillCheckoutForm, popup } from "./shopper";

test("a shopper adds two products, pays in the popup and sees the order paid", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "The shop" })).toBeVisible();
  await addToCart(page, "masala-chai-blend", 2);
  await addToCart(page, "jaipur-blue-pottery-mug");

  await page.getByRole("link", { name: /^Cart/ }).click();
  await expect(page.getByRole("heading", { name: /cart/i })).toBeVisible();
  await expect(page.getByText("₹1,247.00").first()).toBeVisible(); // 2 × ₹299 + ₹649, shipping free
  await page.getByRole("link", { name: "Checkout" }).click();

  await fillCheckoutForm(page);
  await page.getByRole("button", { name: /^Pay ₹1,247\.00/ }).click();
  await expect(popup(page)).toBeVisible();
  await popup(page).getByRole("button", { name: "Card 4100 2800 0000 1007" }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(page.getByRole("heading", { name: /Order #\d+/ })).toBeVisible();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  await expect(page.getByText("Masala Chai Blend", { exact: true })).toBeVisible();
  await expect(page.getByText("200 g", { exact: true })).toBeVisible(); // the size the picker chose by default

  await page.goto("/cart");
  await expect(page.getByText(/your cart is empty/i)).toBeVisible();
});

test("a failed payment says why, and trying again pays the same order", async ({ page }) => {
  await addToCart(page, "garam-masala");
  await page.goto("/checkout");
  await fillCheckoutForm(page);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await popup(page).getByRole("button", { name: "Card 4100 2800 0006 0003" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "Payment failed" })).toBeVisible();
  // Focus was in the popup, which is gone: it lands on the failure, and Tab reaches "Try again".
  await expect(page.getByRole("alert").filter({ hasText: "Payment failed" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Try again" })).toBeFocused();
  await expect(page.getByText(/declined/i).first()).toBeVisible();
  await page.getByRole("button", { name: "Try again" }).click();
  await popup(page).getByRole("button", { name: "UPI success@razorpay" }).click();

  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  // Both attempts belong to the one order.
  await expect(page.getByText("Failed", { exact: true })).toBeVisible();
  await expect(page.getByText("Successful", { exact: true })).toBeVisible();
});

test("form errors appear next to the fields and nothing is charged", async ({ page }) => {
  await addToCart(page, "kerala-banana-chips");
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("A");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: /^Pay/ }).click();

  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Enter a 6-digit PIN code").or(page.getByText("Enter your PIN code"))).toBeVisible();
  await expect(popup(page)).toHaveCount(0);

  await fillCheckoutForm(page);
  await page.getByLabel("PIN code").fill("56003");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(page.getByText("Enter a 6-digit PIN code")).toBeVisible();
  await expect(popup(page)).toHaveCount(0);

  // Nothing is charged because nothing was ordered: the cart has no order waiting for payment.
  const cart = await page.request.get("/api/cart");
  expect((await cart.json()).pendingOrder).toBeNull();
});
