/**
 * Every rate limit of the shop, in one table (the README shows the same one). Each limit counts
 * requests per client (the signed-in user, else the client address; sign-in and magic links count
 * per address and per account) and per endpoint, in a sliding window.
 *
 * `onOutage` is what happens when the limiter cannot answer in time (Redis slow or down):
 * "open" lets the request through, "closed" refuses it with a 503. Every such decision is logged
 * and counted (lib/ratelimit/limiter.ts). Order creation and verify fail open: the unpaid-order
 * cap (in the database) still bounds what one client can hold, and refusing a verify would leave
 * a shopper who has paid without their confirmation while the signature is the real defence.
 */
export type Window = `${number} ${"s" | "m" | "h"}`;

export interface Limit {
  requests: number;
  window: Window;
  onOutage: "open" | "closed";
  /** Who is counted: the client (user, else address), the address only, or the account (email) named in the request. */
  per: "client" | "address" | "account";
}

export const LIMITS = {
  checkout: { requests: 10, window: "15 m", per: "client", onOutage: "open" },
  verify: { requests: 10, window: "1 m", per: "client", onOutage: "open" },
  adminRefund: { requests: 5, window: "1 h", per: "client", onOutage: "closed" },
  adminAction: { requests: 60, window: "1 m", per: "client", onOutage: "open" },
  signIn: { requests: 5, window: "1 m", per: "address", onOutage: "closed" },
  signInAccount: { requests: 5, window: "1 m", per: "account", onOutage: "closed" },
  magicLink: { requests: 3, window: "1 h", per: "account", onOutage: "closed" },
  orderStatus: { requests: 60, window: "1 m", per: "client", onOutage: "open" },
  cart: { requests: 60, window: "1 m", per: "client", onOutage: "open" },
  webhook: { requests: 1000, window: "1 m", per: "address", onOutage: "open" },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** `npm run dev` (NODE_ENV=development) multiplies every limit by this, so working on the shop is not a chore. */
export const DEVELOPMENT_MULTIPLIER = 10;

/** Unpaid orders one client may hold at once (lib/orders/checkout.ts), so nobody holds a product's whole stock. */
export const MAX_UNPAID_ORDERS = 3;

const WINDOW_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

export function windowMs(window: Window): number {
  const [amount, unit] = window.split(" ") as [string, keyof typeof WINDOW_MS];
  return Number(amount) * WINDOW_MS[unit];
}
