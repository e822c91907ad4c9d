// A throwaway PostgreSQL cluster for the drill: its own data folder, its own free port, so the
// drill can stop and start the database mid-load without touching the shared server on 5432.
import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./ports";

const run = promisify(execFile);
const BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";

export interface Cluster {
  url: string;
  port: number;
  /** `pg_ctl stop -m fast`: connections are cut, as in an outage. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (immediately) and deletes its folder. */
  destroy(): Promise<void>;
}

/** initdb refuses to run as root: as root, the folder is given to `postgres` and the tools run as that user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ["runuser", ["-u", "postgres", "--", command, ...args]];
}

async function postgresTool(tool: string, args: string[]): Promise<void> {
  const [command, argv] = asPostgres(path.join(BIN, tool), args);
  try {
    await run(command, argv, { timeout: 60_000 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${tool} ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

async function ownerIds(user: string): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run("id", ["-u", user])).stdout.trim());
  const gid = Number((await run("id", ["-g", user])).stdout.trim());
  return { uid, gid };
}

export async function waitForDatabase(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`PostgreSQL at ${url} did not answer within ${timeoutMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function startCluster(): Promise<Cluster> {
  const folder = mkdtempSync(path.join(tmpdir(), "storefront-drill-pg-"));
  if (process.getuid?.() === 0) {
    const { uid, gid } = await ownerIds("postgres");
    chownSync(folder, uid, gid);
  }
  const data = path.join(folder, "data");
  const port = await freePort();
  await postgresTool("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  // fsync off: a drill measures the shop's behaviour, not the disk; the cluster is thrown away.
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => postgresTool("pg_ctl", ["-D", data, "-o", options, "-l", path.join(folder, "log"), "-w", "-t", "30", "start"]);
  await start();
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await waitForDatabase(url);
  let destroyed = false;
  return {
    url,
    port,
    stop: () => postgresTool("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]),
    async start() {
      await start();
      await waitForDatabase(url);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await postgresTool("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => {});
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
