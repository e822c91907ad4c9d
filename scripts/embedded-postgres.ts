import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  /** A snapshot of the whole database, loadable with `startEmbeddedPostgres({ load })`. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol so the same
 * DATABASE_URL-driven code, migrations included, runs with no database server installed.
 * PGlite runs one transaction at a time: good for trying the shop, never for proving concurrency.
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; load?: Blob } = {}): Promise<EmbeddedPostgres> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  // pg_trgm: the catalogue's typo-tolerant search (its migration creates the extension).
  const db = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.load, extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 20 });
  await server.start();
  const port = Number(server.getServerConn().split(":").at(-1));
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    dump: async () => db.dumpDataDir("gzip"),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
