import { z } from "zod";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart";
import { isCountryCode } from "./countries";

const text = (min: number, max: number, message: string) => z.string({ error: message }).trim().min(min, message).max(max, `At most ${max} characters`);

export const checkoutInput = z
  .object({
    customer: z.object({
      name: text(2, 100, "Enter your full name"),
      email: z.string({ error: "Enter your email address" }).trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254)),
      phone: z
        .string({ error: "Enter your phone number" })
        .trim()
        .transform((phone) => phone.replace(/[\s()-]/g, ""))
        .pipe(z.string().regex(/^\+?[0-9]{10,15}$/, "Enter a valid phone number, e.g. +91 98765 43210")),
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
        .refine(isCountryCode, "Use a two-letter country code such as IN"),
    }),
    items: z
      .array(
        z.object({
          productId: z.uuid("Unknown product"),
          quantity: z.number().int("Quantity must be a whole number").min(1, "Quantity must be at least 1").max(MAX_QUANTITY_PER_LINE, `At most ${MAX_QUANTITY_PER_LINE} of one product`),
        }),
      )
      .min(1, "Add at least one item")
      .max(50, "At most 50 different products")
      .refine((items) => new Set(items.map((item) => item.productId)).size === items.length, "List each product once")
      .optional(),
  })
  .superRefine((input, ctx) => {
    const { country, postalCode } = input.shippingAddress;
    const valid = country === "IN" ? /^[1-9][0-9]{5}$/.test(postalCode) : /^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/.test(postalCode);
    if (!valid) ctx.addIssue({ code: "custom", path: ["shippingAddress", "postalCode"], message: country === "IN" ? "Enter a 6-digit PIN code" : "Enter a valid postal code" });
  });

export type CheckoutInput = z.output<typeof checkoutInput>;
