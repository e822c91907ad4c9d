import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface StockLine {
  productId: string;
  quantity: number;
}

/** Lines in a fixed order, so concurrent transactions lock product rows in the same order and never deadlock. */
function inLockOrder(lines: readonly StockLine[]): StockLine[] {
  return [...lines].sort((a, b) => a.productId.localeCompare(b.productId));
}

/**
 * Takes stock for every line or for none: each decrement is conditional on enough stock, so two
 * shoppers racing for the last unit cannot both get it (and the CHECK stock >= 0 backs this up).
 */
export async function reserveStock(tx: Tx, lines: readonly StockLine[]): Promise<void> {
  for (const line of inLockOrder(lines)) {
    const taken = await tx.$executeRaw`UPDATE products SET stock = stock - ${line.quantity}, updated_at = now() WHERE id = ${line.productId}::uuid AND stock >= ${line.quantity}`;
    if (taken !== 1) throw new AppError("out_of_stock", "Not enough stock for an item in your cart", { [line.productId]: "Not enough stock" });
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
  for (const line of inLockOrder(lines)) {
    await tx.$executeRaw`UPDATE products SET stock = stock + ${line.quantity}, updated_at = now() WHERE id = ${line.productId}::uuid`;
  }
}
