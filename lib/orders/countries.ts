import { shipToCountries } from "@/lib/config";

/** Codes Intl names that are not places anyone ships to. */
const NOT_COUNTRIES = new Set(["EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"]);

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** ISO 3166-1 alpha-2: Intl knows every assigned code and echoes unknown ones back unchanged. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regionNames.of(code) !== code;
}

export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}

export type CountryOption = { code: string; name: string };

/** The countries the shop is configured to deliver to (SHIP_TO_COUNTRIES), India first, for the form's select. */
export function shippingCountries(): CountryOption[] {
  return shipToCountries()
    .filter(isCountryCode)
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => (a.code === "IN" ? -1 : b.code === "IN" ? 1 : a.name.localeCompare(b.name)));
}

export function shipsTo(code: string): boolean {
  return shipToCountries().includes(code);
}

/** "India", "India and Nepal", "India, Nepal and Sri Lanka": what the form says next to the field. */
export function shippingCountriesSentence(): string {
  const names = shippingCountries().map((country) => country.name);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
