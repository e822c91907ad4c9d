import localFont from "next/font/local";

// Shipped with the app from npm (Fontsource), because next/font/google downloads at build time
// and the build may run offline. Latin only: it covers every word the shop prints; the ₹ sign
// lives in the latin-ext file, and is drawn by the fallback font rather than costing a second
// download on every page. `swap` shows text at once in a fallback that next/font sizes to the web
// font's metrics (size-adjust, ascent/descent overrides), so nothing moves when the font arrives.
export const sans = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  display: "swap",
  variable: "--font-inter",
  adjustFontFallback: "Arial",
  fallback: ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
});

export const display = localFont({
  src: "../node_modules/@fontsource-variable/fraunces/files/fraunces-latin-wght-normal.woff2",
  weight: "100 900",
  display: "swap",
  variable: "--font-fraunces",
  adjustFontFallback: "Times New Roman",
  fallback: ["Georgia", "Times New Roman", "serif"],
});
