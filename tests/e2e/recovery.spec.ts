import { expect, test, type Page } from "./fixtures";
import { addToCart, fillCheckoutForm, popup } from "./shopper";

// A shopper who leaves the payment popup can come back to the same order, or change their mind.

async function stockOf(page: Page, slug: string): Promise<number> {
  const { products } = (await (await page.request.get("/api/products")).json()) as { products: { slug: string; stock: number }[] };
  return products.find((product) => product.slug === slug)!.stock;
}

/** The order page link on the offer, turned into the order's status URL. */
async function statusUrlOfOffer(page: Page): Promise<string> {
  const href = await page.getByRole("link", { name: /^Complete payment for order #\d+$/ }).getAttribute("href");
  const url = new URL(href!, "http://shop");
  return `/api/orders/${url.pathname.split("/").at(-1)}/status${url.search}`;
}

test("a shopper who leaves the popup comes back to the same order and pays it", async ({ page }) => {
  await addToCart(page, "terracotta-kulhad-set");
  await page.goto("/cart");
  await page.getByRole("link", { name: "Checkout" }).click();
  await fillCheckoutForm(page, "98765 43210"); // a mobile typed without +91
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(popup(page)).toBeVisible();
  const orderNumber = Number(/#(\d+)/.exec((await popup(page).getByText(/^Order #\d+$/).textContent())!)![1]);

  // Back, with the popup still open: the popup goes with the page that opened it.
  await page.evaluate(() => history.back());
  await expect(page).toHaveURL(/\/cart$/);
  await expect(popup(page)).toHaveCount(0);
  await expect(page.getByRole("link", { name: `Complete payment for order #${orderNumber}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Change my cart" })).toBeVisible();

  // A reload of checkout with the same cart resumes the same order, even with a corrected address.
  await page.goto("/checkout");
  await expect(page.getByRole("link", { name: `Complete payment for order #${orderNumber}` })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Asha Verma");
  await expect(page.getByLabel("Phone")).toHaveValue("+919876543210");
  await expect(page.getByLabel("PIN code")).toHaveValue("560038");
  await page.getByLabel("Address line 2 (optional)").fill("Near the metro station");
  await page.getByRole("button", { name: /^Pay/ }).click();
  await expect(popup(page).getByText(`Order #${orderNumber}`, { exact: true })).toBeVisible();
  await popup(page).getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Payment not completed" })).toBeVisible();

  await page.goto("/cart");
  await page.getByRole("link", { name: `Complete payment for order #${orderNumber}` }).click();
  await expect(page.getByRole("heading", { name: `Order #${orderNumber}` })).toBeVisible();
  await expect(page.getByText("Near the metro station")).toBeVisible();
  await page.getByRole("button", { name: /^Pay ₹/ }).click();
  await popup(page).getByRole("button", { name: "Card 4100 2800 0000 1007" }).click();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();

  await page.goto("/cart");
  await expect(page.getByText(/your cart is empty/i)).toBeVisible();
});

test("a shopper who leaves and changes the cart gets the old order cancelled and its stock back at once", async ({ page }) => {
  const saffronBefore = await stockOf(page, "kashmiri-saffron");
  const bowlsBefore = await stockOf(page, "khurja-serving-bowl");
  expect(saffronBefore).toBe(1);
  await addToCart(page, "kashmiri-saffron");
  await addToCart(page, "khurja-serving-bowl", 2);
  await page.goto("/checkout");
  await fillCheckoutForm(page, "98765 43210"); // a mobile typed without +91
  await page.getByRole("button", { name: /^Pay/ }).click();
  await popup(page).getByRole("button", { name: "Close" }).click();
  expect(await stockOf(page, "kashmiri-saffron")).toBe(0);
  expect(await stockOf(page, "khurja-serving-bowl")).toBe(bowlsBefore - 2);

  await page.goto("/cart");
  const statusUrl = await statusUrlOfOffer(page);
  // The last saffron is held by this shopper's own order: not "sold out" to them.
  await expect(page.getByText(/less stock than you asked for/)).toHaveCount(0);
  expect(((await (await page.request.get(statusUrl)).json()) as { status: string }).status).toBe("pending");

  await page.getByLabel("Quantity of Khurja Glazed Serving Bowl").selectOption("1");
  await expect(page.getByRole("link", { name: /^Complete payment for order/ })).toHaveCount(0);
  expect(((await (await page.request.get(statusUrl)).json()) as { status: string }).status).toBe("cancelled");
  expect(await stockOf(page, "kashmiri-saffron")).toBe(1);
  expect(await stockOf(page, "khurja-serving-bowl")).toBe(bowlsBefore);
});
