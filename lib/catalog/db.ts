import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Catalogue reads take milliseconds (indexed, one page at a time); one that runs longer is cancelled by PostgreSQL. */
export const CATALOG_STATEMENT_TIMEOUT_MS = 2_000;
/** Connections catalogue reads may hold at once, per process, beside the main pool that checkout and payments use. */
export const CATALOG_POOL_SIZE = 3;

const globalForCatalog = globalThis as unknown as { catalogPrisma?: PrismaClient };

/**
 * A bulkhead for catalogue reads: their own small pool with a statement timeout, so a burst of
 * page renders (a sale, a crawler, renders whose shoppers have left) waits for these few
 * connections and never takes the ones checkout, verify and webhooks need, and no read keeps the
 * database busy for longer than the timeout. The embedded PGlite serves one connection only: there
 * the catalogue shares the main client.
 */
export function catalogDb(): PrismaClient {
  if (config().databasePoolSize === 1) return db();
  globalForCatalog.catalogPrisma ??= new PrismaClient({
    adapter: new PrismaPg({
      connectionString: config().databaseUrl,
      max: CATALOG_POOL_SIZE,
      statement_timeout: CATALOG_STATEMENT_TIMEOUT_MS,
      // A page waits this long for one of the few connections before it fails (and shows the error page).
      connectionTimeoutMillis: 5_000,
    }),
  });
  return globalForCatalog.catalogPrisma;
}
