// The load generator the benchmark uses for the shop and its baselines alike: what it counts.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failures, median, percentile, runLoad } from "./load";

let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers["x-n"] ?? ""}`);
    if (request.url === "/hang") return; // never answers: the client's timeout decides
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const n = Number(request.headers["x-n"] ?? 0);
      response.writeHead(n % 4 === 3 ? 503 : 200, { "content-type": "text/plain" }).end(n % 4 === 3 ? "busy" : `echo ${Buffer.concat(chunks).toString()}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("runLoad", () => {
  it("sends exactly maxRequests requests over its connections, counts each status, and hands every body to onBody", async () => {
    const bodies = new Map<number, string>();
    const result = await runLoad({
      baseUrl,
      connections: 4,
      durationMs: 60_000,
      maxRequests: 40,
      request: (i) => ({ method: "POST", path: "/echo", headers: { "x-n": String(i) }, body: `body-${i}` }),
      onBody: (i, status, body) => bodies.set(i, `${status} ${body}`),
    });
    expect(result.requests).toBe(40);
    expect(result.outcomes).toEqual({ "200": 30, "503": 10 });
    expect(failures(result)).toBe(10);
    expect(result.samples[0]).toBe("503 busy");
    expect(bodies.get(0)).toBe("200 echo body-0");
    expect(bodies.get(3)).toBe("503 busy");
    expect(result.latencies).toEqual([...result.latencies].sort((a, b) => a - b));
    expect(result.maxBytes).toBe("echo body-10".length);
  });

  it("stops issuing requests when its duration is over and counts a request that never got an answer as a timeout", async () => {
    const result = await runLoad({ baseUrl, connections: 2, durationMs: 200, timeoutMs: 300, request: () => ({ path: "/hang" }) });
    expect(result.requests).toBe(2);
    expect(result.outcomes).toEqual({ timeout: 2 });
    expect(result.latencies[0]).toBeGreaterThanOrEqual(290);
  });
});

describe("percentile and median", () => {
  it("take the nearest rank and the middle of what is finite", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
  });
});
