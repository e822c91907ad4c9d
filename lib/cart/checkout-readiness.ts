/**
 * Whether a cart can go to checkout, from the stock the database reported with it (getCart): a
 * line that is sold out, or asks for more than is left, blocks checkout until the shopper changes
 * it. Pure, so the cart page, the mini-cart and the checkout page say the same thing; the
 * checkout API still re-checks stock under its own lock.
 */
export function checkoutBlocker(lines: readonly { quantity: number; stock: number }[]): string | null {
  if (lines.some((line) => line.stock === 0)) return "An item in your cart has sold out. Remove it to check out.";
  if (lines.some((line) => line.quantity > line.stock)) return "Some items have less stock than you asked for. Lower their quantity to check out.";
  return null;
}
