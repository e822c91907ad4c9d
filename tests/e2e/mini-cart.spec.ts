import { expect, test, type Page } from "./fixtures";
import { addToCart, fillCheckoutForm, miniCart, popup } from "./shopper";

// The mini-cart, and where keyboard focus goes after every cart action: it is never dropped on the page.

// Each test makes several cart changes, each a request and a re-render: room for a loaded machine.
test.describe.configure({ timeout: 120_000 });

const announcer = (page: Page) => page.locator("#announcer");
const focusIsInsideOpenDialog = (page: Page) => page.evaluate(() => document.activeElement?.closest("dialog[open]") !== null);

test("adding to cart opens the mini-cart, keeps focus inside it, and Escape hands focus back to the button", async ({ page }) => {
  await page.goto("/products/bikaneri-bhujia");
  await page.getByLabel("Quantity").selectOption("2");
  const add = page.getByRole("button", { name: "Add to cart" });
  await add.focus();
  await page.keyboard.press("Enter");

  const drawer = miniCart(page);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("heading", { name: "Added to your cart" })).toBeFocused();
  await expect(drawer.getByText(/Bikaneri Bhujia/)).toBeVisible();
  await expect(drawer.getByText(/Subtotal/)).toBeVisible();
  await expect(drawer.getByRole("link", { name: "Checkout" })).toHaveAttribute("href", "/checkout");
  await expect(announcer(page)).toHaveText(/Added 2 × Bikaneri Bhujia.* to your cart\. 2 items in your cart\./);

  // Forwards and backwards past either end, focus wraps and never reaches the page behind.
  for (let press = 0; press < 8; press++) {
    await page.keyboard.press("Tab");
    expect(await focusIsInsideOpenDialog(page)).toBe(true);
  }
  for (let press = 0; press < 8; press++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusIsInsideOpenDialog(page)).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(add).toBeFocused();
  // The header's count caught up with the server's cart.
  await expect(page.getByRole("link", { name: /^Cart ?, 2 items$/ })).toBeVisible();

  // The close button closes it the same way.
  await add.click();
  await drawer.getByRole("button", { name: "Close cart" }).click();
  await expect(drawer).toHaveCount(0);
  await expect(add).toBeFocused();
  await expect(page.getByRole("link", { name: /^Cart ?, 4 items$/ })).toBeVisible();
});

test("on the cart page focus stays on the quantity it changed and moves to a neighbour or the heading on remove", async ({ page }) => {
  await addToCart(page, "garam-masala");
  await addToCart(page, "tellicherry-black-pepper");
  await page.goto("/cart");

  const masala = page.getByLabel(/Quantity of .*Garam Masala/);
  await masala.focus();
  await masala.selectOption("3");
  await expect(announcer(page)).toHaveText(/Garam Masala.*: quantity 3\. Subtotal ₹/);
  await expect(page.getByRole("link", { name: /^Cart ?, 4 items$/ })).toBeVisible();
  await expect(masala).toBeFocused();
  await expect(masala).toHaveValue("3");

  await page.getByRole("button", { name: /Remove .*Garam Masala/ }).click();
  await expect(announcer(page)).toHaveText(/Removed .*Garam Masala.* from your cart\. Subtotal ₹/);
  await expect(page.getByLabel(/Quantity of Tellicherry Black Pepper/)).toBeFocused();
  await expect(page.getByLabel(/Quantity of .*Garam Masala/)).toHaveCount(0);

  await page.getByRole("button", { name: /Remove Tellicherry Black Pepper/ }).click();
  await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeFocused();
  await expect(announcer(page)).toHaveText(/Removed Tellicherry Black Pepper.* from your cart\. Your cart is empty\./);
});

test("checkout is disabled, with the reason shown, while the cart holds a line that sold out", async ({ page, browser }) => {
  await addToCart(page, "kashmiri-saffron"); // the seed has exactly one
  // Another shopper places an order for the last one, which holds it.
  const other = await (await browser.newContext()).newPage();
  await addToCart(other, "kashmiri-saffron");
  await other.goto("/checkout");
  await fillCheckoutForm(other);
  await other.getByRole("button", { name: /^Pay/ }).click();
  await expect(popup(other)).toBeVisible();

  try {
    await page.goto("/cart");
    await expect(page.getByText("An item in your cart has sold out. Remove it to check out.")).toBeVisible();
    const checkout = page.getByRole("button", { name: "Checkout" });
    await expect(checkout).toBeDisabled();
    await expect(checkout).toHaveAccessibleDescription("An item in your cart has sold out. Remove it to check out.");
    await expect(page.getByRole("link", { name: "Checkout" })).toHaveCount(0);

    await page.goto("/checkout");
    await expect(page.getByRole("button", { name: /^Pay/ })).toBeDisabled();
    await expect(page.getByText("An item in your cart has sold out.")).toBeVisible();
  } finally {
    // Changing the other cart cancels its order and puts the saffron back for the other tests.
    const { cart } = (await (await other.request.get("/api/cart")).json()) as { cart: { lines: { productId: string }[] } };
    await other.request.delete(`/api/cart/items/${cart.lines[0].productId}`);
    await other.context().close();
  }
});
