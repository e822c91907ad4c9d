import { POLICY_PAGES } from "../../lib/shop/policy-pages";
import { expect, test } from "./fixtures";
import { miniCart } from "./shopper";

// The structured data and the policy pages as Chromium loads them under the shop's
// Content-Security-Policy: a JSON-LD block is data, which script-src does not govern, so the
// fixture must see no violation while the product page still hydrates and works.

test("a product page with its JSON-LD loads without a CSP violation, and adding to the cart still works", async ({ page }) => {
  await page.goto("/products/masala-chai-blend");
  const structured = await page.locator('script[type="application/ld+json"]').textContent();
  expect(JSON.parse(structured ?? "null")).toMatchObject({ "@type": "Product", offers: { priceCurrency: "INR" } });
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(miniCart(page)).toBeVisible();
});

test("the home page's Organization JSON-LD loads without a CSP violation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "The shop" })).toBeVisible();
  await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);
});

test("every policy page is reached from the footer and names itself", async ({ page }) => {
  await page.goto("/");
  for (const policy of POLICY_PAGES) {
    await page.getByRole("contentinfo").getByRole("link", { name: policy.title }).click();
    await expect(page).toHaveURL(policy.href);
    await expect(page.getByRole("heading", { level: 1, name: policy.title })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Policies" }).getByRole("link", { name: policy.title })).toHaveAttribute("aria-current", "page");
  }
});
