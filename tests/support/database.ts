import { readFile } from "node:fs/promises";
import { inject } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/embedded-postgres";
import { createScratchDatabase } from "./scratch-database";

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
  const scratch = await createScratchDatabase(server.adminUrl, { prefix: "storefront_test", template: server.template });
  return { url: scratch.url, concurrent: true, drop: scratch.drop };
}
