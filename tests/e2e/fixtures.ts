// Every browser test imports `test` from here: it watches each browser context the test uses (the
// default one and any it opens with browser.newContext) for Content-Security-Policy violations and
// fails the test if any appeared. Two witnesses: the standard `securitypolicyviolation` event,
// which an init script (not subject to the page's policy) logs with a fixed marker in every frame,
// and Chromium's own console message ("Loading the script ... violates the following Content
// Security Policy directive"), whose wording changes between versions.
import { test as base, expect, type Browser, type BrowserContext, type ConsoleMessage } from "@playwright/test";

export { expect };
export type { Page } from "@playwright/test";

const MARKER = "[csp-violation]";

/** The marker, or Chromium's wording for a CSP refusal (scripts, styles, frames, connections, eval, forms). */
export function isCspViolation(text: string): boolean {
  return text.startsWith(MARKER) || (/Content Security Policy/i.test(text) && /Refused to|violates|blocked/i.test(text));
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        await watched.addInitScript((marker: string) => {
          document.addEventListener("securitypolicyviolation", (event) => console.error(`${marker} ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`));
        }, MARKER);
        watched.on("console", (message: ConsoleMessage) => {
          if (isCspViolation(message.text())) violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      const patched: Browser["newContext"] = async (options) => {
        const created = await newContext(options);
        await watch(created);
        return created;
      };
      browser.newContext = patched;
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});
