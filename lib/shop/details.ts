import { z } from "zod";
import { shopName } from "@/lib/config";

/**
 * Who the shop is, as the law and shoppers need to read it: on the policy and contact pages,
 * in structured data, on tax invoices. Public (no secrets), so any page may render it, even at
 * build time. The defaults describe the demo shop; a live shop sets every SHOP_* variable.
 */
export interface ShopDetails {
  name: string;
  legalName: string;
  /** GSTIN: 15 characters, the first two being the state's GST code. */
  gstin: string;
  /** The state the shop is registered in (as written on addresses, e.g. "Karnataka"): decides CGST+SGST versus IGST. */
  state: string;
  address: { line1: string; line2?: string; city: string; postalCode: string; state: string; country: "IN" };
  email: string;
  phone: string;
  /** Public address of the shop, without a trailing slash, for canonical URLs and sitemaps. */
  url: string;
}

const GSTIN = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

const schema = z.object({
  SHOP_LEGAL_NAME: z.string().min(1).default("Chai & Chaat Co. Private Limited"),
  SHOP_GSTIN: z.string().regex(GSTIN, "SHOP_GSTIN must be a 15-character GSTIN such as 29ABCDE1234F1Z5").default("29ABCDE1234F1Z5"),
  SHOP_STATE: z.string().min(1).default("Karnataka"),
  SHOP_ADDRESS_LINE1: z.string().min(1).default("12, 4th Cross, Indiranagar"),
  SHOP_ADDRESS_LINE2: z.string().optional(),
  SHOP_CITY: z.string().min(1).default("Bengaluru"),
  SHOP_POSTAL_CODE: z.string().regex(/^[1-9][0-9]{5}$/, "SHOP_POSTAL_CODE must be a 6-digit PIN code").default("560038"),
  SHOP_EMAIL: z.email("SHOP_EMAIL must be an email address").default("hello@chaiandchaat.example"),
  SHOP_PHONE: z.string().min(6).default("+91 80 4000 0000"),
  SHOP_URL: z.url("SHOP_URL must be the shop's public address, such as https://shop.example.com").optional(),
});

function withoutBlanks(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())));
}

export function shopDetails(env: NodeJS.ProcessEnv = process.env): ShopDetails {
  const e = schema.parse(withoutBlanks(env));
  const url = (e.SHOP_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  return {
    name: shopName(),
    legalName: e.SHOP_LEGAL_NAME,
    gstin: e.SHOP_GSTIN,
    state: e.SHOP_STATE,
    address: { line1: e.SHOP_ADDRESS_LINE1, line2: e.SHOP_ADDRESS_LINE2, city: e.SHOP_CITY, postalCode: e.SHOP_POSTAL_CODE, state: e.SHOP_STATE, country: "IN" },
    email: e.SHOP_EMAIL,
    phone: e.SHOP_PHONE,
    url,
  };
}
