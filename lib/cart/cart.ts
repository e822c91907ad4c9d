import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { lineTotal, orderTotals, type Totals } from "@/lib/orders/totals";

/** The httpOnly cookie that binds a browser to its cart row. */
export const CART_COOKIE = "cart";
export const MAX_QUANTITY_PER_LINE = 10;

export interface CartLine {
  productId: string;
  slug: string;
  name: string;
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
  const items = isUuid(cartId)
    ? await db().cartItem.findMany({ where: { cartId }, include: { product: true }, orderBy: { addedAt: "asc" } })
    : [];
  const lines = items.map(({ product, quantity }) => ({
    productId: product.id,
    slug: product.slug,
    name: product.name,
    image: product.image,
    unitPrice: product.price,
    quantity,
    lineTotal: lineTotal({ unitPrice: product.price, quantity }),
    stock: product.stock,
  }));
  return {
    id: isUuid(cartId) ? cartId : null,
    lines,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    totals: orderTotals(lines),
  };
}

async function productForCart(productId: string) {
  const product = isUuid(productId) ? await db().product.findUnique({ where: { id: productId } }) : null;
  if (!product) throw new AppError("not_found", "That product does not exist", { productId: "Unknown product" });
  return product;
}

function checkQuantity(quantity: number, stock: number, name: string): void {
  if (quantity > MAX_QUANTITY_PER_LINE) throw new AppError("invalid_request", `You can buy at most ${MAX_QUANTITY_PER_LINE} of ${name}`, { quantity: `At most ${MAX_QUANTITY_PER_LINE}` });
  if (quantity > stock) {
    const left = stock === 0 ? "is sold out" : `has only ${stock} left`;
    throw new AppError("out_of_stock", `${name} ${left}`, { quantity: stock === 0 ? "Sold out" : `Only ${stock} left` });
  }
}

/** Adds to the cart, creating the cart on first use; returns the cart id for the cookie. */
export async function addToCart(cartId: string | undefined, productId: string, quantity: number): Promise<string> {
  const product = await productForCart(productId);
  const id = isUuid(cartId) && (await db().cart.findUnique({ where: { id: cartId } })) ? cartId : (await db().cart.create({ data: {} })).id;
  const existing = await db().cartItem.findUnique({ where: { cartId_productId: { cartId: id, productId } } });
  checkQuantity((existing?.quantity ?? 0) + quantity, product.stock, product.name);
  await db().cartItem.upsert({
    where: { cartId_productId: { cartId: id, productId } },
    create: { cartId: id, productId, quantity },
    update: { quantity: { increment: quantity } },
  });
  return id;
}

/** Sets a line's quantity; zero removes the line. */
export async function setCartQuantity(cartId: string | undefined, productId: string, quantity: number): Promise<void> {
  if (!isUuid(cartId)) throw new AppError("not_found", "Your cart is empty");
  if (quantity === 0) return removeFromCart(cartId, productId);
  const product = await productForCart(productId);
  checkQuantity(quantity, product.stock, product.name);
  const updated = await db().cartItem.updateMany({ where: { cartId, productId }, data: { quantity } });
  if (updated.count === 0) throw new AppError("not_found", `${product.name} is not in your cart`);
}

export async function removeFromCart(cartId: string | undefined, productId: string): Promise<void> {
  if (!isUuid(cartId) || !isUuid(productId)) return;
  await db().cartItem.deleteMany({ where: { cartId, productId } });
}
