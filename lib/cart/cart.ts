import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { sellableVariants } from "@/lib/inventory/variants";
import { changeCartAndCancel, unitsHeldForCart } from "@/lib/orders/cancel";
import { orderLinks } from "@/lib/orders/links";
import { lineTotal, orderTotals, type Totals } from "@/lib/orders/totals";

/** The httpOnly cookie that binds a browser to its cart row. */
export const CART_COOKIE = "cart";
export const MAX_QUANTITY_PER_LINE = 10;

export interface CartLine {
  /** What the line holds: one size or pack of a product. */
  variantId: string;
  productId: string;
  slug: string;
  name: string;
  /** "250 g" when the product comes in several sizes or packs; null when it has one. */
  variantName: string | null;
  image: string;
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  stock: number;
}

export interface CartView {
  id: string | null;
  lines: CartLine[];
  count: number;
  totals: Totals;
}

export async function getCart(cartId: string | undefined): Promise<CartView> {
  const [items, ours] = await Promise.all([
    isUuid(cartId) ? db().cartItem.findMany({ where: { cartId }, orderBy: [{ addedAt: "asc" }, { variantId: "asc" }] }) : [],
    unitsHeldForCart(cartId),
  ]);
  const variants = await sellableVariants(items.map((item) => item.variantId));
  const lines = items.flatMap(({ variantId, quantity }) => {
    const variant = variants.get(variantId);
    if (!variant) return [];
    return [{
      variantId,
      productId: variant.productId,
      slug: variant.slug,
      name: variant.productName,
      variantName: variant.variantName,
      image: variant.image,
      unitPrice: variant.price,
      quantity,
      lineTotal: lineTotal({ unitPrice: variant.price, quantity }),
      stock: variant.stock + (ours.get(variantId) ?? 0),
    }];
  });
  return {
    id: isUuid(cartId) ? cartId : null,
    lines,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    totals: orderTotals(lines),
  };
}

async function variantForCart(variantId: string) {
  const variant = (await sellableVariants([variantId])).get(variantId);
  if (!variant) throw new AppError("not_found", "That product does not exist", { variantId: "Unknown variant" });
  return variant;
}

function checkQuantity(quantity: number, stock: number, name: string): void {
  if (quantity > MAX_QUANTITY_PER_LINE) throw new AppError("invalid_request", `You can buy at most ${MAX_QUANTITY_PER_LINE} of ${name}`, { quantity: `At most ${MAX_QUANTITY_PER_LINE}` });
  if (quantity > stock) {
    const left = stock === 0 ? "is sold out" : `has only ${stock} left`;
    throw new AppError("out_of_stock", `${name} ${left}`, { quantity: stock === 0 ? "Sold out" : `Only ${stock} left` });
  }
}

async function heldByCart(cartId: string, variantId: string): Promise<number> {
  return (await unitsHeldForCart(cartId)).get(variantId) ?? 0;
}

/**
 * Any change to the cart gives up its unpaid order (the shopper wants something else now): in one
 * transaction under the cart's row lock, the order is cancelled, its stock released and the
 * change made, so a checkout of the same cart can never slip an order in between. The quantity
 * check before counts the units that order holds, so the shopper's own reservation never makes
 * their items look sold out.
 */
function changeCart(cartId: string, change: (tx: Tx) => Promise<void>): Promise<void> {
  return changeCartAndCancel(cartId, "the cart changed before payment", change);
}

/** Adds a variant to the cart, creating the cart on first use; returns the cart id for the cookie. */
export async function addToCart(cartId: string | undefined, variantId: string, quantity: number): Promise<string> {
  const variant = await variantForCart(variantId);
  const known = isUuid(cartId) && (await db().cart.findUnique({ where: { id: cartId } })) ? cartId : undefined;
  const existing = known ? await db().cartItem.findUnique({ where: { cartId_variantId: { cartId: known, variantId } } }) : null;
  checkQuantity((existing?.quantity ?? 0) + quantity, variant.stock + (known ? await heldByCart(known, variantId) : 0), variant.label);
  // Only after the checks: a refused request must not leave an empty cart behind.
  const id = known ?? (await db().cart.create({ data: {} })).id;
  await changeCart(id, async (tx) => {
    await tx.cartItem.upsert({
      where: { cartId_variantId: { cartId: id, variantId } },
      create: { cartId: id, variantId, quantity },
      update: { quantity: { increment: quantity } },
    });
  });
  return id;
}

