import localFont from "next/font/local";

// Inter, shipped with the app from npm (Fontsource), because next/font/google downloads at build
// time and the build may run offline. Latin only: it covers every word the shop prints; the ₹ sign
// lives in the latin-ext file, and is drawn by the fallback font rather than costing a second
// download on every page. One family for text and headings: one file (48 kB) to fetch and shape.
//
// `optional`: the file is preloaded, and the browser waits for it up to its short block period
// (~100 ms) before the first paint. A connection too slow for that keeps the fallback font for
// that page view (the file is cached for the next), so text never re-flows when the font arrives
// and needs no metric-matched fallback face. Measured in Lighthouse traces on Linux, `swap` cost
// the longest main-thread task of a mobile page load: the fallback faces (`src: local(Arial)`)
// made the browser look up system fonts, and the arriving fonts re-laid out the whole page.
export const sans = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  weight: "100 900",
  display: "optional",
  variable: "--font-inter",
  adjustFontFallback: false,
  fallback: ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
});
