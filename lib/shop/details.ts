import { z } from "zod";
import { ConfigError, shopName } from "@/lib/config";

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
  /** The grievance officer the Consumer Protection (E-Commerce) Rules, 2020 require a shop to name. */
  grievanceOfficer: { name: string; email: string };
  /** Promises the shipping and refund policies make: working days to dispatch a paid order, and to deliver it after dispatch. */
  fulfilment: { dispatchDays: number; deliveryDays: { min: number; max: number }; returnDays: number };
}

const GSTIN = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

const days = (name: string, fallback: number) => z.coerce.number({ error: `${name} must be a whole number of days` }).int(`${name} must be a whole number of days`).min(0).max(365).default(fallback);

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
  SHOP_GRIEVANCE_OFFICER: z.string().min(1).default("Meera Iyer"),
  SHOP_GRIEVANCE_EMAIL: z.email("SHOP_GRIEVANCE_EMAIL must be an email address").optional(),
  SHOP_DISPATCH_DAYS: days("SHOP_DISPATCH_DAYS", 2),
  SHOP_DELIVERY_DAYS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, "SHOP_DELIVERY_DAYS must be a range of working days such as 3-7")
    .default("3-7")
    .transform((range) => {
      const [min, max] = range.split("-").map(Number);
      return { min, max };
    })
    .refine(({ min, max }) => min <= max, "SHOP_DELIVERY_DAYS must be written lowest first, such as 3-7"),
  SHOP_RETURN_DAYS: days("SHOP_RETURN_DAYS", 7),
});

function withoutBlanks(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())));
}

/** Throws a ConfigError naming each wrong SHOP_* variable (config() calls it at start-up). */
export function shopDetails(env: Record<string, string | undefined> = process.env): ShopDetails {
  const result = schema.safeParse(withoutBlanks(env));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.message.startsWith("SHOP_") ? issue.message : `${String(issue.path[0])}: ${issue.message}`}`);
    throw new ConfigError(`The shop's details are invalid:\n${lines.join("\n")}\nSee .env.example and the README.`);
  }
  const e = result.data;
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
    grievanceOfficer: { name: e.SHOP_GRIEVANCE_OFFICER, email: e.SHOP_GRIEVANCE_EMAIL ?? e.SHOP_EMAIL },
    fulfilment: { dispatchDays: e.SHOP_DISPATCH_DAYS, deliveryDays: e.SHOP_DELIVERY_DAYS, returnDays: e.SHOP_RETURN_DAYS },
  };
}
