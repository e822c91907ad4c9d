import { PrismaAdapter } from "@auth/prisma-adapter";
import type { Adapter } from "next-auth/adapters";
import { db } from "@/lib/db";

let adapter: Adapter | undefined;

/**
 * next-auth's Prisma adapter over our client, made on first use: creating it while modules load
 * would read the configuration during `next build`. The adapter types its client as `any` and
 * returns @auth/core's types; both sides speak the same tables (users, accounts, sessions,
 * verification_tokens), so this cast is the one place the two libraries' types meet.
 */
export function authAdapter(): Adapter {
  adapter ??= PrismaAdapter(db()) as unknown as Adapter;
  return adapter;
}
