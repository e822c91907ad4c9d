import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { E2E_ADMIN, e2eMailDirectory, signInLinkFromFolder } from "../support/auth";

const port = Number(process.env.E2E_PORT ?? 3100);

test("an admin signs in at /admin/login, reaches /admin/orders, and signs out everywhere", async ({ page }) => {
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/admin\/login\?callbackUrl=%2Fadmin%2Forders/);

  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an admin account.")).toBeVisible();

  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/orders$/);

  // The orders page is built by another branch; until it lands /admin/orders is a 404 outside the shell,
  // so the shell is checked on the admin's own page, and its Orders link on the way back.
  await page.goto("/admin/security");
  const nav = page.getByRole("navigation", { name: "Admin" });
  for (const name of ["Dashboard", "Orders", "Emails"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  await expect(page.getByTestId("admin-email")).toHaveText(E2E_ADMIN.email);
  await expect(page.getByText("Signed in with the password").first()).toBeVisible();
  await nav.getByRole("link", { name: "Orders" }).click();
  await expect(page).toHaveURL(/\/admin\/orders$/);

  await page.goto("/admin/security");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/admin\/login\?reason=revoked/);
  await expect(page.getByText("You were signed out everywhere.")).toBeVisible();
  await page.goto("/admin/security");
  await expect(page).toHaveURL(/\/admin\/login/);
});

test("a guest's order appears in their account once they sign in by magic link", async ({ page }) => {
  const email = `guest-${randomUUID().slice(0, 8)}@example.com`;
  // A product sold in one size: its id alone names the item.
  const { products } = (await (await page.request.get("/api/products?q=garam")).json()) as { products: { id: string }[] };
  const checkout = await page.request.post("/api/checkout", {
    headers: { "idempotency-key": randomUUID() },
    data: {
      customer: { name: "Meera Pillai", email, phone: "+91 98450 12345" },
      shippingAddress: { line1: "4 Residency Road", city: "Bengaluru", state: "Karnataka", postalCode: "560025", country: "IN" },
      items: [{ productId: products[0].id, quantity: 1 }],
    },
  });
  expect(checkout.status()).toBe(201);
  const { orderNumber } = (await checkout.json()) as { orderNumber: number };

  await page.goto("/account/orders");
  await expect(page).toHaveURL(/\/account\/sign-in/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await page.goto(await signInLinkFromFolder(e2eMailDirectory(port), email));
  await expect(page).toHaveURL(/\/account\/orders/);
  await expect(page.getByRole("heading", { name: "Your orders" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Order #${orderNumber}` })).toBeVisible();
});
