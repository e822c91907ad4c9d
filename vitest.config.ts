import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * tests/concurrency holds tests that need a real PostgreSQL server: they hold row locks from a
 * second connection or kill processes mid-transaction, which the embedded PGlite (one
 * transaction at a time) cannot host. Without DATABASE_URL they are left out, and said so, as is
 * tests/bench (the benchmark's quick run: pgbench and several `next start` on one server).
 */
const realPostgres = Boolean(process.env.DATABASE_URL);
if (!realPostgres) console.warn("DATABASE_URL is not set: tests/concurrency (crash recovery, lock-holding races) and tests/bench need a real PostgreSQL server and are left out of this run.");

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.{ts,tsx}"],
    exclude: realPostgres ? ["**/node_modules/**"] : ["**/node_modules/**", "tests/concurrency/**", "tests/bench/**"],
    pool: "forks",
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
