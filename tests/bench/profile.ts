// Summarises a V8 CPU profile (`node --cpu-prof`, as `npm run bench -- --profile` starts the shop)
// into where the server's time went: self time per package or area, and the hottest functions.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Which part of the stack a frame belongs to: a package, the app's own code, Node itself, or idle. */
function area(frame: ProfileNode["callFrame"]): string {
  if (frame.functionName === "(idle)") return "(idle)";
  if (frame.functionName === "(garbage collector)") return "(garbage collector)";
  if (frame.functionName === "(program)") return "(program)";
  const url = frame.url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes("/.next/server/chunks/") || url.includes("/.next/server/app/")) return "app code (.next/server bundles)";
  if (url.startsWith("node:") || url === "") return "node internals";
  return path.basename(url);
}

export function summariseProfile(file: string, top = 12): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)!.callFrame;
    total += micros;
    const where = area(frame);
    selfByArea.set(where, (selfByArea.get(where) ?? 0) + micros);
    const name = `${frame.functionName || "(anonymous)"} ${where === "app code (.next/server bundles)" ? "[app]" : `[${where}]`}`;
    selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + micros);
  });
  const busy = total - (selfByArea.get("(idle)") ?? 0);
  const share = (micros: number) => `${((micros / busy) * 100).toFixed(1)} %`;
  const sorted = (map: Map<string, number>) => [...map].filter(([name]) => name !== "(idle)" && !name.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `CPU profile ${path.basename(file)}: ${(total / 1e6).toFixed(1)} s recorded, busy ${(busy / 1e6).toFixed(1)} s (${((busy / total) * 100).toFixed(0)} % of one core)`,
    "self time by area (share of busy time):",
    ...sorted(selfByArea).map(([name, micros]) => `  ${share(micros).padStart(7)}  ${name}`),
    "hottest functions (self time):",
    ...sorted(selfByFunction).map(([name, micros]) => `  ${share(micros).padStart(7)}  ${name}`),
  ].join("\n");
}

/** The newest .cpuprofile in `dir`. */
export function newestProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((file) => file.endsWith(".cpuprofile")).sort();
  return files.length ? path.join(dir, files.at(-1)!) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) console.log(summariseProfile(file));
}
