import { expect, test, type Page } from "./fixtures";
import { E2E_ADMIN, e2eMailDirectory, signInLinkFromFolder } from "../support/auth";

/**
 * An admin finds the order a shopper just paid, refunds part of it and sees the refund and the
 * timeline update; screenshots of both pages at 1280 and 390 px go to test-results. The e2e
 * server (tests/e2e/server.ts) starts the shop with this first admin.
 */
const admin = E2E_ADMIN;
const SHOPPER_EMAIL = "asha.admin-e2e@example.com";
const port = Number(process.env.E2E_PORT ?? 3100);

async function buyAsShopper(page: Page): Promise<number> {
  await page.goto("/products/masala-chai-blend");
  await page.getByLabel("Quantity").selectOption("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("dialog", { name: "Added to your cart" })).toBeVisible();
  await page.goto("/products/jaipur-blue-pottery-mug");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("dialog", { name: "Added to your cart" })).toBeVisible();
  await page.goto("/checkout");
  await page.getByLabel("Full name").fill("Asha Verma");
  await page.getByLabel("Email").fill(SHOPPER_EMAIL);
  await page.getByLabel("Phone").fill("+91 98765 43210");
  await page.getByLabel("Address line 1").fill("12 MG Road, Indiranagar");
  await page.getByLabel("City").fill("Bengaluru");
  await page.getByLabel("State").selectOption({ label: "Karnataka" });
  await page.getByLabel("PIN code").fill("560038");
  await page.getByRole("button", { name: /^Pay ₹1,247\.00/ }).click();
  await page.getByRole("dialog", { name: "Razorpay Checkout" }).getByRole("button", { name: "Card 4100 2800 0000 1007" }).click();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  const heading = await page.getByRole("heading", { name: /Order #\d+/ }).textContent();
  return Number(/#(\d+)/.exec(heading ?? "")?.[1]);
}

test("an admin finds a just-paid order, refunds part of it and sees the refund and the timeline; the shopper signs in by magic link and sees it too", async ({ browser }, testInfo) => {
  const shopper = await browser.newContext();
  const number = await buyAsShopper(await shopper.newPage());
  await shopper.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/admin\/login/);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back where the admin was going (the login page keeps the path to return to).
  await page.waitForURL((url) => url.pathname === "/admin/orders");

  await page.getByRole("main").getByLabel("Search").fill(String(number)); // not the shop header's product search
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${number}`));
  await expect(page.getByTestId("orders-summary")).toContainText("1 order");
  await expect(page.getByTestId("orders-summary")).toContainText("₹1,247.00");
  await page.screenshot({ path: testInfo.outputPath("admin-orders-1280.png"), fullPage: true });
  await page.getByRole("link", { name: `#${number}` }).click();

  await expect(page.getByRole("heading", { name: `Order #${number}` })).toBeVisible();
  const timeline = page.getByTestId("timeline");
  await expect(timeline.getByText("Order paid", { exact: true })).toBeVisible();
  await expect(page.getByText("can still be refunded")).toContainText("₹1,247.00");

  await page.getByLabel("Amount (₹)").fill("249.50");
  await page.getByLabel(/^Reason/).fill("One mug arrived chipped");
  await page.getByRole("button", { name: "Refund", exact: true }).click();

  await expect(page.getByText("Partially refunded").first()).toBeVisible();
  await expect(page.getByText("One mug arrived chipped").first()).toBeVisible();
  await expect(page.getByText("can still be refunded")).toContainText("₹997.50");
  await expect(timeline.getByText("Refund requested", { exact: true })).toBeVisible();
  await expect(timeline.getByText(admin.email).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("admin-order-1280.png"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("admin-order-390.png"), fullPage: true });
  await page.goto("/admin/orders");
  await expect(page.getByRole("link", { name: new RegExp(`#${number}`) }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("admin-orders-390.png"), fullPage: true });

  const csv = await page.request.get(`/admin/orders/export?q=${number}`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const [, row] = (await csv.text()).trim().split("\r\n");
  expect(row).toMatch(new RegExp(`^${number},.*,partially_refunded,.*,1247\\.00,249\\.50,`));
  await context.close();

  // The shopper, who checked out as a guest, signs in by magic link and finds the order with its refund.
  const returning = await browser.newContext();
  const account = await returning.newPage();
  await account.goto("/account/orders");
  await account.getByLabel("Email").fill(SHOPPER_EMAIL);
  await account.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(account.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await account.goto(await signInLinkFromFolder(e2eMailDirectory(port), SHOPPER_EMAIL));
  await expect(account.getByRole("heading", { name: "Your orders" })).toBeVisible();
  const listed = account.getByRole("listitem", { name: `Order #${number}` });
  await expect(listed).toContainText("Partly refunded");
  await expect(listed).toContainText("₹249.50");
  await account.screenshot({ path: testInfo.outputPath("account-orders-1280.png"), fullPage: true });
  await returning.close();
});
