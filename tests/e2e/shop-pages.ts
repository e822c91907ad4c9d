// The shop's pages as a shopper meets them, for the accessibility check (tests/e2e/accessibility.spec.ts)
// and the Lighthouse measurements (scripts/lighthouse.ts). Plain fetch, no Playwright, so both can use it.
//
// To add a page: put its path in FIXED_PATHS, or link it from the home page (the header or the footer):
// every same-site link under DISCOVERED_PREFIXES found there is checked too, so collections, policy
// pages and the contact page join the list as soon as the shop links them.
import { randomUUID } from "node:crypto";

/** Pages that need no set-up. The cart, checkout and an order page are added by shopPages(). */
const FIXED_PATHS = ["/", "/products/masala-chai-blend", "/search?q=tea"];

/** Links on the home page that lead to shop pages worth checking. */
const DISCOVERED_PREFIXES = ["/collections/", "/policies/", "/contact"];

/** A product that stays in stock through the browser tests, and its quantity in the checked cart. */
const CART_PRODUCT_SLUG = "garam-masala"; // sold in one size: its id alone names the cart line

export interface ShopPages {
  /** Paths to check, with the cart and the order below. */
  paths: string[];
  /** `cart=…`: send it with every request so /cart and /checkout show items. */
  cookie: string;
  cookieValue: string;
}

async function ok(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * Makes a cart with one product, and an order from a second cart (so the first stays checkable
 * at /checkout), then lists every page: the fixed ones that exist (a 404 means that feature has
 * not landed yet), those linked from the home page, /cart, /checkout and the order's page.
 */
export async function shopPages(baseURL: string): Promise<ShopPages> {
  const { products } = (await (await ok(await fetch(`${baseURL}/api/products`), "GET /api/products")).json()) as { products: { id: string; slug: string }[] };
  const product = products.find((candidate) => candidate.slug === CART_PRODUCT_SLUG) ?? products[0];

  const addItem = async (cookie?: string) => {
    const response = await ok(
      await fetch(`${baseURL}/api/cart/items`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ productId: product.id, quantity: 1 }) }),
      "POST /api/cart/items",
    );
    const cartCookie = /(?:^|,\s*)cart=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
    if (!cartCookie) throw new Error("POST /api/cart/items set no cart cookie");
    return cartCookie;
  };

  const cartValue = await addItem();
  const orderCart = `cart=${await addItem()}`;
  const checkout = await ok(
    await fetch(`${baseURL}/api/checkout`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomUUID(), cookie: orderCart },
      body: JSON.stringify({
        customer: { name: "Asha Verma", email: "asha.pages@example.com", phone: "+91 98765 43210" },
        shippingAddress: { line1: "12 MG Road", city: "Bengaluru", state: "Karnataka", postalCode: "560001", country: "IN" },
      }),
    }),
    "POST /api/checkout",
  );
  const { orderUrl } = (await checkout.json()) as { orderUrl: string };

  const fixed: string[] = [];
  for (const path of FIXED_PATHS) if ((await fetch(`${baseURL}${path}`)).status !== 404) fixed.push(path);
  const home = await (await fetch(`${baseURL}/`)).text();
  const linked = [...home.matchAll(/href="(\/[^"#?]*)"/g)].map((match) => match[1]).filter((href) => DISCOVERED_PREFIXES.some((prefix) => href.startsWith(prefix)));
  const orderPath = new URL(orderUrl, baseURL);
  return {
    paths: [...new Set([...fixed, ...linked, "/cart", "/checkout", `${orderPath.pathname}${orderPath.search}`])],
    cookie: `cart=${cartValue}`,
    cookieValue: cartValue,
  };
}
