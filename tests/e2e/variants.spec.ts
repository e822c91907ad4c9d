import { expect, test } from "./fixtures";
import { miniCart } from "./shopper";

test("a shopper picks a size with the keyboard, sees its own price and stock, and the cart names it", async ({ page }) => {
  await page.goto("/products/assam-breakfast-tea");
  await expect(page.getByText("From ₹159.00")).toBeVisible();
  const sizes = page.getByRole("group", { name: /^Size/ });
  await expect(sizes.getByRole("radio")).toHaveCount(3);
  // The first size in stock is chosen; a sold-out one cannot be.
  await expect(sizes.getByRole("radio", { name: /100 g.*₹159\.00/ })).toBeChecked();
  await expect(sizes.getByRole("radio", { name: /500 g.*Sold out/ })).toBeDisabled();

  await sizes.getByRole("radio", { name: /100 g/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(sizes.getByRole("radio", { name: /250 g.*₹349\.00/ })).toBeChecked();
  await page.getByLabel("Quantity").selectOption("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(miniCart(page).getByText("250 g", { exact: true })).toBeVisible();

  await page.goto("/cart");
  const line = page.getByRole("listitem").filter({ hasText: "Assam Breakfast Tea" });
  await expect(line.getByText("250 g", { exact: true })).toBeVisible();
  await expect(line.getByText("₹349.00 each")).toBeVisible();
  await expect(line.getByText("₹698.00")).toBeVisible();
});
