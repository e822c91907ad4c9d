import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { config } from "./config";

export { Prisma };
export type Tx = Prisma.TransactionClient;

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; singleConnection?: pg.Pool };

/** One client per process (Next's dev server reloads modules, so it is kept on globalThis). */
export function db(): PrismaClient {
  const { databaseUrl, databasePoolSize } = config();
  globalForPrisma.prisma ??= new PrismaClient({
    adapter: new PrismaPg(databasePoolSize === 1 ? singleConnection() : { connectionString: databaseUrl, max: databasePoolSize }),
  });
  return globalForPrisma.prisma;
}

/**
 * With DATABASE_POOL_SIZE=1 (the embedded PGlite, whose socket server mixes up the queries of
 * concurrent connections) the process has exactly one connection, shared by Prisma and the job
 * queue (lib/queue/boss.ts): a pool of one hands it to one user at a time.
 */
export function singleConnection(): pg.Pool {
  if (!globalForPrisma.singleConnection) {
    const pool = new pg.Pool({ connectionString: config().databaseUrl, max: 1 });
    // An idle connection the server closed (the embedded database stopping) must not crash the process.
    pool.on("error", () => {});
    globalForPrisma.singleConnection = pool;
  }
  return globalForPrisma.singleConnection;
}

const RETRYABLE_PRISMA_CODES = new Set(["P2034", "P2028"]);
const RETRYABLE_PG_CODES = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 6;

function isRetryable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (RETRYABLE_PRISMA_CODES.has(error.code)) return true;
    const pgCode = (error.meta as { driverAdapterError?: { cause?: { originalCode?: string } } } | undefined)?.driverAdapterError?.cause?.originalCode;
    return pgCode !== undefined && RETRYABLE_PG_CODES.has(pgCode);
  }
  const message = error instanceof Error ? error.message : "";
  return /could not serialize access|deadlock detected|Transaction already closed|Unable to start a transaction/i.test(message);
}

/**
 * Runs `work` in an interactive transaction, retrying with jittered backoff when PostgreSQL
 * reports contention (serialization failure, deadlock) so callers never see it as an error.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction(work, { maxWait: 15_000, timeout: 20_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}

/** True when a write failed on a unique constraint: the row someone else inserted first wins. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
