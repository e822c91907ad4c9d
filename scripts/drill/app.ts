// The shop as it runs in production: `next start` on the production build, in a process of its
// own so the drill can SIGKILL it and start it again on the same port.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { newestChange } from "../newest-change";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT = path.join(ROOT, "node_modules/next/dist/bin/next");

/** Sources whose change makes `.next` stale (the sandbox and the drill itself run from source). */
const BUILD_INPUTS = ["app", "lib", "components", "public", "instrumentation.ts", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];

/** Why `.next` cannot be used as is, or undefined when it is current. */
export function staleBuildReason(): string | undefined {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return ".next has no production build";
  const builtAt = statSync(buildId).mtimeMs;
  const changed = BUILD_INPUTS.find((entry) => newestChange(path.join(ROOT, entry), ["generated", "node_modules"]) > builtAt);
  return changed ? `${changed} changed after the last build` : undefined;
}

export function buildApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT, "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

export interface AppProcess {
  url: string;
  /** Milliseconds from spawn until the shop answered. */
  readyAfterMs: number;
  process: ChildProcess;
  /** SIGKILL, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, for the end of the drill. */
  stop(): Promise<void>;
  /** Lines the server printed (kept for the report: alerts, warnings). */
  output(): string[];
}

/**
 * Whether `url` answers 200 within `ms`. The bound is a plain timer that aborts the request and
 * settles the answer itself, so a server that accepts the connection and never answers cannot
 * hold the drill, even if the request failed to notice its abort.
 */
async function answers(url: string, ms: number): Promise<boolean> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(false);
    }, ms);
  });
  const attempt = async () => {
    try {
      const response = await fetch(url, { signal: controller.signal });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false; // not listening yet, or aborted
    }
  };
  try {
    return await Promise.race([attempt(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startApp(port: number, env: Record<string, string>, log: string[]): Promise<AppProcess> {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [NEXT, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      log.push(line);
    }
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`next start exited before answering:\n${lines.slice(-20).join("\n")}`);
    if (await answers(`${url}/api/products`, 2_000)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer within 60 s:\n${lines.slice(-20).join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    readyAfterMs: Date.now() - startedAt,
    process: child,
    async kill() {
      if (!gone) child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (gone) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
    output: () => lines,
  };
}
