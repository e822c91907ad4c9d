// `next start` on the production build beside the integration tests' own shop (same database and
// settings, NEXTAUTH_URL pointing at itself), for tests that must go through the real Next.js
// server: proxy.ts, server components, redirects. Building is tests/next/next-shop.ts's job.
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT, ensureProductionBuild, freePort } from "../next/next-shop";

export interface NextServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startNextServer(): Promise<NextServer> {
  await ensureProductionBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    // A production server on the sandbox must say it is a demo (lib/config.ts).
    env: { ...process.env, NODE_ENV: "production", SHOP_MODE: "demo", NEXTAUTH_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`${url}/api/products`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
