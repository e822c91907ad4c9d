import { expect, test } from "./fixtures";

// Desktop Lighthouse saw small layout shifts (0.001–0.005) of <main> and the header's row: a page
// streamed in parts can be shorter than the window at its first paint, and the scrollbar that
// appears when the rest arrives narrowed the page and moved every centred column sideways. The
// root keeps the scrollbar's room from the start (app/globals.css, scrollbar-gutter).

// Playwright hides Chromium's scrollbars by default (--hide-scrollbars); here they must show, as in
// a desktop browser and in Lighthouse's.
test.use({ launchOptions: [async ({ launchOptions }, use) => use({ ...launchOptions, ignoreDefaultArgs: ["--hide-scrollbars"] }), { scope: "worker" }] });

test("at desktop width, a scrollbar appearing after the first paint moves nothing", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 2000 });
  await page.goto("/cart");
  await expect(page.getByRole("heading", { name: "Your cart is empty" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
  // Across: where the columns sit and how wide they are (<main> also grows down to fill the window).
  const across = async (region: "main" | "banner") => {
    const box = await page.getByRole(region).boundingBox();
    return { x: box?.x, width: box?.width };
  };
  const before = { main: await across("main"), header: await across("banner") };

  await page.evaluate(async () => {
    const rest = document.createElement("div");
    rest.style.height = "3000px";
    document.body.append(rest);
    await new Promise(requestAnimationFrame);
  });

  // This Chromium draws a scrollbar that takes room (not an overlay): otherwise there is nothing to check.
  expect(await page.evaluate(() => window.innerWidth - document.documentElement.clientWidth)).toBeGreaterThan(0);
  expect(await across("main")).toEqual(before.main);
  expect(await across("banner")).toEqual(before.header);
});
