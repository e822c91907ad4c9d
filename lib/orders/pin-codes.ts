/**
 * Which Indian PIN codes belong to which state or union territory, by their first two or three
 * digits. Source: India Post's PIN code structure (first digit: zone; first two digits: postal
 * circle; third: sorting district), as tabulated in the "Postal Index Number" article of the
 * English Wikipedia (circle table, consulted Nov 2026). Circles do not follow state borders
 * everywhere (Bihar/Jharkhand share 81-82, Uttar Pradesh/Uttarakhand share 24 and 26, Kerala's
 * 682 includes Lakshadweep, Jammu and Kashmir's 19 includes Ladakh's 194), so a prefix may belong
 * to more than one state: the check refuses only a PIN that cannot be in the chosen state.
 * 90-99 are the Army Postal Service, not a state.
 */
export const PIN_PREFIXES: Record<string, readonly string[]> = {
  "Andaman and Nicobar Islands": ["744"],
  "Andhra Pradesh": ["51", "52", "53"],
  "Arunachal Pradesh": ["790", "791", "792"],
  Assam: ["78"],
  Bihar: ["80", "81", "82", "84", "85"],
  Chandigarh: ["160"],
  Chhattisgarh: ["49"],
  "Dadra and Nagar Haveli and Daman and Diu": ["396", "362"],
  Delhi: ["11"],
  Goa: ["403"],
  Gujarat: ["36", "37", "38", "39"],
  Haryana: ["12", "13"],
  "Himachal Pradesh": ["17"],
  "Jammu and Kashmir": ["18", "19"],
  Jharkhand: ["81", "82", "83"],
  Karnataka: ["56", "57", "58", "59"],
  Kerala: ["67", "68", "69"],
  Ladakh: ["194"],
  Lakshadweep: ["682"],
  "Madhya Pradesh": ["45", "46", "47", "48"],
  Maharashtra: ["40", "41", "42", "43", "44"],
  Manipur: ["795"],
  Meghalaya: ["793", "794"],
  Mizoram: ["796"],
  Nagaland: ["797", "798"],
  Odisha: ["75", "76", "77"],
  Puducherry: ["605", "609", "533", "673"],
  Punjab: ["14", "15", "16"],
  Rajasthan: ["30", "31", "32", "33", "34"],
  Sikkim: ["737"],
  "Tamil Nadu": ["60", "61", "62", "63", "64"],
  Telangana: ["50"],
  Tripura: ["799"],
  "Uttar Pradesh": ["20", "21", "22", "23", "24", "25", "26", "27", "28"],
  Uttarakhand: ["244", "246", "247", "248", "249", "262", "263"],
  "West Bengal": ["70", "71", "72", "73", "74"],
};

export const INDIAN_REGIONS: readonly string[] = Object.keys(PIN_PREFIXES);

/** The states and union territories a PIN code can belong to (empty for an unassigned prefix). */
export function regionsOfPin(pin: string): string[] {
  return INDIAN_REGIONS.filter((region) => PIN_PREFIXES[region].some((prefix) => pin.startsWith(prefix)));
}

export function pinBelongsTo(pin: string, region: string): boolean {
  return PIN_PREFIXES[region]?.some((prefix) => pin.startsWith(prefix)) ?? false;
}

/** The region's name as the table spells it, for input in any letter case. */
export function canonicalRegion(name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  return INDIAN_REGIONS.find((region) => region.toLowerCase() === wanted);
}
