import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Applies the committed migrations with the ordinary `prisma migrate deploy` (through the WASM
 * schema engine stand-in, see prisma.config.ts). Asynchronous on purpose: an embedded PGlite
 * served from this same process must keep answering while the CLI runs.
 */
export async function migrate(databaseUrl: string): Promise<void> {
  try {
    await promisify(execFile)(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed:\n${stdout}\n${stderr}`);
  }
}
