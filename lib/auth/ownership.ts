import { db } from "@/lib/db";
import { recordAuthEvent } from "./audit";

/**
 * Orders belong to the shopper who proved they read the email they were placed with. Guest
 * orders placed with that address, before or after the account existed, are linked here: when
 * the shopper signs in by magic link and whenever they open their account (which covers orders
 * they placed while signed in). Checkout lowercases emails, as accounts do, so equality suffices.
 * An unverified account claims nothing.
 */
export async function claimOrdersOfVerifiedEmail(userId: string): Promise<number> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  if (!user?.emailVerified) return 0;
  const { count } = await db().order.updateMany({ where: { email: user.email, userId: null }, data: { userId } });
  if (count > 0) await recordAuthEvent({ userId, actor: userId, action: "orders_claimed", data: { count } });
  return count;
}
