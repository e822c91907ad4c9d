import { z } from "zod";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";
import { countryName, isCountryCode, shippingCountriesSentence, shipsTo } from "./countries";
import { canonicalRegion, pinBelongsTo, regionsOfPin } from "./pin-codes";

const text = (min: number, max: number, message: string) => z.string({ error: message }).trim().min(min, message).max(max, `At most ${max} characters`);

export const checkoutInput = z
  .object({
    customer: z.object({
      name: text(2, 100, "Enter your full name"),
      email: z.string({ error: "Enter your email address" }).trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254)),
      // Checked against the destination country below: the rule depends on it.
      phone: z
        .string({ error: "Enter your phone number" })
        .trim()
        .transform((phone) => phone.replace(/[\s().-]/g, ""))
        .pipe(z.string().min(1, "Enter your phone number").max(20, "Enter a valid phone number")),
    }),
    shippingAddress: z.object({
      line1: text(3, 200, "Enter your street address"),
      line2: z.string().trim().max(200, "At most 200 characters").optional().transform((line) => line || undefined),
      city: text(2, 100, "Enter your city"),
      state: text(2, 100, "Enter your state"),
      postalCode: z.string({ error: "Enter your PIN code" }).trim().min(1, "Enter your PIN code").max(12, "At most 12 characters"),
      country: z
        .string()
        .trim()
        .toUpperCase()
        .default("IN")
        .refine(isCountryCode, "Use a two-letter country code such as IN")
        .refine(shipsTo, { error: () => `We deliver only to ${shippingCountriesSentence()}` }),
    }),
    items: z
      .array(
        z.object({
          productId: z.uuid("Unknown product"),
          /** Required when the product comes in several sizes or packs (lib/inventory/variants.ts). */
          variantId: z.uuid("Unknown variant").optional(),
          quantity: z.number().int("Quantity must be a whole number").min(1, "Quantity must be at least 1").max(MAX_QUANTITY_PER_LINE, `At most ${MAX_QUANTITY_PER_LINE} of one product`),
        }),
      )
      .min(1, "Add at least one item")
      .max(50, "At most 50 different products")
      .refine((items) => new Set(items.map((item) => item.variantId ?? item.productId)).size === items.length, "List each product or variant once")
      .optional(),
  })
  .superRefine((input, ctx) => {
    const { country, postalCode, state } = input.shippingAddress;
    const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (country === "IN") {
      if (!indianMobile(input.customer.phone)) issue(["customer", "phone"], "Enter a 10-digit Indian mobile number, e.g. +91 98765 43210");
      const region = canonicalRegion(state);
      if (!region) issue(["shippingAddress", "state"], "Choose your state or union territory");
      if (!/^[1-9][0-9]{5}$/.test(postalCode)) issue(["shippingAddress", "postalCode"], "Enter a 6-digit PIN code");
      else if (region && !pinBelongsTo(postalCode, region)) {
        const actual = regionsOfPin(postalCode);
        issue(["shippingAddress", "postalCode"], actual.length > 0 ? `PIN code ${postalCode} is in ${actual.join(" or ")}, not ${region}` : `PIN code ${postalCode} is not a PIN code in ${region}`);
      }
    } else {
      if (!/^\+[1-9][0-9]{6,14}$/.test(input.customer.phone)) issue(["customer", "phone"], `Enter your phone number with its country code, e.g. +44 20 7946 0958`);
      if (!/^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/.test(postalCode)) issue(["shippingAddress", "postalCode"], `Enter a valid postal code for ${countryName(country)}`);
    }
  })
  .transform((input) => {
    const mobile = input.shippingAddress.country === "IN" ? indianMobile(input.customer.phone) : null;
    const state = input.shippingAddress.country === "IN" ? (canonicalRegion(input.shippingAddress.state) ?? input.shippingAddress.state) : input.shippingAddress.state;
    return { ...input, customer: { ...input.customer, phone: mobile ?? input.customer.phone }, shippingAddress: { ...input.shippingAddress, state } };
  });

/**
 * An Indian mobile number in any common spelling (+91 / 91 / 0 prefix optional, then 10 digits
 * starting 6-9), as +91XXXXXXXXXX; null when it is not one.
 */
export function indianMobile(phone: string): string | null {
  const match = /^(?:\+91|0091|91|0)?([6-9][0-9]{9})$/.exec(phone.replace(/[\s().-]/g, ""));
  return match ? `+91${match[1]}` : null;
}

export type CheckoutInput = z.output<typeof checkoutInput>;
