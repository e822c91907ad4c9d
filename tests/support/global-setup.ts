import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { migrate } from "../../scripts/migrate";
import type { TestDatabaseServer } from "./database";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A hash of the migrations, so the migrated template is rebuilt exactly when they change. */
async function migrationsHash(): Promise<string> {
  const dir = path.join(ROOT, "prisma/migrations");
  const hash = createHash("sha256");
  for (const entry of (await readdir(dir, { recursive: true })).sort()) {
    if (entry.endsWith(".sql")) hash.update(entry).update(await readFile(path.join(dir, entry)));
  }
  return hash.digest("hex").slice(0, 12);
}

/**
 * Prepares one migrated template database, through the ordinary `prisma migrate deploy`; every
 * test file then gets its own copy, so files run in parallel without seeing each other's rows.
 * PostgreSQL named by DATABASE_URL (CI names the real server) is used when set; otherwise an
 * embedded PGlite, which runs one transaction at a time and so proves less about concurrency.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = `storefront_test_template_${await migrationsHash()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_building_${process.pid}`;
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
        await admin.query(`CREATE DATABASE "${building}"`);
        const url = new URL(serverUrl);
        url.pathname = `/${building}`;
        await migrate(url.toString());
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await admin.end();
    }
    console.log(`Integration tests use PostgreSQL from DATABASE_URL (${new URL(serverUrl).host}), one database per test file.`);
    project.provide("databaseServer", { kind: "server", adminUrl: serverUrl, template } satisfies TestDatabaseServer);
    return;
  }

  console.warn(
    "DATABASE_URL is not set: integration tests fall back to embedded PGlite, which runs one transaction at a time, " +
      "so the concurrency tests pass without proving much. Set DATABASE_URL to a PostgreSQL server (as CI does) to prove them.",
  );
  const embedded = await startEmbeddedPostgres();
  const dumpPath = path.join(tmpdir(), `storefront-test-template-${process.pid}.tar.gz`);
  try {
    await migrate(embedded.url);
    await writeFile(dumpPath, Buffer.from(await (await embedded.dump()).arrayBuffer()));
  } finally {
    await embedded.stop();
  }
  project.provide("databaseServer", { kind: "embedded", dumpPath } satisfies TestDatabaseServer);
  return () => rm(dumpPath, { force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseServer: TestDatabaseServer;
  }
}
