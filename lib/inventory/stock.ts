import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** Stock is held per variant: what the shopper picked (a size or pack) is what is counted. */
export interface StockLine {
  variantId: string;
  quantity: number;
}

/**
 * Locks the products rows of the variants, in id order, before any variant is touched. A trigger
 * updates the products row (price and stock aggregates) after each variant change, so without
 * this, two checkouts of different variants of one product would each lock their variant and then
 * wait for the other's products row: a deadlock. Products first, in one global order, then the
 * variants in id order: every writer of stock goes through here.
 *
 * FOR NO KEY UPDATE, not FOR UPDATE: writing an order line takes its foreign keys' KEY SHARE
 * locks on the product and variant rows, and checkout writes the order before it takes stock (so
 * the hot rows stay locked only for the decrement and the commit). FOR UPDATE would conflict with
 * those: two checkouts of one product, each holding KEY SHARE and wanting FOR UPDATE, deadlock.
 * The locks of stock writers still exclude each other, and the trigger's UPDATE of the products
 * row takes the same mode.
 */
async function lockProductsOf(tx: Tx, lines: readonly StockLine[]): Promise<StockLine[]> {
  const ordered = [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId));
  if (ordered.length === 0) return ordered;
  const variantIds = Prisma.join(ordered.map((line) => Prisma.sql`${line.variantId}::uuid`));
  await tx.$queryRaw`SELECT id FROM products WHERE id IN (SELECT product_id FROM product_variants WHERE id IN (${variantIds})) ORDER BY id FOR NO KEY UPDATE`;
  return ordered;
}

/**
 * Takes stock for every line or for none: each decrement is conditional on enough stock, so two
 * shoppers racing for the last unit of a variant cannot both get it (and the CHECK stock >= 0 backs this up).
 */
export async function reserveStock(tx: Tx, lines: readonly StockLine[]): Promise<void> {
  for (const line of await lockProductsOf(tx, lines)) {
    const taken = await tx.$executeRaw`UPDATE product_variants SET stock = stock - ${line.quantity}, updated_at = timezone('UTC', now()) WHERE id = ${line.variantId}::uuid AND stock >= ${line.quantity}`;
    if (taken !== 1) throw new AppError("out_of_stock", "Not enough stock for an item in your cart", { [line.variantId]: "Not enough stock" });
  }
}

/** Tries to reserve; false (and nothing taken) when any line is short. Used for late payments on expired orders. */
export async function tryReserveStock(tx: Tx, lines: readonly StockLine[]): Promise<boolean> {
  try {
    await tx.$executeRaw`SAVEPOINT reserve_stock`;
    await reserveStock(tx, lines);
    await tx.$executeRaw`RELEASE SAVEPOINT reserve_stock`;
    return true;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT reserve_stock`;
    return false;
  }
}

export async function releaseStock(tx: Tx, lines: readonly StockLine[]): Promise<void> {
  for (const line of await lockProductsOf(tx, lines)) {
    await tx.$executeRaw`UPDATE product_variants SET stock = stock + ${line.quantity}, updated_at = timezone('UTC', now()) WHERE id = ${line.variantId}::uuid`;
  }
}
