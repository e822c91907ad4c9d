/** Codes Intl names that are not places anyone ships to. */
const NOT_COUNTRIES = new Set(["EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"]);

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** ISO 3166-1 alpha-2: Intl knows every assigned code and echoes unknown ones back unchanged. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regionNames.of(code) !== code;
}

export type CountryOption = { code: string; name: string };

/** Every country the checkout accepts, India first, for the form's select (built on the server). */
export function countryOptions(): CountryOption[] {
  const options: CountryOption[] = [];
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      if (isCountryCode(code)) options.push({ code, name: regionNames.of(code)! });
    }
  }
  return options.sort((a, b) => (a.code === "IN" ? -1 : b.code === "IN" ? 1 : a.name.localeCompare(b.name)));
}
