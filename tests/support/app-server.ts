import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { NextRequest } from "next/server";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Route {
  pattern: RegExp;
  params: string[];
  file: string;
}

/** app/api/orders/[id]/status/route.ts → /^\/api\/orders\/([^/]+)\/status$/ with params ["id"]; a catch-all [...name] takes the rest of the path as an array. */
async function discoverRoutes(): Promise<Route[]> {
  const files = (await readdir(API_DIR, { recursive: true })).filter((file) => file.endsWith("route.ts"));
  return files.map((file) => {
    const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== ".");
    const params: string[] = [];
    const source = segments.map((segment) => {
      const param = /^\[(.+)\]$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      params.push(param[1]);
      return param[1].startsWith("...") ? "(.+)" : "([^/]+)";
    });
    return { pattern: new RegExp(`^/api/${source.join("/")}$`), params, file: path.join(API_DIR, file) };
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the real route handlers from app/api over real HTTP, without the rest of Next.js: the
 * integration tests (and the sandbox's webhook deliveries) exercise exactly the handler code,
 * with raw bodies, headers and cookies as a browser or Razorpay sends them. Browser tests run
 * the full production build instead.
 */
export async function startAppServer(): Promise<AppServer> {
  // As instrumentation.ts does under Next: the rate limiter sees the TCP peer.
  const { installPeerAddressHeader } = await import("@/lib/ratelimit/client");
  installPeerAddressHeader();
  const routes = await discoverRoutes();
  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host}`);
      const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
      const module = route ? ((await import(route.file)) as Record<string, Handler | undefined>) : undefined;
      const handler = module?.[incoming.method ?? "GET"];
      if (!route || !handler) {
        outgoing.writeHead(route ? 405 : 404).end();
        return;
      }
      const values = route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const params = Object.fromEntries(route.params.map((name, i) => (name.startsWith("...") ? [name.slice(3), values[i].split("/")] : [name, values[i]])));
      const body = incoming.method === "GET" || incoming.method === "HEAD" ? undefined : new Uint8Array(await readBody(incoming));
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
      }
      const response = await handler(new NextRequest(url, { method: incoming.method, headers, body }), { params: Promise.resolve(params) });
      const responseHeaders: Record<string, string | string[]> = Object.fromEntries(response.headers);
      const cookies = response.headers.getSetCookie();
      if (cookies.length) responseHeaders["set-cookie"] = cookies;
      outgoing.writeHead(response.status, responseHeaders).end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      // A handler must never throw (lib/http.ts maps errors); if one does, the test should see it.
      console.error("route handler threw", error);
      outgoing.writeHead(599).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
