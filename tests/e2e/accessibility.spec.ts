import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { miniCart } from "./shopper";
import { shopPages } from "./shop-pages";

// axe-core over every shop page (tests/e2e/shop-pages.ts) at a desktop and a phone width, failing
// on any violation of any impact, WCAG 2.2 AA and axe's best practices alike.

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

async function violationsOn(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return violations.map((violation) => `${violation.impact ?? "?"} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

for (const viewport of VIEWPORTS) {
  test(`every shop page has no axe violation at ${viewport.name} width`, async ({ page, context, baseURL }) => {
    await page.setViewportSize(viewport);
    const { paths, cookieValue } = await shopPages(baseURL!);
    // A minute per page: axe takes seconds on an idle machine and much longer on a loaded one.
    test.setTimeout(60_000 * (paths.length + 1));
    await context.addCookies([{ name: "cart", value: cookieValue, url: baseURL! }]);
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const violations = await violationsOn(page);
      if (violations.length > 0) found[path] = violations;
    }
    expect(paths).toEqual(expect.arrayContaining(["/", "/cart", "/checkout"]));
    expect(found).toEqual({});
  });

  test(`the open mini-cart has no axe violation at ${viewport.name} width`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto("/products/darjeeling-first-flush");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(miniCart(page)).toBeVisible();
    expect(await violationsOn(page)).toEqual([]);
  });
}
