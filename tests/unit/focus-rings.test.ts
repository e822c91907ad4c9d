import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkoutBlocker } from "@/lib/cart/checkout-readiness";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** WCAG 2.x relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function themeColour(css: string, name: string): string {
  const found = css.match(new RegExp(`--color-${name}:\\s*(#[0-9a-f]{6})\\s*;`, "i"));
  if (!found) throw new Error(`--color-${name} is not a #rrggbb colour in app/globals.css`);
  return found[1];
}

describe("focus rings", () => {
  const css = read("app/globals.css");
  // Inputs and buttons sit on white cards and on the page's paper colour.
  const backgrounds = { white: "#ffffff", paper: themeColour(css, "paper") };

  for (const ring of ["focus", "focus-invalid"]) {
    it(`--color-${ring} has at least 3:1 contrast against every background a control sits on`, () => {
      for (const [name, background] of Object.entries(backgrounds)) {
        expect(contrast(themeColour(css, ring), background), `${ring} on ${name}`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it("every focus outline in the shared styles and the base layer is drawn in a focus colour, without transparency", () => {
    const sources = [read("components/ui/styles.ts"), css];
    const outlineColours = sources.flatMap((source) => [...source.matchAll(/(?:focus(?:-visible)?:|@apply[^;]*)outline-((?!offset|none|\d)[a-z0-9/-]+)/g)].map((match) => match[1]));
    expect(outlineColours.length).toBeGreaterThan(0);
    for (const colour of outlineColours) expect(colour).toMatch(/^focus(-invalid)?$/);
  });
});

describe("checkout readiness", () => {
  it("blocks checkout when a line is sold out, naming the reason", () => {
    expect(checkoutBlocker([{ quantity: 1, stock: 5 }, { quantity: 1, stock: 0 }])).toMatch(/sold out/);
  });
  it("blocks checkout when a line asks for more than is left", () => {
    expect(checkoutBlocker([{ quantity: 3, stock: 2 }])).toMatch(/less stock/);
  });
  it("lets a cart whose every line is in stock check out", () => {
    expect(checkoutBlocker([{ quantity: 2, stock: 2 }])).toBeNull();
  });
});
