// The load generator, the same for the shop and its baselines: closed-loop HTTP/1.1 clients on
// keep-alive connections (node:http), each sending its next request as soon as the previous
// answer has been read in full. Latency is measured from sending to the last byte.
import http from "node:http";

export interface BenchRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  connections: number;
  /** Stop after this long ... */
  durationMs: number;
  /** ... or after this many requests, whichever comes first. */
  maxRequests?: number;
  /** The i-th request (i counts from 0 across all connections). */
  request(i: number): BenchRequest;
  timeoutMs?: number;
  /** Called with every answer's body (collected only when this is given). */
  onBody?(i: number, status: string, body: string): void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Completed requests per second. */
  rate: number;
  /** Milliseconds, ascending. */
  latencies: number[];
  /** Count per HTTP status, or per error kind (timeout, ECONNRESET, ...). */
  outcomes: Record<string, number>;
  /** Largest response body, bytes. */
  maxBytes: number;
  /** Bodies of a few non-2xx answers, to say why. */
  samples: string[];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const samples: string[] = [];
  let maxBytes = 0;
  let issued = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const more = () => performance.now() < deadline && (options.maxRequests === undefined || issued < options.maxRequests);

  const keepBodies = options.onBody !== undefined;
  const send = (spec: BenchRequest) =>
    new Promise<{ status: string; bytes: number; body: string }>((resolve) => {
      const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: spec.method ?? "GET",
          path: spec.path,
          headers: { ...(body ? { "content-length": String(body.length) } : {}), ...spec.headers },
          timeout: options.timeoutMs ?? 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          response.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            if (keepBodies || (response.statusCode! >= 300 && chunks.length < 4)) chunks.push(chunk);
          });
          response.on("end", () => resolve({ status: String(response.statusCode), bytes, body: Buffer.concat(chunks).toString() }));
          response.on("error", (error) => resolve({ status: (error as NodeJS.ErrnoException).code ?? "error", bytes, body: "" }));
        },
      );
      request.on("timeout", () => request.destroy(Object.assign(new Error("timeout"), { code: "timeout" })));
      request.on("error", (error) => resolve({ status: (error as NodeJS.ErrnoException).code ?? "error", bytes: 0, body: error.message }));
      request.end(body);
    });

  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (more()) {
        const i = issued++;
        const spec = options.request(i);
        const sent = performance.now();
        const { status, bytes, body } = await send(spec);
        options.onBody?.(i, status, body);
        latencies.push(performance.now() - sent);
        outcomes[status] = (outcomes[status] ?? 0) + 1;
        maxBytes = Math.max(maxBytes, bytes);
        if (!status.startsWith("2") && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds, rate: latencies.length / seconds, latencies, outcomes, maxBytes, samples };
}

/** The p-th percentile of ascending values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Requests that were not answered with a 2xx. */
export function failures(result: LoadResult): number {
  return Object.entries(result.outcomes).reduce((sum, [status, count]) => (status.startsWith("2") ? sum : sum + count), 0);
}
