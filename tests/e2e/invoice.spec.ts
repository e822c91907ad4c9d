import { readFileSync } from "node:fs";
import { pdfTextRuns } from "../support/pdf-text";
import { expect, test } from "./fixtures";
import { chooseAndAdd, fillCheckoutForm, miniCart, popup } from "./shopper";

test("a shopper searches, browses a collection, picks a size, checks out from the mini-cart, pays and downloads the tax invoice with the order's total", async ({ page }) => {
  test.setTimeout(180_000); // the whole purchase, popup and download in one test
  await page.goto("/");
  // Search, misspelt, from the header.
  await page.locator("#header-search").fill("darjeling");
  await page.locator("#header-search").press("Enter");
  await expect(page).toHaveURL(/\/search\?q=darjeling/);
  await expect(page.getByRole("link", { name: /Darjeeling First Flush/ })).toBeVisible();
  // A collection from the header's nav, then a product in it.
  await page.getByRole("navigation", { name: "Collections" }).getByRole("link", { name: "Tea", exact: true }).click();
  await expect(page).toHaveURL(/\/collections\/tea/);
  await page.getByRole("link", { name: /Assam Breakfast Tea/ }).click();
  await expect(page).toHaveURL(/\/products\/assam-breakfast-tea/);
  await expect(page.getByText("incl. of all taxes").first()).toBeVisible();
  // The 250 g size, two of them; the mini-cart opens and leads to checkout.
  await chooseAndAdd(page, 2, /250 g/);
  await expect(miniCart(page)).toBeVisible();
  await miniCart(page).getByRole("link", { name: "Checkout" }).click();
  await expect(page).toHaveURL(/\/checkout/);
  await expect(page.getByText("incl. of all taxes (GST)")).toBeVisible();
  await fillCheckoutForm(page);
  await page.getByRole("button", { name: /^Pay ₹747\.00/ }).click(); // 2 × ₹349 + ₹49 shipping
  await popup(page).getByRole("button", { name: "Card 4100 2800 0000 1007" }).click();

  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  await expect(page.getByText("Includes GST of")).toBeVisible();
  const link = page.getByRole("link", { name: /^Download tax invoice INV\/\d\d-\d\d\/\d{6} \(PDF\)$/ });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^INV-\d\d-\d\d-\d{6}\.pdf$/);
  const runs = pdfTextRuns(readFileSync((await download.path())!));
  expect(runs).toContain("TAX INVOICE");
  expect(runs).toContain("0902");
  expect(runs[runs.indexOf("Total (Rs., GST included)") + 1]).toBe("747.00");
  expect(runs.join("\n")).toContain("Rupees Seven Hundred Forty Seven Only");
});
