import { MAGIC_LINK_SECONDS } from "@/lib/auth/options";
import { ADMIN_SESSION_SECONDS, SHOPPER_SESSION_SECONDS } from "@/lib/auth/session";
import { CART_COOKIE } from "@/lib/cart/cart";
import { CART_COOKIE_MAX_AGE_S } from "@/lib/cart/cookie";
import { config, shipToCountries } from "@/lib/config";
import { money, type Money } from "@/lib/money";
import { LATE_PAYMENT_WATCH_MS } from "@/lib/orders/check-schedule";
import { KEY_RETENTION_MS } from "@/lib/orders/idempotency";
import { FREE_SHIPPING_FROM, SHIPPING_FEE } from "@/lib/orders/totals";
import { MAX_UNPAID_ORDERS } from "@/lib/ratelimit/limits";
import { shopDetails, type ShopDetails } from "./details";

/**
 * Razorpay's published timeline for a normal-speed refund to reach the shopper's card, bank or UPI
 * account after Razorpay processes it. Razorpay's fact, not a setting of ours.
 */
export const RAZORPAY_REFUND_WORKING_DAYS = "5–7";

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Every number the policy pages state, read from where the code that acts on it reads it, so
 * the pages cannot drift from what the shop does.
 */
export interface PolicyFacts {
  shop: ShopDetails;
  /** Countries we deliver to, by name ("India", "Nepal"). */
  shipTo: string[];
  shippingFee: Money;
  freeShippingFrom: Money;
  /** ORDER_TTL_MINUTES: how long an unpaid order holds its items. */
  unpaidOrderMinutes: number;
  maxUnpaidOrders: number;
  /** How long a closed, unpaid order is still watched for a payment made in a popup left open. */
  latePaymentWatchDays: number;
  idempotencyKeyHours: number;
  cartCookie: { name: string; days: number };
  shopperSessionDays: number;
  adminSessionHours: number;
  magicLinkMinutes: number;
}

export function policyFacts(): PolicyFacts {
  const regionNames = new Intl.DisplayNames(["en-IN"], { type: "region" });
  return {
    shop: shopDetails(),
    shipTo: shipToCountries().map((code) => regionNames.of(code) ?? code),
    shippingFee: money(SHIPPING_FEE),
    freeShippingFrom: money(FREE_SHIPPING_FROM),
    unpaidOrderMinutes: config().orderTtlMinutes,
    maxUnpaidOrders: MAX_UNPAID_ORDERS,
    latePaymentWatchDays: LATE_PAYMENT_WATCH_MS / DAY_MS,
    idempotencyKeyHours: KEY_RETENTION_MS / HOUR_MS,
    cartCookie: { name: CART_COOKIE, days: CART_COOKIE_MAX_AGE_S / (DAY_MS / 1000) },
    shopperSessionDays: SHOPPER_SESSION_SECONDS / (DAY_MS / 1000),
    adminSessionHours: ADMIN_SESSION_SECONDS / (HOUR_MS / 1000),
    magicLinkMinutes: MAGIC_LINK_SECONDS / 60,
  };
}

/** "India", "India and Nepal", "India, Nepal and Bhutan". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
