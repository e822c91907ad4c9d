import { randomBytes } from "node:crypto";
import pg from "pg";

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database on the server `serverUrl` points at (optionally a copy of `template`), and its disposal. */
export async function createScratchDatabase(serverUrl: string, options: { prefix: string; template?: string }): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${options.prefix}_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ""}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
