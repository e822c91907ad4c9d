import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { inject } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";

export type TestDatabaseServer = { kind: "server"; adminUrl: string; template: string } | { kind: "embedded"; dumpPath: string };

export interface TestDatabase {
  url: string;
  /** True on a real PostgreSQL server, where concurrent transactions really run concurrently. */
  concurrent: boolean;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a copy of the template made by global-setup. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject("databaseServer");
  if (server.kind === "embedded") {
    const load = new Blob([await readFile(server.dumpPath)]);
    const embedded = await startEmbeddedPostgres({ load });
    return { url: embedded.url, concurrent: false, drop: () => embedded.stop() };
  }
  const name = `storefront_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${server.template}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    concurrent: true,
    async drop() {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
