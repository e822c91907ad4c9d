// When a build is older than its sources: the drill (scripts/drill/app.ts) and the benchmark
// (tests/bench/servers.ts) rebuild only then.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** The newest modification time (ms) of `entry` and everything below it, skipping folders named in `skip`; 0 if it does not exist. */
export function newestChange(entry: string, skip: readonly string[]): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (skip.includes(child)) continue;
    newest = Math.max(newest, newestChange(path.join(entry, child), skip));
  }
  return newest;
}
