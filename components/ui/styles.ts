/** Shared class lists, so every button and input on the site looks and focuses the same way. */
const buttonBase =
  "inline-flex items-center justify-center gap-2 rounded-full px-5 py-2.5 text-sm font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed";

export const buttonStyles = {
  primary: `${buttonBase} bg-brand-700 text-white shadow-sm hover:bg-brand-800 focus-visible:outline-focus disabled:bg-stone-300 disabled:text-stone-600 disabled:shadow-none`,
  secondary: `${buttonBase} border border-stone-300 bg-white text-stone-800 hover:border-stone-400 hover:bg-stone-50 focus-visible:outline-focus disabled:text-stone-400`,
  quiet: "rounded text-sm font-medium text-stone-600 underline-offset-4 hover:text-stone-900 hover:underline disabled:cursor-not-allowed disabled:opacity-50",
} as const;

export const inputStyles =
  "block rounded-lg border border-stone-300 bg-white px-3 py-2.5 text-base text-stone-900 shadow-xs placeholder:text-stone-400 focus:border-focus focus:outline-2 focus:outline-offset-1 focus:outline-focus aria-invalid:border-red-600 aria-invalid:focus:outline-focus-invalid disabled:bg-stone-100 disabled:text-stone-500 sm:text-sm";

export const cardStyles = "rounded-2xl border border-stone-200/80 bg-white shadow-xs";
