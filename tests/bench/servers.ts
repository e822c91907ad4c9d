// The processes a benchmark run starts: the shop's production build and the baseline app, each
// with `next start` from the repository's one `next` package, as children of the harness.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { newestChange } from "../../scripts/newest-change";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BASELINE_DIR = path.join(import.meta.dirname, "baseline");
const NEXT = path.join(ROOT, "node_modules/next/dist/bin/next");
/** Generous: three servers starting at once on a busy 2-core machine. */
const START_TIMEOUT_MS = 300_000;

export interface NextServer {
  name: string;
  url: string;
  process: ChildProcess;
  /** The last lines it printed, for errors. */
  tail(): string[];
  /** Where its output goes. */
  logFile: string;
  stop(): Promise<void>;
}

/** Builds the baseline app when its build is missing or older than its sources or the `next` package. */
export function ensureBaselineBuild(): void {
  const buildId = path.join(BASELINE_DIR, ".next/BUILD_ID");
  const skip = [".next", "node_modules"];
  const inputs = Math.max(newestChange(path.join(BASELINE_DIR, "app"), skip), newestChange(path.join(BASELINE_DIR, "next.config.ts"), skip), newestChange(path.join(ROOT, "node_modules/next/package.json"), skip));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > inputs) return;
  console.log("bench: building the baseline app (tests/bench/baseline)");
  // webpack: Turbopack (16.4) builds the enclosing repository's proxy.ts and instrumentation.ts into a nested app.
  const build = spawnSync(process.execPath, [NEXT, "build", "--webpack"], { cwd: BASELINE_DIR, encoding: "utf8", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`next build of the baseline failed:\n${build.stdout}\n${build.stderr}`);
}

/** `next start` in `dir` on `port` (node started with `nodeArgs`, e.g. --cpu-prof), resolved once `readyPath` answers 200. */
export async function startNext(name: string, dir: string, port: number, env: Record<string, string>, readyPath: string, nodeArgs: string[] = []): Promise<NextServer> {
  // Output goes to a file, not a pipe: a pipe the harness reads late would block the server's
  // synchronous log writes and slow it down for reasons of the harness's own making.
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), "bench-next-")), "output.log");
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, [...nodeArgs, NEXT, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: path.resolve(ROOT, dir),
    env: { ...process.env, ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const tail = () => readFileSync(logFile, "utf8").split("\n").filter((line) => line.trim()).slice(-30);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (gone) throw new Error(`${name}: next start exited before answering:\n${tail().join("\n")}`);
    try {
      const response = await fetch(url + readyPath, { signal: AbortSignal.timeout(20_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${name}: next start did not answer ${readyPath} within ${START_TIMEOUT_MS / 1000} s:\n${tail().join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    url,
    process: child,
    tail,
    logFile,
    async stop() {
      if (gone) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