/** Sets a line's quantity; zero removes the line. */
export async function setCartQuantity(cartId: string | undefined, variantId: string, quantity: number): Promise<void> {
  if (!isUuid(cartId)) throw new AppError("not_found", "Your cart is empty");
  if (quantity === 0) return removeFromCart(cartId, variantId);
  const variant = await variantForCart(variantId);
  checkQuantity(quantity, variant.stock + (await heldByCart(cartId, variantId)), variant.label);
  const existing = await db().cartItem.findUnique({ where: { cartId_variantId: { cartId, variantId } } });
  if (!existing) throw new AppError("not_found", `${variant.label} is not in your cart`);
  if (existing.quantity === quantity) return;
  await changeCart(cartId, async (tx) => {
    const updated = await tx.cartItem.updateMany({ where: { cartId, variantId }, data: { quantity } });
    if (updated.count === 0) throw new AppError("not_found", `${variant.label} is not in your cart`);
  });
}

export async function removeFromCart(cartId: string | undefined, variantId: string): Promise<void> {
  if (!isUuid(cartId) || !isUuid(variantId)) return;
  if (!(await db().cartItem.findUnique({ where: { cartId_variantId: { cartId, variantId } } }))) return;
  await changeCart(cartId, async (tx) => {
    await tx.cartItem.deleteMany({ where: { cartId, variantId } });
  });
}

/** The cart's unpaid order, which the cart and checkout pages offer to complete. */
export interface PendingOrder {
  orderId: string;
  orderNumber: number;
  orderUrl: string;
  /** In paise. */
  total: number;
  /** ISO 8601: when its reservation runs out. */
  expiresAt: string;
}

export async function pendingOrderOf(cartId: string | null | undefined, now = new Date()): Promise<PendingOrder | null> {
  if (!isUuid(cartId)) return null;
  const order = await db().order.findFirst({ where: { cartId, status: "pending", expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
  if (!order) return null;
  return { orderId: order.id, orderNumber: order.number, orderUrl: orderLinks(order).orderUrl, total: order.total, expiresAt: order.expiresAt.toISOString() };
}

/**
 * The Idempotency-Key of the cart's checkout, made on first visit and kept on the server: every
 * reload and tab of the checkout page sends the same key, so an unchanged cart resumes its order.
 * A cart change clears it (see changeCartAndCancel); so does its order ending unpaid or paid
 * (expired, cancelled, past its hold): the next checkout is then a new one, not a replay.
 */
export async function checkoutKeyOf(cartId: string, now = new Date()): Promise<string> {
  const [row] = await db().$queryRaw<{ checkout_key: string }[]>`
    UPDATE carts SET checkout_key = COALESCE(
      CASE WHEN EXISTS (
        SELECT 1 FROM idempotency_keys k JOIN orders o ON o.id = k.order_id
        WHERE k.scope = 'cart:' || carts.id::text AND k.key = carts.checkout_key AND (o.status <> 'pending' OR o.expires_at <= ${now})
      ) THEN NULL ELSE checkout_key END,
      ${randomUUID()})
    WHERE id = ${cartId}::uuid RETURNING checkout_key`;
  return row?.checkout_key ?? randomUUID();
}

/** What the checkout form starts with when the cart has an unpaid order: that order's details, so paying it needs no retyping. */
export interface CheckoutDefaults {
  customer: { name: string; email: string; phone: string };
  shippingAddress: { line1: string; line2: string; city: string; state: string; postalCode: string; country: string };
}

export async function checkoutDefaultsOf(cartId: string | null | undefined, now = new Date()): Promise<CheckoutDefaults | null> {
  if (!isUuid(cartId)) return null;
  const order = await db().order.findFirst({ where: { cartId, status: "pending", expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } });
  if (!order) return null;
  return {
    customer: { name: order.customerName, email: order.email, phone: order.phone },
    shippingAddress: { line1: order.addressLine1, line2: order.addressLine2 ?? "", city: order.city, state: order.state, postalCode: order.postalCode, country: order.country },
  };
}
