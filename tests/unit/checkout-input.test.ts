import { afterEach, describe, expect, it } from "vitest";
import { INDIAN_STATES, INDIAN_UNION_TERRITORIES } from "@/components/checkout/regions";
import { checkoutInput, indianMobile } from "@/lib/orders/checkout-input";
import { shippingCountries, shippingCountriesSentence } from "@/lib/orders/countries";
import { PIN_PREFIXES, regionsOfPin } from "@/lib/orders/pin-codes";

const valid = {
  customer: { name: "Asha Verma", email: "asha@example.com", phone: "+91 98765 43210" },
  shippingAddress: { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560001", country: "IN" },
};

function parse(change: { customer?: object; shippingAddress?: object }) {
  return checkoutInput.safeParse({ customer: { ...valid.customer, ...change.customer }, shippingAddress: { ...valid.shippingAddress, ...change.shippingAddress } });
}

function errorsOf(change: { customer?: object; shippingAddress?: object }): Record<string, string> {
  const result = parse(change);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

const shipTo = process.env.SHIP_TO_COUNTRIES;
afterEach(() => {
  if (shipTo === undefined) delete process.env.SHIP_TO_COUNTRIES;
  else process.env.SHIP_TO_COUNTRIES = shipTo;
});

describe("phone numbers for delivery in India", () => {
  it.each(["+91 98765 43210", "9876543210", "09876543210", "919876543210", "+91-98765-43210", "(+91) 98765 43210", "0091 98765 43210"])("accepts the Indian mobile %s and stores it as +919876543210", (phone) => {
    const result = parse({ customer: { phone } });
    expect(result.success).toBe(true);
    expect(result.data?.customer.phone).toBe("+919876543210");
  });

  it.each([
    ["a Delhi landline", "011 2345 6789"],
    ["a number starting with 5", "5876543210"],
    ["nine digits", "987654321"],
    ["eleven digits", "98765432101"],
    ["another country's number", "+44 20 7946 0958"],
    ["letters", "98765abcde"],
  ])("refuses %s", (_name, phone) => {
    expect(errorsOf({ customer: { phone } })["customer.phone"]).toBe("Enter a 10-digit Indian mobile number, e.g. +91 98765 43210");
  });

  it("normalises with one function", () => {
    expect(indianMobile("98765 43210")).toBe("+919876543210");
    expect(indianMobile("12345 67890")).toBeNull();
  });
});

describe("PIN codes and states", () => {
  it("accepts a PIN code of the chosen state, in any letter case of the state's name", () => {
    expect(parse({ shippingAddress: { state: "karnataka", postalCode: "560038" } }).data?.shippingAddress.state).toBe("Karnataka");
    expect(parse({ shippingAddress: { state: "Delhi", postalCode: "110001", city: "New Delhi" } }).success).toBe(true);
    expect(parse({ shippingAddress: { state: "Uttarakhand", postalCode: "248001", city: "Dehradun" } }).success).toBe(true);
    expect(parse({ shippingAddress: { state: "Jharkhand", postalCode: "834001", city: "Ranchi" } }).success).toBe(true);
  });

  it("refuses a PIN code from another state, naming the state it belongs to", () => {
    expect(errorsOf({ shippingAddress: { state: "Karnataka", postalCode: "110001" } })["shippingAddress.postalCode"]).toBe("PIN code 110001 is in Delhi, not Karnataka");
    expect(errorsOf({ shippingAddress: { state: "Tamil Nadu", postalCode: "400001" } })["shippingAddress.postalCode"]).toBe("PIN code 400001 is in Maharashtra, not Tamil Nadu");
  });

  it("refuses a PIN code that belongs to no state, and one that is not six digits", () => {
    expect(errorsOf({ shippingAddress: { postalCode: "990001" } })["shippingAddress.postalCode"]).toBe("PIN code 990001 is not a PIN code in Karnataka");
    expect(errorsOf({ shippingAddress: { postalCode: "56003" } })["shippingAddress.postalCode"]).toBe("Enter a 6-digit PIN code");
    expect(errorsOf({ shippingAddress: { postalCode: "060001" } })["shippingAddress.postalCode"]).toBe("Enter a 6-digit PIN code");
  });

  it("refuses a state that is not an Indian state or union territory", () => {
    expect(errorsOf({ shippingAddress: { state: "Bavaria" } })["shippingAddress.state"]).toBe("Choose your state or union territory");
  });

  it("has a PIN table entry for each of the 36 states and union territories the form offers, and nothing else", () => {
    expect(Object.keys(PIN_PREFIXES).sort()).toEqual([...INDIAN_STATES, ...INDIAN_UNION_TERRITORIES].sort());
    expect(regionsOfPin("834001")).toEqual(["Jharkhand"]);
    expect(regionsOfPin("813210").sort()).toEqual(["Bihar", "Jharkhand"]);
  });
});

describe("countries the shop delivers to", () => {
  it("delivers to India only by default, and says so", () => {
    delete process.env.SHIP_TO_COUNTRIES;
    expect(shippingCountries()).toEqual([{ code: "IN", name: "India" }]);
    expect(shippingCountriesSentence()).toBe("India");
    expect(errorsOf({ shippingAddress: { country: "GB", postalCode: "SW1A 1AA", state: "London" }, customer: { phone: "+44 20 7946 0958" } })["shippingAddress.country"]).toBe("We deliver only to India");
  });

  it("delivers to the configured countries, checking an international phone number there", () => {
    process.env.SHIP_TO_COUNTRIES = "IN, gb";
    expect(shippingCountries().map((country) => country.code)).toEqual(["IN", "GB"]);
    expect(shippingCountriesSentence()).toBe("India and United Kingdom");
    const abroad = parse({ shippingAddress: { country: "GB", postalCode: "SW1A 1AA", state: "London", city: "London" }, customer: { phone: "+44 20 7946 0958" } });
    expect(abroad.success).toBe(true);
    expect(abroad.data?.customer.phone).toBe("+442079460958");
    expect(errorsOf({ shippingAddress: { country: "GB", postalCode: "SW1A 1AA", state: "London" }, customer: { phone: "020 7946 0958" } })["customer.phone"]).toMatch(/country code/);
    expect(errorsOf({ shippingAddress: { country: "FR", postalCode: "75001", state: "Paris" } })["shippingAddress.country"]).toBe("We deliver only to India and United Kingdom");
  });
});

describe("items naming variants", () => {
  const product = "2d3c1f8e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
  const size = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2910";
  const items = (list: object[]) => checkoutInput.safeParse({ ...valid, items: list });
  const issues = (list: object[]) => {
    const result = items(list);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  };

  it("accepts items with or without a variantId, as before variants", () => {
    expect(items([{ productId: product, quantity: 1 }]).success).toBe(true);
    expect(items([{ productId: product, variantId: size, quantity: 2 }]).data?.items).toEqual([{ productId: product, variantId: size, quantity: 2 }]);
  });

  it("refuses a variantId that is not a uuid, naming the item's field", () => {
    expect(issues([{ productId: product, variantId: "250g", quantity: 1 }])).toEqual({ "items.0.variantId": "Unknown variant" });
  });

  it("accepts two sizes of one product, and refuses one variant listed twice", () => {
    const other = "0f1e2d3c-4b5a-4968-8776-655443322110";
    expect(items([{ productId: product, variantId: size, quantity: 1 }, { productId: product, variantId: other, quantity: 1 }]).success).toBe(true);
    expect(issues([{ productId: product, variantId: size, quantity: 1 }, { productId: product, variantId: size, quantity: 1 }])).toEqual({ items: "List each product or variant once" });
  });
});
