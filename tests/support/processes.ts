import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ChildApp {
  url: string;
  process: ChildProcess;
  /** Resolves with the signal that ended the process. */
  exited: Promise<NodeJS.Signals | null>;
  kill(): Promise<NodeJS.Signals | null>;
}

/** Starts the route handlers in a separate Node process with the given environment. */
export async function startChildApp(env: Record<string, string | undefined>): Promise<ChildApp> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/child-app.ts"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.on("exit", () => reject(new Error(`child app exited before listening: ${output}`)));
  });
  return {
    url,
    process: child,
    exited,
    kill: () => {
      child.kill("SIGKILL");
      return exited;
    },
  };
}

/**
 * An HTTP proxy in front of the sandbox that calls `onResponse` once the upstream answered and
 * before the answer is passed on: a test kills the caller there, so the call happened at
 * Razorpay but the caller never learned its result.
 */
export async function startInterceptingProxy(upstream: string, onResponse: (request: IncomingMessage, upstreamStatus: number) => Promise<"forward" | "drop">) {
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const target = new URL(incoming.url ?? "/", upstream);
    const forward = httpRequest(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, async (answer) => {
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      if ((await onResponse(incoming, answer.statusCode ?? 0)) === "drop") {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
