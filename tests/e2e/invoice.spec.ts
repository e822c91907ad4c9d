import { readFileSync } from "node:fs";
import { pdfTextRuns } from "../support/pdf-text";
import { expect, test } from "./fixtures";
import { addToCart, fillCheckoutForm, popup } from "./shopper";

test("prices say they include GST, and a paid order's page downloads its tax invoice as a PDF with the order's total", async ({ page }) => {
  test.setTimeout(180_000); // the whole purchase, popup and download in one test
  await page.goto("/products/assam-breakfast-tea");
  await expect(page.getByText("incl. of all taxes")).toBeVisible();
  await addToCart(page, "assam-breakfast-tea", 2);
  await page.goto("/checkout");
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
